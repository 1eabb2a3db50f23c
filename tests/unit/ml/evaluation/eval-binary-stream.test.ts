import { describe, expect, it } from 'vitest';
import { StreamExecutionEnvironment, WatermarkStrategy } from '../../../../src/engine/index.ts';
import { evalBinaryStream, logLoss, type Row } from '../../../../src/ml/index.ts';

const scored = (ts: number, y: number, p: number): Row => ({ ts, y, detail: { 1: p, 0: 1 - p } });

describe('evalBinaryStream', () => {
  it('emits metrics per tumbling event-time window', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    // window [0,1000): labels 0,1,1 with scores .2,.6,.9 → AUC 1, tp 2, fp 0 → accuracy 1
    // window [1000,2000): labels 1,0 with scores .3,.7 → AUC 0, KS 0, predicted: 0 and 1 → accuracy 0
    const rows = [
      scored(10, 0, 0.2),
      scored(20, 1, 0.6),
      scored(999, 1, 0.9),
      scored(1000, 1, 0.3),
      scored(1500, 0, 0.7),
    ];
    const out = await evalBinaryStream(
      env
        .fromCollection(rows)
        .assignTimestampsAndWatermarks(
          WatermarkStrategy.forMonotonousTimestamps<Row>().withTimestampAssigner((r) => r.ts as number),
        ),
      { labelCol: 'y', predictionDetailCol: 'detail', windowMs: 1000 },
    ).executeAndCollect();
    expect(
      out.map((m) => [m.windowStart, m.windowEnd, m.count, m.positives, m.auc, m.ks, m.accuracy]),
    ).toEqual([
      [0, 1000, 3, 2, 1, 1, 1],
      [1000, 2000, 2, 1, 0, 0, 0],
    ]);
    expect(out[0].f1).toBe(1);
    expect(out[1].logLoss).toBeCloseTo(logLoss([1, 0], [0.3, 0.7]), 15);
  });
  it('names a missing probability', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const s = env
      .fromCollection([{ ts: 1, y: 1, detail: { yes: 0.5 } }] as Row[])
      .assignTimestampsAndWatermarks(
        WatermarkStrategy.forMonotonousTimestamps<Row>().withTimestampAssigner((r) => r.ts as number),
      );
    await expect(
      evalBinaryStream(s, { labelCol: 'y', predictionDetailCol: 'detail', windowMs: 10 }).executeAndCollect(),
    ).rejects.toThrow(/no probability for positive label '1'/);
  });
});
