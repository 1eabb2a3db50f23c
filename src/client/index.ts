/**
 * The client layer: everything pages may use. Pages never import workers or engine internals.
 *
 * @example
 * ```ts
 * import { WorkbenchClient, openWorkbenchStore, parseJobSettings } from '../client';
 * ```
 */
export { WorkbenchClient, type WorkbenchClientOptions, type RunOptions } from './WorkbenchClient.ts';
export { TrainerClient, DEFAULT_TRAIN_OPTIONS, type TrainerClientOptions } from './TrainerClient.ts';
export { WorkerError } from './WorkerHandle.ts';
export { INTERNAL_PARAM_KEYS, modelParamChanges, trainRequestOf, withTrainRequest } from './saved-model.ts';
export { closeWorkers, runJob, type BrowserRunJobOptions, type RunningJob } from './run-job.ts';
export {
  listStoredCheckpoints,
  latestCheckpoint,
  deleteCheckpoints,
  saveSavepoint,
  listSavepoints,
  loadSavepoint,
  deleteSavepoint,
  savepointFile,
  importSavepointFile,
  SavepointFileError,
  type StoredCheckpoints,
  type CheckpointStats,
  type CheckpointStatus,
  type CompletedCheckpoint,
  type Savepoint,
  type SavepointInfo,
} from './checkpoints.ts';
export {
  listTopics,
  appendRows,
  generateSeededTopic,
  previewTopic,
  deleteTopic,
  listSinkTables,
  previewSinkTable,
  dropSinkTable,
  type TableInfo,
  type TopicInfo,
  type TopicRecordView,
  type NewTopicOptions,
  type RetentionPolicy,
} from './topics.ts';
export {
  parseCsv,
  CSV_COLUMN_TYPES,
  type CsvColumn,
  type CsvColumnType,
  type CsvParseResult,
  type CsvRowError,
} from './csv-import.ts';
export { jobModuleUrlFromSource } from './job-module.ts';
/** The Workbench's job module (source text; its settings go in the module URL). */
export { TUMBLING_COUNT_JOB, type WindowCountRow } from '../jobs/tumbling-count.ts';
export { openWorkbenchStore, MemoryStore, WORKBENCH_DB, type WorkbenchStore } from './persistence.ts';
export {
  emptySnapshot,
  upsertWindows,
  withResult,
  type JobSnapshot,
  type JobStatus,
  type WindowCounts,
} from './snapshot.ts';
export {
  DEFAULT_JOB_SETTINGS,
  DEFAULT_JOB_TEXT,
  formatJobSettings,
  parseJobSettings,
  type ParseResult,
} from './job-settings.ts';
export type {
  EpochReport,
  JobSettings,
  TrainerBackend,
  TrainOptions,
  TrainResult,
  WebGpuProbe,
  WorkerRole,
} from './protocol.ts';
export { describeJob, getJobPlan, type JobDescription } from './job-plan.ts';
export { JOB_EXAMPLES, type JobExample } from './examples/index.ts';
export type { JobPlan, PlanVertex, PlanEdge, SubtaskMetrics } from '../engine/index.ts';
export type { ModelComparison, SaveModelInfo } from './protocol.ts';
export type {
  RegistryEntry,
  RegistrySummary,
  TrainAlgorithm,
  TrainEvaluation,
  TrainProgress,
  TrainRequest,
} from '../ml/index.ts';
