/** The replayable log (a browser stand-in for Kafka): topics, writers and the LogSource. */
export * from './log-topic.ts';
export { MemoryLogTopic } from './memory-log-topic.ts';
export { IndexedDbLogTopic } from './indexed-db-log-topic.ts';
export { LOG_DB } from './log-db.ts';
export { listLogTopics, type LogTopicInfo } from './list-log-topics.ts';
export {
  LogSource,
  assignedPartitions,
  type LogPosition,
  type LogSourceOptions,
  type LogSplit,
} from './log-source.ts';
export {
  writeRecords,
  writeRows,
  writeSeededEvents,
  type SeededEvent,
  type WriteOptions,
  type WriteRowsOptions,
} from './log-writers.ts';
export { SEGMENT_RECORDS } from './segments.ts';
