import type { Transformation } from '../graph/transformations.ts';
import { checkParallelism } from './key-selectors.ts';

/**
 * The end of a stream (Flink's DataStreamSink): name, uid and parallelism of the sink.
 *
 * @example stream.print().name('console').setParallelism(1)
 */
export class DataStreamSink<T> {
  constructor(private readonly transformation: Transformation<T>) {}
  name(name: string): this {
    if (typeof name !== 'string' || !name) throw new TypeError('name(): expected a non-empty string');
    this.transformation.name = name;
    return this;
  }
  uid(uid: string): this {
    if (typeof uid !== 'string' || !uid) throw new TypeError('uid(): expected a non-empty string');
    this.transformation.uid = uid;
    return this;
  }
  setParallelism(parallelism: number): this {
    checkParallelism(parallelism, `setParallelism(${parallelism}) on sink ${this.transformation.describe()}`);
    this.transformation.parallelism = parallelism;
    return this;
  }
  disableChaining(): this {
    this.transformation.chainingStrategy = 'NEVER';
    return this;
  }
  /** @internal */
  getTransformation(): Transformation<T> {
    return this.transformation;
  }
}
