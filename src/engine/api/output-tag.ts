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
