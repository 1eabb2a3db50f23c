/**
 * Training hooks every estimator's `fit(data, options)` accepts: progress reports (iteration, loss,
 * samples/s) and cancellation through an AbortSignal, checked between iterations.
 */

/** One progress report of a running `fit`. */
export interface TrainProgress {
  /** Who trains, e.g. 'LogisticRegression.fit'. */
  stage: string;
  /** 1-based iteration (L-BFGS step, Lloyd step or epoch). */
  iteration: number;
  /** The iteration limit (maxIter / epochs). */
  maxIter: number;
  /** The objective after this iteration (NaN where the algorithm has none). */
  loss: number;
  /** Rows passed through the model per second so far (rows × objective evaluations / elapsed). */
  samplesPerSec: number;
  elapsedMs: number;
}

/** Options of `Estimator.fit`. @example await lr.fit(rows, { onProgress: (p) => log(p.loss), signal }) */
export interface FitOptions {
  /** Called after every iteration; a returned promise is awaited (e.g. a Comlink callback). */
  onProgress?: (progress: TrainProgress) => void | Promise<void>;
  /** Aborting it stops training before the next iteration; `fit` rejects with an AbortError. */
  signal?: AbortSignal;
}

/**
 * The error a cancelled `fit` rejects with: name 'AbortError' (as `fetch` uses), naming who was cancelled.
 *
 * @example if (e.name === 'AbortError') showCancelled();
 */
export function trainingAborted(who: string, iteration: number, reason?: unknown): Error {
  const why = reason instanceof Error ? reason.message : reason === undefined ? '' : String(reason);
  const e = new Error(
    `${who}: training was cancelled at iteration ${iteration}${why && why !== 'This operation was aborted' ? ` (${why})` : ''}`,
  );
  e.name = 'AbortError';
  return e;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Yields one macrotask (so a cancel message can arrive) without the 4 ms clamp of nested setTimeout. */
function yieldMacrotask(): Promise<void> {
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        ch.port1.close();
        resolve();
      };
      ch.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Tracks one training run: counts rows processed, reports progress, and checks the abort signal.
 * `step` yields to the event loop every ~16 ms when a signal is given, so a cancel sent from another
 * thread (a Comlink call to a worker) is seen even when tfjs resolves its reads as microtasks.
 *
 * @example
 * const run = new TrainingRun('KMeans.fit', rows, maxIter, options);
 * for (let it = 1; it <= maxIter; it++) { ...; run.evaluated(); await run.step(it, sse); }
 */
export class TrainingRun {
  private readonly started = now();
  private lastYield = now();
  private rowsSeen = 0;

  constructor(
    readonly who: string,
    private readonly rows: number,
    private readonly maxIter: number,
    private readonly options: FitOptions = {},
  ) {
    this.check(0);
  }

  /** Counts one pass of the objective over all rows (or `rows` of them). @example run.evaluated() */
  evaluated(rows = this.rows): void {
    this.rowsSeen += rows;
  }

  /** Throws the AbortError when the signal is aborted. @example run.check(it) */
  check(iteration: number): void {
    const s = this.options.signal;
    if (s?.aborted) throw trainingAborted(this.who, iteration, s.reason);
  }

  /** Rows per second so far. @example run.samplesPerSec() */
  samplesPerSec(): number {
    const s = (now() - this.started) / 1000;
    return s > 0 ? this.rowsSeen / s : 0;
  }

  /** Ends an iteration: reports progress, yields when cancellable, then checks the signal. @example await run.step(3, 0.42) */
  async step(iteration: number, loss: number): Promise<void> {
    const { onProgress, signal } = this.options;
    if (onProgress) {
      await onProgress({
        stage: this.who,
        iteration,
        maxIter: this.maxIter,
        loss,
        samplesPerSec: this.samplesPerSec(),
        elapsedMs: now() - this.started,
      });
    }
    if (signal && now() - this.lastYield > 16) {
      await yieldMacrotask();
      this.lastYield = now();
    }
    this.check(iteration);
  }
}
