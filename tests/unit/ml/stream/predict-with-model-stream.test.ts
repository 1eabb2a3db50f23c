import { describe, expect, it } from 'vitest';
import {
  StreamExecutionEnvironment,
  Watermark,
  type OneInputStreamOperator,
  type Output,
  type SourceContext,
} from '../../../../src/engine/index.ts';
import { LinearRegressionModel } from '../../../../src/ml/linear/linear-regression.ts';
import {
  predictWithModelStream,
  type ModelVersion,
} from '../../../../src/ml/stream/predict-with-model-stream.ts';
import type { Row } from '../../../../src/ml/pipeline/data.ts';

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 1));
const linear = (coef: number): LinearRegressionModel =>
  new LinearRegressionModel(
    { featureCols: ['x'], labelCol: 'y' },
    { featureCols: ['x'], coefficients: [coef], intercept: 0 },
  );

describe('predictWithModelStream', () => {
  it('swaps to a new model version mid-stream, drops no rows, and tags each prediction with its version', async () => {
    const env = new StreamExecutionEnvironment();
    let emitted = 0;
    const rows = env.addSource<Row>({
      async run(ctx: SourceContext<Row>) {
        for (let i = 0; i < 2000; i++) {
          ctx.collect({ id: i, x: 1 });
          emitted++;
          if (i % 100 === 99) await tick();
        }
      },
      cancel() {},
    });
    const models = env.addSource<ModelVersion>({
      async run(ctx: SourceContext<ModelVersion>) {
        ctx.collect({ modelVersion: 1, model: linear(2) });
        while (emitted < 800) await tick();
        // the second version crosses as JSON, as it would from a worker
        ctx.collect({ modelVersion: 2, model: linear(3).toJSON() });
      },
      cancel() {},
    });
    const out = await predictWithModelStream(rows, models).executeAndCollect();
    expect(out.map((r) => r.id).sort((a, b) => (a as number) - (b as number))).toEqual(
      Array.from({ length: 2000 }, (_, i) => i),
    );
    // x = 1, so the prediction is the version's coefficient: 2 for version 1, 3 for version 2
    for (const r of out) expect(r.prediction).toBe(r.modelVersion === 1 ? 2 : 3);
    const versions = out.map((r) => r.modelVersion as number);
    expect(versions.some((v) => v === 1) && versions.some((v) => v === 2)).toBe(true);
    const swap = versions.indexOf(2);
    expect(versions.slice(swap).every((v) => v === 2)).toBe(true);
  });

  it('fails naming the fix when rows arrive and no model ever does', async () => {
    const env = new StreamExecutionEnvironment();
    const models = env.fromElements<ModelVersion>({ modelVersion: 0, model: linear(1) }).filter(() => false);
    await expect(
      predictWithModelStream(env.fromElements<Row>({ x: 1 }), models).executeAndCollect(),
    ).rejects.toThrow(/no model ever did/);
  });

  it('rows waiting for the first model keep their own timestamps and are not overtaken by the watermark', async () => {
    type Ev = { kind: 'row'; id: number; ts: number } | { kind: 'wm'; wm: number };
    /** Records what reaches it: each row with its timestamp, each watermark, in order. */
    class Recorder implements OneInputStreamOperator<Row, Ev> {
      private out!: Output<Ev>;
      setup(_c: unknown, out: Output<Ev>): void {
        this.out = out;
      }
      open(): void {}
      processElement(row: Row, ts: number): void {
        this.out.collect({ kind: 'row', id: row.id as number, ts }, ts);
      }
      processWatermark(wm: number): void {
        this.out.collect({ kind: 'wm', wm }, wm);
        this.out.emitWatermark(wm);
      }
      endInput(): void {}
      close(): void {}
    }
    const env = new StreamExecutionEnvironment();
    env.setParallelism(1);
    let sent = 0;
    let modelSent = false;
    const rows = env.addSource<Row>({
      async run(ctx: SourceContext<Row>) {
        for (let i = 0; i < 5; i++) ctx.collectWithTimestamp({ id: i, x: 1 }, 100 + i);
        ctx.emitWatermark(new Watermark(150)); // passes every waiting row before any model exists
        sent = 5;
        while (!modelSent) await tick();
        for (let i = 0; i < 10; i++) await tick();
        ctx.collectWithTimestamp({ id: 5, x: 1 }, 400);
      },
      cancel() {},
    });
    const models = env.addSource<ModelVersion>({
      async run(ctx: SourceContext<ModelVersion>) {
        ctx.emitWatermark(new Watermark(200));
        while (sent < 5) await tick();
        for (let i = 0; i < 10; i++) await tick(); // let the rows' watermark 150 reach the operator
        ctx.collectWithTimestamp({ modelVersion: 1, model: linear(2) }, 300);
        modelSent = true;
      },
      cancel() {},
    });
    const events = await predictWithModelStream(rows, models)
      .transform('Recorder', () => new Recorder())
      .executeAndCollect();
    const seen = events.filter((e) => e.kind === 'row');
    expect(seen.map((e) => [e.id, e.ts])).toEqual([
      [0, 100],
      [1, 101],
      [2, 102],
      [3, 103],
      [4, 104],
      [5, 400],
    ]);
    let watermark = -Infinity;
    for (const e of events) {
      if (e.kind === 'wm') watermark = Math.max(watermark, e.wm);
      else expect(e.ts).toBeGreaterThan(watermark); // never late
    }
    expect(watermark).toBeGreaterThanOrEqual(150);
  });
});
