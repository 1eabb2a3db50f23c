import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../src/client/csv-import.ts';

describe('parseCsv (Data page import)', () => {
  it('types columns by their values, the header or the caller; empty values become null', () => {
    const { columns, rows, errors } = parseCsv(
      '\uFEFFcustomer,amount,paid,code:string\nann,5,true,007\nbob,,FALSE,12\n',
    );
    expect(errors).toEqual([]);
    expect(columns).toEqual([
      { name: 'customer', type: 'string' },
      { name: 'amount', type: 'number' },
      { name: 'paid', type: 'boolean' },
      { name: 'code', type: 'string' }, // declared: "007" keeps its zeros
    ]);
    expect(rows).toEqual([
      { customer: 'ann', amount: 5, paid: true, code: '007' },
      { customer: 'bob', amount: null, paid: false, code: '12' },
    ]);
    // The caller's pick wins over the header and the values.
    expect(parseCsv('a,b\n1,2\n', { a: 'string' }).rows).toEqual([{ a: '1', b: 2 }]);
  });

  it('reports each bad row by its line in the file, counting lines inside quoted fields', () => {
    // Line 2 holds a quoted field that spans lines 2–3; the bad amount is on line 5.
    const text = 'note,amount\n"two\nlines",1\nok,2\nbad,x\nshort\n';
    const { errors } = parseCsv(text);
    expect(errors.map((e) => e.line)).toEqual([5, 6]);
    expect(errors[0].message).toContain('"x" is not a number');
    expect(errors[1].message).toMatch(/1 field/);
  });
});
