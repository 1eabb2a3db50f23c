/**
 * A lazily opened IndexedDB connection shared by the stores of one database name (checkpoints,
 * savepoints, log topics). It is opened on first use; when the browser closes it (another tab
 * upgrades the schema, the connection is terminated) or opening fails, it is forgotten, so the
 * next use opens it again instead of failing forever on a dead connection.
 *
 * @example
 * const connection = new ReopeningConnection((onClosed) => openCheckpointDb('rivulet-checkpoints', onClosed));
 * const db = await connection.get();
 * await connection.close();
 */
export class ReopeningConnection<Db extends { close(): void }> {
  private db: Promise<Db> | null = null;

  /** `open` opens the database and calls `onClosed` when the browser closes it. */
  constructor(private readonly open: (onClosed: () => void) => Promise<Db>) {}

  /** The open connection, opening it if there is none. */
  get(): Promise<Db> {
    this.db ??= this.open(() => {
      this.db = null;
    }).catch((e: unknown) => {
      this.db = null;
      throw e;
    });
    return this.db;
  }

  /** Closes the connection, if open (a later {@link get} reopens it). */
  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db) (await db).close();
  }
}
