/**
 * The ML stream operators keep their state in checkpoints: after a failure and a restore from the
 * last completed checkpoint, FTRL training emits exactly the model versions of a failure-free run,
 * and predictWithModelStream predicts every row exactly once with the model it held at the
 * checkpoint (the model source does not send it again). A replayable source (its position is state)
 * feeds a map that throws once on attempt 0, after a checkpoint completed.
 */
import { describe, expect, it } from 'vitest';
import {
  InlineExecutor,
  ManualProcessingTimeService,
  MemoryCheckpointStorage,
  RestartStrategies,
  RichMapFunction,
  StreamExecutionEnvironment,
  WatermarkStrategy,
  type CheckpointListener,
  type InputStatus,
  type ReaderOutput,
  type Source,
  type SourceReader,
} from '../../../../src/engine/index.ts';
import { whenOpen } from '../../engine/checkpoint/failover-fixtures.ts';
import { LinearRegressionModel } from '../../../../src/ml/linear/linear-regression.ts';
import type { LogisticRegressionModel } from '../../../../src/ml/linear/logistic-regression.ts';
import { ftrlTrainStream } from '../../../../src/ml/online/ftrl-train-stream.ts';
import type { Row } from '../../../../src/ml/pipeline/data.ts';
import {
  predictWithModelStream,
  type ModelVersion,
} from '../../../../src/ml/stream/predict-with-model-stream.ts';
import { gaussian, mulberry32 } from '../linear/helpers.ts';

const N = 6000;

/** What the job's function copies share across attempts. */
interface Shared {
  /** Fail on attempt 0 at the first record at or after this index once `ready()` holds. */
  failFrom: number;
  ready: () => boolean;
  failedAt: number;
  completed: number;
  /** Records the map has seen (all attempts). */
  seen: number;
}

/** Rows 0..N-1 in one reader (position = next index). */
class RowSource implements Source<Row, number> {
  readonly boundedness = 'BOUNDED' as const;
  readonly parallel = false;
  constructor(private readonly rows: Row[]) {}
  createReader(context: { batchSize: number }, restored?: number | null): SourceReader<Row, number> {
    let next = restored ?? 0;
    const rows = this.rows;
    return {
      pollNext(out: ReaderOutput<Row>): InputStatus {
        const stop = Math.min(rows.length, next + Math.min(context.batchSize, 50));
        for (; next < stop; next++) out.collect({ ...rows[next] }, next);
        return next >= rows.length ? 'END_OF_INPUT' : 'MORE_AVAILABLE';
      },
      snapshotState: () => next,
      close() {},
    };
  }
}

/** Every 200 records moves the clock 50 ms (a periodic checkpoint); throws once as `shared` says. */
class FailOnce extends RichMapFunction<Row, Row> implements CheckpointListener {
  constructor(
    private readonly clock: ManualProcessingTimeService,
    private readonly shared: Shared,
  ) {
    super();
  }
  map(row: Row): Row {
    const i = row.id as number;
    const s = this.shared;
    s.seen++;
    if (i % 200 === 0) this.clock.advanceTo(this.clock.getCurrentProcessingTime() + 50);
    if (this.getRuntimeContext().getAttemptNumber() === 0 && i >= s.failFrom && s.ready()) {
      s.failedAt = i;
      throw new Error(`planned failure at record ${i}`);
    }
    return row;
  }
  notifyCheckpointComplete(): void {
    this.shared.completed++;
  }
}

function environment(clock: ManualProcessingTimeService, parallelism: number): StreamExecutionEnvironment {
  const env = StreamExecutionEnvironment.getExecutionEnvironment({
    parallelism,
    processingTimeService: clock,
    executor: new InlineExecutor({ processingTimeService: clock, yieldIntervalMs: 0 }),
  });
  env.enableCheckpointing(50);
  env.getCheckpointConfig().setCheckpointStorage(new MemoryCheckpointStorage());
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 0));
  return env;
}

