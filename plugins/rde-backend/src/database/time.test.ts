import { toDate, toInteger, toIsoString } from './time';

describe('database time values', () => {
  const iso = '2025-01-02T03:04:05.678Z';
  it('accepts what pg and better-sqlite3 return', () => {
    expect(toIsoString(new Date(iso))).toBe(iso);
    expect(toIsoString(Date.parse(iso))).toBe(iso);
    expect(toIsoString(String(Date.parse(iso)))).toBe(iso);
    expect(toIsoString('2025-01-02 03:04:05')).toBe('2025-01-02T03:04:05.000Z');
    expect(toIsoString(iso)).toBe(iso);
    expect(toIsoString(null)).toBeUndefined();
    expect(toIsoString(undefined)).toBeUndefined();
  });

  it('throws on garbage', () => {
    expect(() => toDate('yesterday')).toThrow(/Unrecognised time value/);
    expect(() => toInteger('1.5')).toThrow(/Unrecognised integer/);
    expect(toInteger('1795948327713')).toBe(1795948327713);
  });
});
