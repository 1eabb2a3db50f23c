// Bench job: keyBy + rolling sum (a shuffle by key group) into a discarding sink.
import { WatermarkStrategy, type StreamExecutionEnvironment } from '../../src/engine/index.ts';
import { benchEvents, GeneratedSource, type GenEvent } from './generated-source.ts';

export default (env: StreamExecutionEnvironment) => {
  env
    .fromSource(
      new GeneratedSource(benchEvents(import.meta.url)),
      WatermarkStrategy.noWatermarks<GenEvent>(),
      'events',
    )
    .keyBy((e) => e.key)
    .sum('value')
    .addSink(() => {});
};
