// Bench job: map + filter into a discarding parallel sink (no shuffle: one chain per subtask).
import { WatermarkStrategy, type StreamExecutionEnvironment } from '../../src/engine/index.ts';
import { benchEvents, GeneratedSource, type GenEvent } from './generated-source.ts';

export default (env: StreamExecutionEnvironment) => {
  env
    .fromSource(
      new GeneratedSource(benchEvents(import.meta.url)),
      WatermarkStrategy.noWatermarks<GenEvent>(),
      'events',
    )
    .map((e) => e.value * 2)
    .filter((v) => v % 3 !== 0)
    .addSink(() => {});
};
