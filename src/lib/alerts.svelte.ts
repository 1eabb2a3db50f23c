export interface Alert {
  id: string;
  kind: 'error' | 'warning';
  title: string;
  message: string;
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
