// Job module: every thread that imports it fills its own MemoryLogTopic with the same seeded events
// (the documented way to use a memory topic with worker threads), then counts events per key.
import { type StreamExecutionEnvironment, WatermarkStrategy } from '../../../../../src/engine/index.ts';
import { LogSource } from '../../../../../src/engine/connectors/log/log-source.ts';
import { type SeededEvent, writeSeededEvents } from '../../../../../src/engine/connectors/log/log-writers.ts';
import { MemoryLogTopic } from '../../../../../src/engine/connectors/log/memory-log-topic.ts';

export const EVENTS = { count: 20_000, keys: 17, seed: 11 };

const topic = new MemoryLogTopic<SeededEvent>('seeded', { partitions: 4 });
await writeSeededEvents(topic, EVENTS);

export default (env: StreamExecutionEnvironment) =>
  env
    .fromSource(new LogSource(topic, { bounded: true }), WatermarkStrategy.noWatermarks(), 'seeded')
    .map((e) => [e.key, 1] as [number, number])
    .keyBy((r) => r[0])
    .sum(1);
