// Job module: consumers of one stream that change their input records in place, and consumers that
// read the same records afterwards — through chained consumers, a side output read twice, two keyed
// edges and a broadcast edge. In Flink (object reuse off, its default) every consumer gets its own
// copy, so no consumer sees another's changes.
import {
  OutputTag,
  ProcessFunction,
  type Collector,
  type ProcessContext,
  type StreamExecutionEnvironment,
} from '../../../../../src/engine/index.ts';

type Ev = { key: string; n: number; tags: string[] };

const events: Ev[] = Array.from({ length: 40 }, (_, i) => ({ key: `k${i % 5}`, n: i, tags: ['in'] }));
const odd = new OutputTag<Ev>('odd');

/** Changes its input record and emits it: the kind of function that must not affect other consumers. */
const mutate = (what: string) => (e: Ev) => {
  e.n += 1000;
  e.tags.push(what);
  return `${what} ${e.key} ${e.n} ${e.tags.join('+')}`;
};
const read = (what: string) => (e: Ev) => `${what} ${e.key} ${e.n} ${e.tags.join('+')}`;

class SplitOdd extends ProcessFunction<Ev, Ev> {
  processElement(e: Ev, ctx: ProcessContext, out: Collector<Ev>): void {
    if (e.n % 2 === 1) ctx.output(odd, e);
    else out.collect(e);
  }
}

export default (env: StreamExecutionEnvironment) => {
  const input = env.fromCollection(events).setParallelism(1);
  // Chained to the source (parallelism 1): the mutating consumer comes first, the reader after it.
  const chainedMutator = input.map(mutate('chained-mutator')).setParallelism(1);
  const chainedReader = input.map(read('chained-reader')).setParallelism(1);
  // A side output with two consumers, the first mutating.
  const split = input.process(new SplitOdd()).setParallelism(1);
  const sideMutator = split.getSideOutput(odd).map(mutate('side-mutator')).setParallelism(1);
  const sideReader = split.getSideOutput(odd).map(read('side-reader')).setParallelism(1);
  // Two keyed edges out of the same operator, at the job's parallelism.
  const keyedMutator = input.keyBy((e) => e.key).map(mutate('keyed-mutator'));
  const keyedReader = input.keyBy((e) => e.key).map(read('keyed-reader'));
  // A broadcast edge: every subtask of the consumer gets every record, and changes it.
  const broadcast = input
    .broadcast()
    .map(mutate('broadcast'))
    .map((line) => line.replace(/^broadcast /, 'broadcast-seen '));
  return chainedMutator.union(chainedReader, sideMutator, sideReader, keyedMutator, keyedReader, broadcast);
};
