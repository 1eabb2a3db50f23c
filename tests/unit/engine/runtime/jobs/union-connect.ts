// Job module: union of two parallel streams, connected with a third through a CoMap (two-input task).
import type { StreamExecutionEnvironment } from '../../../../../src/engine/index.ts';

export default (env: StreamExecutionEnvironment) => {
  const a = env.fromSequence(1, 4_000).map((n): [string, number] => ['a', n]);
  const b = env.fromSequence(1, 3_000).map((n): [string, number] => ['b', n * 2]);
  const c = env.fromSequence(1, 2_000);
  return a
    .union(b)
    .keyBy((t) => t[1] % 7)
    .connect(c.keyBy((n) => n % 7))
    .map({
      map1: ([s, n]: [string, number]) => `${s}:${n % 97}`,
      map2: (n: number) => `c:${n % 89}`,
    });
};
