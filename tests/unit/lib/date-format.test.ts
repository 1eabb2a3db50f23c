import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// Local time is the machine's: pin it to UTC so the expected strings hold everywhere.
let tz: string | undefined;
beforeEach(() => {
  tz = process.env.TZ;
  process.env.TZ = 'UTC';
});
afterEach(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

describe('formatDateTime / formatClock', () => {
  it('give year-month-day and a 24-hour clock, midnight as 00', async () => {
    const { formatClock, formatDateTime } = await import('../../../src/lib/date-format.ts');
    const t = Date.UTC(2026, 10, 21, 0, 25, 7);
    expect(formatDateTime(t)).toBe('2026-11-21 00:25:07');
    expect(formatClock(t)).toBe('00:25:07');
    expect(formatDateTime(Date.UTC(2026, 0, 2, 15, 4, 5))).toBe('2026-01-02 15:04:05');
  });
});
