/** Exactly-once sinks: the two-phase-commit base and the IndexedDB table sink with its reader. */
export {
  TwoPhaseCommitSinkFunction,
  TRANSACTION_STATE,
  type TransactionState,
} from './two-phase-commit-sink-function.ts';
export { IndexedDbTableSink, type TableTransaction } from './indexed-db-table-sink.ts';
export { readCommittedTable, dropTable, listTables } from './read-committed-table.ts';
export { TABLE_DB } from './table-db.ts';
