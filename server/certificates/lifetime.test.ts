import { describe, expect, it } from 'vitest';
import { dcvReuseDays, maxLifetimeDays } from './lifetime';

// Each SC-081 boundary: the last millisecond before it and the first instant of it (UTC).
const cases: Array<[string, number, number]> = [
  ['2020-09-01T00:00:00.000Z', 398, 398],
  ['2026-03-14T23:59:59.999Z', 398, 398],
  ['2026-03-15T00:00:00.000Z', 200, 200],
  ['2026-11-22T12:00:00.000Z', 200, 200],
  ['2027-03-14T23:59:59.999Z', 200, 200],
  ['2027-03-15T00:00:00.000Z', 100, 100],
  ['2029-03-14T23:59:59.999Z', 100, 100],
  ['2029-03-15T00:00:00.000Z', 47, 10],
  ['2040-01-01T00:00:00.000Z', 47, 10],
];

describe('SC-081 schedule', () => {
  it.each(cases)('issued %s → %i days max, DCV reuse %i days', (iso, lifetime, reuse) => {
    expect(maxLifetimeDays(new Date(iso))).toBe(lifetime);
    expect(dcvReuseDays(new Date(iso))).toBe(reuse);
  });

  it('applies in UTC, not local time: 2026-03-15T00:30+01:00 is still 14 March in UTC', () => {
    expect(maxLifetimeDays(new Date('2026-03-15T00:30:00+01:00'))).toBe(398);
  });

  it('throws for an invalid date', () => {
    expect(() => maxLifetimeDays(new Date('nope'))).toThrow(RangeError);
  });
});
