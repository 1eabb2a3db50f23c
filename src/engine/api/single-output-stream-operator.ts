/** SingleOutputStreamOperator lives with DataStream (it extends it); this module names it for importers. */
export { SingleOutputStreamOperator } from './data-stream.ts';
