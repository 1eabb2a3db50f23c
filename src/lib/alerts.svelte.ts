export interface Alert {
  id: string;
  kind: 'error' | 'warning' | 'info';
  title: string;
  message: string;
  /** A button next to the message (e.g. Reload for a new version). */
  action?: { label: string; run: () => void };
}

/** Page-wide banners: worker failures, storage fallbacks. Nothing that goes wrong is hidden. */
class Alerts {
  items = $state<Alert[]>([]);

  /** Shows a banner; a banner with the same id is replaced. */
  show(alert: Alert): void {
    this.items = [...this.items.filter((a) => a.id !== alert.id), alert];
  }

  dismiss(id: string): void {
    this.items = this.items.filter((a) => a.id !== id);
  }
}

export const alerts = new Alerts();
