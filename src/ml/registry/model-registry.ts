import { openDB, type IDBPDatabase } from 'idb';
import { Model, type ModelJson } from '../pipeline/model.ts';

/** One saved version of a model. */
export interface RegistryEntry {
  name: string;
  version: number;
  kind: string;
  createdAt: number;
  metrics: Record<string, number>;
  params: unknown;
  fingerprint: string;
  model: ModelJson;
}
/** What {@link ModelRegistry.list} returns per version (no model body). */
export type RegistrySummary = Omit<RegistryEntry, 'model'>;

/** Format tag and version of exported model files. */
export const REGISTRY_EXPORT_FORMAT = 'rivulet-model-registry-export';
export const REGISTRY_EXPORT_VERSION = 1;

const STORE = 'versions';

/**
 * Model registry in IndexedDB (idb): every save of a name is a new version with metrics, parameters,
 * training-data fingerprint and timestamp; list, load, compare, delete, export/import as a JSON file
 * (the MLP's file holds its tfjs model.json topology and weights).
 *
 * @example
 * ```ts
 * const reg = await ModelRegistry.open();
 * const { version } = await reg.save('churn', model, { metrics: { auc: 0.91 }, fingerprint: dataFingerprint(rows) });
 * const same = await reg.load('churn', version);
 * ```
 */
export class ModelRegistry {
  private constructor(private readonly db: IDBPDatabase) {}

  /** Opens (or creates) the registry database. @example await ModelRegistry.open('rivulet-models') */
  static async open(dbName = 'rivulet-model-registry'): Promise<ModelRegistry> {
    const db = await openDB(dbName, 1, {
      upgrade(d) {
        d.createObjectStore(STORE, { keyPath: ['name', 'version'] });
      },
    });
    return new ModelRegistry(db);
  }
  /** Closes the database. @example reg.close() */
  close(): void {
    this.db.close();
  }
  /** Saves a fitted model or pipeline model as the next version of `name`. @example await reg.save('m', model) */
  async save(
    name: string,
    model: Model,
    info: { metrics?: Record<string, number>; fingerprint?: string } = {},
  ): Promise<RegistrySummary> {
    if (!name) throw new Error('ModelRegistry.save: give the model a non-empty name');
    const json = JSON.parse(JSON.stringify(model.toJSON())) as ModelJson;
    return this.put({
      name,
      kind: json.kind,
      metrics: info.metrics ?? {},
      params: json.params,
      fingerprint: info.fingerprint ?? '',
      model: json,
    });
  }
  private async put(e: Omit<RegistryEntry, 'version' | 'createdAt'>): Promise<RegistrySummary> {
    const tx = this.db.transaction(STORE, 'readwrite');
    const keys = (await tx.store.getAllKeys(IDBKeyRange.bound([e.name, -Infinity], [e.name, Infinity]))) as [
      string,
      number,
    ][];
    const version = keys.reduce((m, k) => Math.max(m, k[1]), 0) + 1;
    const entry: RegistryEntry = { ...e, version, createdAt: Date.now() };
    await tx.store.put(entry);
    await tx.done;
    return summary(entry);
  }
  /** Versions of one name (or of all names), oldest first. @example await reg.list('churn') */
  async list(name?: string): Promise<RegistrySummary[]> {
    const range = name === undefined ? undefined : IDBKeyRange.bound([name, -Infinity], [name, Infinity]);
    return ((await this.db.getAll(STORE, range)) as RegistryEntry[]).map(summary);
  }
  /** The stored entry (latest version by default). @example await reg.entry('churn', 2) */
  async entry(name: string, version?: number): Promise<RegistryEntry> {
    const v = version ?? (await this.list(name)).at(-1)?.version;
    const e =
      v === undefined ? undefined : ((await this.db.get(STORE, [name, v])) as RegistryEntry | undefined);
    if (!e) {
      const known = (await this.list(name)).map((s) => s.version);
      throw new Error(
        `ModelRegistry: no model "${name}"${version ? ` version ${version}` : ''}; saved versions: [${known.join(', ')}]`,
      );
    }
    return e;
  }
  /** Loads a model (latest version by default). @example const m = await reg.load('churn') */
  async load(name: string, version?: number): Promise<Model> {
    return Model.fromJSON((await this.entry(name, version)).model);
  }
  /** Metrics and parameters of two versions side by side, with the differences. @example await reg.compare('churn', 1, 2) */
  async compare(
    name: string,
    a: number,
    b: number,
  ): Promise<{ metrics: Record<string, [number?, number?]>; changedParams: string[] }> {
    const [x, y] = [await this.entry(name, a), await this.entry(name, b)];
    const metrics: Record<string, [number?, number?]> = {};
    for (const k of new Set([...Object.keys(x.metrics), ...Object.keys(y.metrics)]))
      metrics[k] = [x.metrics[k], y.metrics[k]];
    const px = (x.params ?? {}) as Record<string, unknown>;
    const py = (y.params ?? {}) as Record<string, unknown>;
    const changedParams = [...new Set([...Object.keys(px), ...Object.keys(py)])].filter(
      (k) => JSON.stringify(px[k]) !== JSON.stringify(py[k]),
    );
    return { metrics, changedParams };
  }
  /** Deletes one version, or every version of a name. @example await reg.delete('churn', 1) */
  async delete(name: string, version?: number): Promise<void> {
    if (version !== undefined) await this.entry(name, version);
    const range =
      version === undefined
        ? IDBKeyRange.bound([name, -Infinity], [name, Infinity])
        : IDBKeyRange.only([name, version]);
    await this.db.delete(STORE, range);
  }
  /** The text of an export file for one version. @example const text = await reg.exportModel('churn') */
  async exportModel(name: string, version?: number): Promise<string> {
    const e = await this.entry(name, version);
    return JSON.stringify({
      format: REGISTRY_EXPORT_FORMAT,
      formatVersion: REGISTRY_EXPORT_VERSION,
      entry: e,
    });
  }
  /** Imports an export file as the next version of its name (or `asName`); malformed or foreign files are rejected. @example await reg.importModel(text) */
  async importModel(text: string, asName?: string): Promise<RegistrySummary> {
    let file: { format?: unknown; formatVersion?: unknown; entry?: RegistryEntry };
    try {
      file = JSON.parse(text) as typeof file;
    } catch (error) {
      throw new Error(
        `ModelRegistry.importModel: the file is not JSON (${(error as Error).message}); export it again with exportModel`,
        { cause: error },
      );
    }
    if (!file || file.format !== REGISTRY_EXPORT_FORMAT || !file.entry?.model)
      throw new Error(
        `ModelRegistry.importModel: not a Rivulet model export (expected format "${REGISTRY_EXPORT_FORMAT}" with an entry)`,
      );
    if (file.formatVersion !== REGISTRY_EXPORT_VERSION)
      throw new Error(
        `ModelRegistry.importModel: export format version ${String(file.formatVersion)} is not supported (this build reads ${REGISTRY_EXPORT_VERSION}); re-export it with this version`,
      );
    Model.fromJSON(file.entry.model);
    const { name, kind, metrics, params, fingerprint, model } = file.entry;
    return this.put({
      name: asName ?? name,
      kind,
      metrics: metrics ?? {},
      params,
      fingerprint: fingerprint ?? '',
      model,
    });
  }
}

function summary(e: RegistryEntry): RegistrySummary {
  const { model: _model, ...rest } = e;
  return rest;
}
