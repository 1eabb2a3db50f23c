import { describe, expect, it } from 'vitest';
import {
  CoProcessFunction,
  KeyedCoProcessFunction,
  StreamExecutionEnvironment,
  ValueStateDescriptor,
  type Collector,
  type KeyedProcessContext,
  type ProcessContext,
  type ValueState,
} from '../../../../src/engine/index.ts';

const sorted = <T>(xs: T[]): T[] => [...xs].sort();

describe('union', () => {
  it('merges streams of the same type (multiset of all inputs)', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const a = env.fromElements(1, 2);
    const b = env.fromElements(10, 20);
    const c = env.fromElements(100);
    const out = await a
      .union(b, c)
      .map((x) => x + 1)
      .executeAndCollect();
    expect(out.sort((x, y) => x - y)).toEqual([2, 3, 11, 21, 101]);
  });

  it('rejects streams of another environment', () => {
    const a = StreamExecutionEnvironment.getExecutionEnvironment().fromElements(1);
    const b = StreamExecutionEnvironment.getExecutionEnvironment().fromElements(2);
    expect(() => a.union(b)).toThrow(/same StreamExecutionEnvironment/);
  });
});

describe('connect', () => {
  it('CoMap maps each input with its own function', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    const nums = env.fromElements(1, 2);
    const words = env.fromElements('x', 'yy');
    const out = await nums
      .connect(words)
      .map({ map1: (n: number) => `n${n}`, map2: (w: string) => `w${w.length}` })
      .executeAndCollect();
    expect(sorted(out)).toEqual(['n1', 'n2', 'w1', 'w2']);
  });

  it('CoFlatMap and CoProcessFunction see both inputs', async () => {
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    class Tag extends CoProcessFunction<number, string, string> {
      processElement1(n: number, _c: ProcessContext, out: Collector<string>): void {
        out.collect(`1:${n}`);
      }
      processElement2(s: string, _c: ProcessContext, out: Collector<string>): void {
        out.collect(`2:${s}`);
      }
    }
    const out = await env
      .fromElements(7)
      .connect(env.fromElements('z'))
      .process(new Tag())
      .executeAndCollect();
    expect(sorted(out)).toEqual(['1:7', '2:z']);
    const env2 = StreamExecutionEnvironment.getExecutionEnvironment();
    const fm = await env2
      .fromElements('a b')
      .connect(env2.fromElements(3))
      .flatMap({
        flatMap1: (s: string, o: Collector<string>) => s.split(' ').forEach((w) => o.collect(w)),
        flatMap2: (n: number, o: Collector<string>) => o.collect(String(n * 2)),
      })
      .executeAndCollect();
    expect(sorted(fm)).toEqual(['6', 'a', 'b']);
  });

  it('KeyedCoProcessFunction joins orders with payments by key using shared keyed state', async () => {
    type Order = { id: string; item: string };
    type Payment = { orderId: string; amount: number };
    // Emits when both sides of a key arrived, whichever came first (a classic connect + keyed state join).
    class Match extends KeyedCoProcessFunction<string, Order, Payment, string> {
      private order!: ValueState<Order>;
      private payment!: ValueState<Payment>;
      override open(): void {
        this.order = this.getRuntimeContext().getState(new ValueStateDescriptor<Order>('order'));
        this.payment = this.getRuntimeContext().getState(new ValueStateDescriptor<Payment>('payment'));
      }
      processElement1(o: Order, ctx: KeyedProcessContext<string>, out: Collector<string>): void {
        const p = this.payment.value();
        if (p) out.collect(`${ctx.getCurrentKey()}:${o.item}=${p.amount}`);
        else this.order.update(o);
      }
      processElement2(p: Payment, ctx: KeyedProcessContext<string>, out: Collector<string>): void {
        const o = this.order.value();
        if (o) out.collect(`${ctx.getCurrentKey()}:${o.item}=${p.amount}`);
        else this.payment.update(p);
      }
    }
    for (const parallelism of [1, 3]) {
      const env = StreamExecutionEnvironment.getExecutionEnvironment({ parallelism });
      const orders = env.fromElements<Order>(
        { id: 'o1', item: 'book' },
        { id: 'o2', item: 'pen' },
        { id: 'o3', item: 'ink' },
      );
      const payments = env.fromElements<Payment>({ orderId: 'o2', amount: 3 }, { orderId: 'o1', amount: 20 });
      const out = await orders
        .connect(payments)
        .keyBy(
          (o) => o.id,
          (p) => p.orderId,
        )
        .process(new Match())
        .executeAndCollect();
      expect(sorted(out)).toEqual(['o1:book=20', 'o2:pen=3']);
    }
  });

  it('a KeyedCoProcessFunction on unkeyed inputs fails at graph-building time', () => {
    class K extends KeyedCoProcessFunction<string, number, number, number> {
      processElement1(): void {}
      processElement2(): void {}
    }
    const env = StreamExecutionEnvironment.getExecutionEnvironment();
    expect(() => env.fromElements(1).connect(env.fromElements(2)).process(new K())).toThrow(
      /keyBy\(key1, key2\)/,
    );
  });
});
