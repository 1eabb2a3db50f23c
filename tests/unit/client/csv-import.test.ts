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

  it('skips blank lines (empty, whitespace only, bare delimiters) yet counts them in line numbers', () => {
    // Lines 3–5 are blank; the bad amount is on line 6, the short row on line 8 (after a blank line 7).
    const text = 'customer,amount\nann,5\n\n   \n,\nbob,x\n\ncid\n';
    const { rows, errors } = parseCsv(text);
    expect(rows[0]).toEqual({ customer: 'ann', amount: 5 });
    expect(errors.map((e) => e.line)).toEqual([6, 8]);
    expect(errors[0].message).toContain('"x" is not a number');
    // The same with CRLF and with old Mac (CR only) line ends; blank lines before the header too.
    expect(parseCsv(text.replace(/\n/g, '\r\n')).errors.map((e) => e.line)).toEqual([6, 8]);
    expect(parseCsv(`\r \r${text.replace(/\n/g, '\r')}`).errors.map((e) => e.line)).toEqual([8, 10]);
  });
});
