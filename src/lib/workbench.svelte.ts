import {
  DEFAULT_JOB_TEXT,
  formatJobSettings,
  openWorkbenchStore,
  parseJobSettings,
  WorkbenchClient,
  type JobSnapshot,
  type WorkbenchStore,
} from '../client/index.ts';
import { alerts } from './alerts.svelte.ts';
import { brokenWorker } from './debug-hooks.ts';

/**
 * The Workbench's state (runes), shared by the Workbench and Data pages and kept while the user
 * moves between pages, so a running job keeps running.
 */
class Workbench {
  text = $state(DEFAULT_JOB_TEXT);
  snapshot = $state.raw<JobSnapshot | null>(null);
  inputError = $state<string | null>(null);
  running = $state(false);
  stopping = $state(false);
  storeKind = $state<WorkbenchStore['kind'] | null>(null);
  private store: WorkbenchStore | null = null;
  private client: WorkbenchClient | null = null;
  private loading: Promise<void> | null = null;

  /** A stopped or interrupted run that can continue where it left off. */
  readonly canContinue = $derived(
    !this.running &&
      (this.snapshot?.status === 'stopped' || this.snapshot?.status === 'interrupted') &&
      this.snapshot.resumeOffset < this.snapshot.settings.events,
  );

  /** Opens the store and restores the last settings and snapshot (once). */
  load(): Promise<void> {
    this.loading ??= this.restore();
    return this.loading;
  }

  private async restore(): Promise<void> {
    const store = await openWorkbenchStore();
    this.store = store;
    this.storeKind = store.kind;
    if (store.warning)
      alerts.show({ id: 'storage', kind: 'warning', title: 'Storage', message: store.warning });
    try {
      const [settings, snapshot] = await Promise.all([store.loadSettings(), store.loadSnapshot()]);
      if (settings) this.text = formatJobSettings(settings);
      // A snapshot still marked running was cut off by a reload: it can continue.
      if (snapshot)
        this.snapshot = snapshot.status === 'running' ? { ...snapshot, status: 'interrupted' } : snapshot;
    } catch (error) {
      this.fail('Storage', `Could not read the saved Workbench state: ${String(error)}`);
    }
  }

  /** Runs the job in the editor from the start. */
  async run(): Promise<void> {
    const parsed = parseJobSettings(this.text);
    this.inputError = parsed.ok ? null : parsed.error;
    if (!parsed.ok) return;
    await this.execute((client) => client.run(parsed.settings, { onSnapshot: (s) => (this.snapshot = s) }));
  }

  /** Continues the stopped or interrupted run from its resume offset. */
  async continue(): Promise<void> {
    const resume = this.snapshot;
    if (!resume || !this.canContinue) return;
    this.text = formatJobSettings(resume.settings);
    await this.execute((client) =>
      client.run(resume.settings, { resume, onSnapshot: (s) => (this.snapshot = s) }),
    );
  }

  async stop(): Promise<void> {
    if (!this.client || !this.running) return;
    this.stopping = true;
    try {
      await this.client.stop();
    } catch (error) {
      this.fail('Stop', String(error instanceof Error ? error.message : error));
    }
  }

  /** Forgets the stored settings and snapshot. */
  async clearStored(): Promise<void> {
    await this.load();
    await this.store!.clear();
    this.snapshot = null;
    this.text = DEFAULT_JOB_TEXT;
  }

  private async execute(job: (client: WorkbenchClient) => Promise<JobSnapshot>): Promise<void> {
    await this.load();
    alerts.dismiss('job');
    this.client ??= new WorkbenchClient({
      store: this.store!,
      breakWorker: brokenWorker(),
      onWarning: (message) =>
        alerts.show({ id: 'storage-write', kind: 'warning', title: 'Storage', message }),
    });
    this.running = true;
    try {
      this.snapshot = await job(this.client);
    } catch (error) {
      this.fail('Job', error instanceof Error ? error.message : String(error));
    } finally {
      this.running = false;
      this.stopping = false;
    }
  }

  private fail(title: string, message: string): void {
    alerts.show({ id: 'job', kind: 'error', title, message });
  }
}

export const workbench = new Workbench();