describe('ML stream operators under failover (inline, exactly-once)', () => {
  const u = mulberry32(7);
  const g = gaussian(u);
  const data: Row[] = Array.from({ length: N }, (_, id) => {
    const [a, b] = [g(), g()];
    return { id, a, b, y: u() < 1 / (1 + Math.exp(-(2 * a - b))) ? 1 : 0 };
  });

  async function trainFtrl(fail: boolean) {
    const clock = new ManualProcessingTimeService();
    const shared: Shared = {
      failFrom: fail ? 3500 : Infinity,
      ready: () => shared.completed > 0,
      failedAt: -1,
      completed: 0,
      seen: 0,
    };
    const env = environment(clock, 1);
    const rows = env
      .fromSource(new RowSource(data), WatermarkStrategy.noWatermarks(), 'rows')
      .uid('rows')
      .map(new FailOnce(clock, shared))
      .uid('fail-once');
    const models = ftrlTrainStream(rows, {
      featureCols: ['a', 'b'],
      labelCol: 'y',
      alpha: 0.3,
      l1: 0.01,
      recordInterval: 250,
      timeInterval: 3600,
    })
      .map((m: ModelVersion) => ({
        version: m.modelVersion,
        data: (m.model as LogisticRegressionModel).data,
      }))
      .uid('model-data')
      .collectAsync();
    const job = env.execute('ftrl failover');
    await job.result;
    return { models, shared };
  }

  it('FTRL emits the same model versions and coefficients with a failure as without', async () => {
    const clean = await trainFtrl(false);
    const failed = await trainFtrl(true);
    expect(clean.shared.failedAt).toBe(-1);
    expect(failed.shared.failedAt).toBeGreaterThanOrEqual(3500);
    expect(failed.shared.seen).toBeGreaterThan(N); // records were replayed
    expect(clean.models.map((m) => m.version)).toEqual(Array.from({ length: N / 250 }, (_, i) => i + 1));
    expect(failed.models).toEqual(clean.models);
  });

  /**
   * Version 1 (coefficient 1) comes first, version 2 (coefficient 2) once the map saw 2000 rows; the
   * model source then ends, so after a restore only the checkpointed model can score the rows.
   */
  class ModelSource implements Source<ModelVersion, number> {
    readonly boundedness = 'BOUNDED' as const;
    readonly parallel = false;
    constructor(private readonly shared: Shared & { v2Sent: number }) {}
    createReader(_c: unknown, restored?: number | null): SourceReader<ModelVersion, number> {
      let next = restored ?? 0;
      const shared = this.shared;
      const gated = () => next === 1 && shared.seen < 2000;
      const linear = (coef: number) =>
        new LinearRegressionModel(
          { featureCols: ['x'], labelCol: 'y' },
          { featureCols: ['x'], coefficients: [coef], intercept: 0 },
        );
      return {
        pollNext(out: ReaderOutput<ModelVersion>): InputStatus {
          if (next === 0) {
            out.collect({ modelVersion: 1, model: linear(1) }, 0);
            next++;
          }
          if (next === 1 && !gated()) {
            // the second version crosses as JSON, as from a worker
            out.collect({ modelVersion: 2, model: linear(2).toJSON() }, 0);
            next++;
            shared.v2Sent = shared.completed;
          }
          if (next >= 2) return 'END_OF_INPUT';
          return gated() ? 'NOTHING_AVAILABLE' : 'MORE_AVAILABLE';
        },
        isAvailable: () => whenOpen(gated),
        snapshotState: () => next,
        close() {},
      };
    }
  }

  async function predict(fail: boolean) {
    const clock = new ManualProcessingTimeService();
    const shared: Shared & { v2Sent: number } = {
      failFrom: fail ? 4000 : Infinity,
      // a checkpoint taken after version 2 was sent has completed
      ready: () => shared.v2Sent >= 0 && shared.completed >= shared.v2Sent + 2,
      failedAt: -1,
      completed: 0,
      seen: 0,
      v2Sent: -1,
    };
    const env = environment(clock, 2);
    const rows = env
      .fromSource(
        new RowSource(data.map((r) => ({ id: r.id, x: ((r.id as number) % 10) + 1 }))),
        WatermarkStrategy.noWatermarks(),
        'rows',
      )
      .uid('rows')
      .map(new FailOnce(clock, shared))
      .uid('fail-once');
    const models = env
      .fromSource(new ModelSource(shared), WatermarkStrategy.noWatermarks(), 'models')
      .uid('models');
    const out = predictWithModelStream(rows, models).collectAsync();
    const job = env.execute('predict failover');
    await job.result;
    return { out, shared };
  }

  it('predictWithModelStream predicts every row exactly once with the checkpointed model', async () => {
    const clean = await predict(false);
    const failed = await predict(true);
    expect(clean.shared.failedAt).toBe(-1);
    expect(failed.shared.failedAt).toBeGreaterThanOrEqual(4000);
    expect(failed.shared.seen).toBeGreaterThan(N);
    const ids = (rows: Row[]) => rows.map((r) => r.id as number).sort((a, b) => a - b);
    expect(ids(clean.out)).toEqual(Array.from({ length: N }, (_, i) => i));
    expect(ids(failed.out)).toEqual(ids(clean.out));
    for (const r of [...clean.out, ...failed.out]) {
      expect([1, 2]).toContain(r.modelVersion);
      expect(r.prediction).toBe((r.modelVersion as number) * (r.x as number));
    }
    // after the restore the rows are scored by the restored version 2
    for (const r of failed.out)
      if ((r.id as number) >= failed.shared.failedAt) expect(r.modelVersion).toBe(2);
  });
});
