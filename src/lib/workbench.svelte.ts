import {
  deleteCheckpoints,
  DEFAULT_JOB_TEXT,
  formatJobSettings,
  openWorkbenchStore,
  parseJobSettings,
  WorkbenchClient,
  type JobSnapshot,
  type WorkbenchStore,
} from '../client/index.ts';
import { alerts } from './alerts.svelte.ts';

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

  /** A stopped or interrupted run that can resume from its job's latest checkpoint. */
  readonly canContinue = $derived(
    !this.running &&
      (this.snapshot?.status === 'stopped' || this.snapshot?.status === 'interrupted') &&
      typeof this.snapshot.jobId === 'string',
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
      // A snapshot still marked running was cut off by a reload: it can continue. Snapshots of the
      // skeleton's former runtime (no engine job id) have no checkpoints to resume from.
      if (snapshot && typeof snapshot.jobId === 'string')
        this.snapshot = snapshot.status === 'running' ? { ...snapshot, status: 'interrupted' } : snapshot;
    } catch (error) {
      this.fail('Storage', `Could not read the saved Workbench state: ${String(error)}`);
    }
  }

  /** Runs the job in the editor from the start (dropping the checkpoints of an unfinished run). */
  async run(): Promise<void> {
    const parsed = parseJobSettings(this.text);
    this.inputError = parsed.ok ? null : parsed.error;
    if (!parsed.ok) return;
    await this.dropCheckpointsOfUnfinishedRun();
    await this.execute((client) => client.run(parsed.settings, { onSnapshot: (s) => (this.snapshot = s) }));
  }

  /** Continues the stopped or interrupted run from its job's latest checkpoint. */
  async continue(): Promise<void> {
    const resume = this.snapshot;
    if (!resume || !this.canContinue) return;
    this.text = formatJobSettings(resume.settings);
    await this.execute((client) =>
      client.run(resume.settings, { resume, onSnapshot: (s) => (this.snapshot = s) }),
    );
  }

  /** Stops the running job; its checkpoints stay, so Continue can resume it. */
  stop(): void {
    if (!this.client || !this.running) return;
    this.stopping = true;
    this.client.stop();
  }

  /** Forgets the stored settings and snapshot (and the checkpoints of an unfinished run). */
  async clearStored(): Promise<void> {
    await this.load();
    await this.dropCheckpointsOfUnfinishedRun();
    await this.store!.clear();
    this.snapshot = null;
    this.text = DEFAULT_JOB_TEXT;
  }

  private async execute(job: (client: WorkbenchClient) => Promise<JobSnapshot>): Promise<void> {
    await this.load();
    alerts.dismiss('job');
    this.client ??= new WorkbenchClient({
      store: this.store!,
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

  /** A stopped, interrupted or failed run keeps its checkpoints for Continue; a new run drops them. */
  private async dropCheckpointsOfUnfinishedRun(): Promise<void> {
    const previous = this.snapshot;
    if (!previous?.jobId || previous.status === 'finished') return;
    await deleteCheckpoints(previous.jobId).catch((error: unknown) =>
      alerts.show({
        id: 'storage-write',
        kind: 'warning',
        title: 'Storage',
        message: `Could not delete the checkpoints of the previous run: ${String(error)}`,
      }),
    );
  }

  private fail(title: string, message: string): void {
    alerts.show({ id: 'job', kind: 'error', title, message });
  }
}

export const workbench = new Workbench();
