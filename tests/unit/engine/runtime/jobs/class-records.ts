// Job module: records that are class instances (registered with env.registerType) and records
// holding Maps and Sets cross the keyBy shuffle; the window function calls a method of the class.
import {
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  type Collector,
  type StreamExecutionEnvironment,
} from '../../../../../src/engine/index.ts';

export class Reading {
  constructor(
    public sensor = '',
    public ts = 0,
    public celsius = 0,
  ) {}
  fahrenheit(): number {
    return (this.celsius * 9) / 5 + 32;
  }
}

type Win = { key: string; readings: Reading[]; seen: Set<number>; byTenth: Map<number, number> };

export const readings = Array.from(
  { length: 400 },
  (_, i) => [`s${(i * 7) % 5}`, i * 100, (i * 13) % 40] as const,
);

export default (env: StreamExecutionEnvironment) => {
  env.registerType(Reading);
  return env
    .fromCollection(readings.map(([sensor, ts, c]) => ({ sensor, ts, c })))
    .map((r) => new Reading(r.sensor, r.ts, r.c))
    .assignTimestampsAndWatermarks(
      WatermarkStrategy.forMonotonousTimestamps<Reading>().withTimestampAssigner((r) => r.ts),
    )
    .keyBy((r) => r.sensor)
    .window(TumblingEventTimeWindows.of(Time.seconds(10)))
    .process<Win>({
      process(key: string, _ctx: unknown, rs: Iterable<Reading>, out: Collector<Win>) {
        const list = [...rs];
        const byTenth = new Map<number, number>();
        for (const r of list)
          byTenth.set(Math.floor(r.celsius / 10), (byTenth.get(Math.floor(r.celsius / 10)) ?? 0) + 1);
        out.collect({ key, readings: list, seen: new Set(list.map((r) => r.celsius)), byTenth });
      },
    } as never)
    .rebalance()
    .map((w) => {
      // Runs after a second shuffle: the class, the Set and the Map must have arrived as themselves.
      if (!(w.readings[0] instanceof Reading) || !(w.seen instanceof Set) || !(w.byTenth instanceof Map))
        throw new Error('a record arrived without its class, Set or Map');
      const max = Math.max(...w.readings.map((r) => r.fahrenheit()));
      return `${w.key} ${Math.min(...w.readings.map((r) => r.ts))} n=${w.readings.length} maxF=${max} distinct=${w.seen.size} tenths=${[...w.byTenth].sort().join(';')}`;
    });
};
