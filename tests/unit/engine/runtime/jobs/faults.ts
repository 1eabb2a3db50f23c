// Job module: a long parallel pipeline whose second map subtask misbehaves after 1000 records, as
// chosen by RIVULET_FAULT (Node) or the module URL's ?fault= (browsers): 'exit' (the worker thread
// exits), 'hang' (an endless loop: only the heartbeat timeout can tell), 'throw' (a user function
// error), 'close' (a Web Worker closes itself silently), 'hoard' (keeps every later record: the
// worker runs out of heap).
import { RichMapFunction, type StreamExecutionEnvironment } from '../../../../../src/engine/index.ts';

class Faulty extends RichMapFunction<number, number> {
  private seen = 0;
  private hoard: number[][] | null = null;
  map(n: number): number {
    this.hoard?.push(new Array<number>(64).fill(n));
    if (this.getRuntimeContext().getIndexOfThisSubtask() === 1 && ++this.seen === 1000) {
      const fault =
        new URL(import.meta.url).searchParams.get('fault') ?? globalThis.process?.env?.RIVULET_FAULT;
      if (fault === 'exit') process.exit(7);
      if (fault === 'close') (globalThis as unknown as { close(): void }).close();
      if (fault === 'hang') for (;;);
      if (fault === 'throw') throw new RangeError(`record ${n} is out of range`);
      if (fault === 'hoard') this.hoard = [];
    }
    return n;
  }
}

export default (env: StreamExecutionEnvironment) =>
  env
    .fromSequence(1, 50_000_000)
    .rescale()
    .map(new Faulty())
    .name('Faulty')
    .filter((n) => n < 0);
