/**
 * Names a side output. Tags are compared by id, so create each once and share it.
 *
 * @example
 * const late = new OutputTag<Event>('late');
 * const result = stream.keyBy(e => e.k).window(w).sideOutputLateData(late).sum('v');
 * result.getSideOutput(late).print();
 */
export class OutputTag<T> {
  declare readonly _type?: T;
  constructor(readonly id: string) {
    if (!id) throw new Error('OutputTag needs a non-empty id, e.g. new OutputTag("late-data")');
  }
}

/**
 * True for an OutputTag (checked by shape: tags are matched by id, also across module copies).
 *
 * @example if (!isOutputTag(tag)) throw new TypeError('getSideOutput(): expected an OutputTag');
 */
export const isOutputTag = (tag: unknown): tag is OutputTag<unknown> =>
  !!tag && typeof (tag as { id?: unknown }).id === 'string';
