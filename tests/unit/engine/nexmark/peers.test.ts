import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  StreamExecutionEnvironment,
  generateNexmark,
  nexmarkEvents as recordsOf,
} from '../../../../src/engine/index.ts';
import { combine, rowHash, hash4, type Checksum } from '../../../../bench/nexmark/checksum.ts';
import { nexmarkEvents } from '../../../../bench/nexmark/events.ts';
import { withChecksum } from '../../../../bench/nexmark/query.ts';
import { QUERIES } from '../../../../bench/nexmark/queries/index.ts';
import { limitQueries } from '../../../../bench/nexmark/peers/limit.ts';
import { objectQueries } from '../../../../bench/nexmark/peers/objects.ts';
import { rxjsQueries } from '../../../../bench/nexmark/peers/rxjs.ts';
import { mostQueries } from '../../../../bench/nexmark/peers/most.ts';
import { arqueroQueries, bidTable } from '../../../../bench/nexmark/peers/arquero.ts';
import { openDuckDb, type DuckDbRunner } from '../../../../bench/nexmark/peers/duckdb-node.ts';

// Every runner of the benchmark must give the engine's count + checksum on the same events; the
// engine's rows are checked against a plain-loop reference in queries.test.ts.
const config = { events: 40_000, seed: 5, firstEventRate: 1000 };
const cols = generateNexmark(config);
const objects = recordsOf(cols);
let duck: DuckDbRunner;
beforeAll(async () => {
  duck = await openDuckDb(cols);
});
afterAll(() => duck.close());

const strip = ({ count, sum }: Checksum) => ({ count, sum });

describe('Nexmark runners agree with the engine', () => {
  it('hash4 equals rowHash of the same four fields', () => {
    expect(hash4(1, 2, 3, 4)).toBe(rowHash([1, 2, 3, 4]));
    expect(hash4(2 ** 40 + 7, 0, 123_456_789, 1)).toBe(rowHash([2 ** 40 + 7, 0, 123_456_789, 1]));
  });

  for (const name of Object.keys(QUERIES)) {
    it(`${name}: limit, objects, RxJS, @most/core, arquero, DuckDB`, async () => {
      const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism: 2 });
      const engine = strip(
        combine(
          await withChecksum(
            QUERIES[name],
            QUERIES[name].build(nexmarkEvents(env, config)),
          ).executeAndCollect(),
        ),
      );
      expect(engine.count).toBeGreaterThan(0);
      expect(limitQueries[name](cols)).toEqual(engine);
      expect(objectQueries[name](objects)).toEqual(engine);
      if (rxjsQueries[name]) expect(await rxjsQueries[name](objects)).toEqual(engine);
      if (mostQueries[name]) expect(await mostQueries[name](objects)).toEqual(engine);
      if (arqueroQueries[name]) expect(arqueroQueries[name](bidTable(cols))).toEqual(engine);
      expect(await duck.run(name)).toEqual(engine);
    }, 60_000);
  }
});
