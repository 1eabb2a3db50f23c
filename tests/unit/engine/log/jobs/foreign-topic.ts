// Job module misusing a memory topic: the test appends to `topic` in its own thread, which worker
// threads (each importing this module afresh) never see.
import { type StreamExecutionEnvironment, WatermarkStrategy } from '../../../../../src/engine/index.ts';
import { LogSource } from '../../../../../src/engine/connectors/log/log-source.ts';
import { MemoryLogTopic } from '../../../../../src/engine/connectors/log/memory-log-topic.ts';

export const topic = new MemoryLogTopic<number>('filled-elsewhere', { partitions: 2 });

export default (env: StreamExecutionEnvironment) =>
  env.fromSource(new LogSource(topic, { bounded: true }), WatermarkStrategy.noWatermarks(), 'numbers');
