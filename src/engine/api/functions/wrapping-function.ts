import { AbstractRichFunction, type OpenContext, type RuntimeContext } from './rich-function.ts';
import { copyUserFunction, isRichFunction } from './user-function.ts';

/**
 * A rich function around a user function (Flink's WrappingFunction): the wrapped one gets a copy per
 * subtask, and, when it is rich, the runtime context, open() and close().
 *
 * @example class CoGroupWindowFunction extends WrappingFunction<CoGroupFunction<A, B, O>> { apply(...) { ... } }
 */
export abstract class WrappingFunction<F> extends AbstractRichFunction {
  constructor(protected wrapped: F) {
    super();
  }
  override setRuntimeContext(context: RuntimeContext): void {
    super.setRuntimeContext(context);
    this.wrapped = copyUserFunction(this.wrapped); // each subtask its own copy, as for every user function
    if (isRichFunction(this.wrapped)) this.wrapped.setRuntimeContext(context);
  }
  override open(openContext?: OpenContext): void {
    if (isRichFunction(this.wrapped)) this.wrapped.open(openContext);
  }
  override close(): void {
    if (isRichFunction(this.wrapped)) this.wrapped.close();
  }
}
