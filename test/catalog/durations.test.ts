/** The one ISO 8601 duration grammar (src/catalog/durations.ts): strict for lint (CF7), lenient for timings. */
import { describe, expect, it } from 'vitest';
import { durationMilliseconds, parseIsoDuration } from '../../src/catalog/durations.js';

describe('parseIsoDuration', () => {
  it.each(['PT0S', 'PT5M', 'pt5m', 'P1DT2H', 'PT1.5S', 'P1W', 'P1Y2M', ' PT30S '])('%s is a duration in both grammars', (text) => {
    expect(parseIsoDuration(text, { strict: true })).toBeDefined();
    expect(parseIsoDuration(text)).toBeDefined();
  });

  it.each(['', 'P', 'PT', 'P1DT', 'T5M', '5M', 'PT5', 'PT-5M', 'PT5M3H', 'P1H'])('%j is no duration', (text) => {
    expect(parseIsoDuration(text, { strict: true })).toBeUndefined();
    expect(parseIsoDuration(text)).toBeUndefined();
  });

  it('a fraction on a unit other than seconds, or with a comma, is ISO 8601 but not what Azure reads', () => {
    expect(parseIsoDuration('PT1.5H', { strict: true })).toBeUndefined();
    expect(parseIsoDuration('PT1,5S', { strict: true })).toBeUndefined();
    expect(parseIsoDuration('PT1.5H')).toMatchObject({ hours: 1.5 });
    expect(parseIsoDuration('PT1,5S')).toMatchObject({ seconds: 1.5 });
  });

  it('gives the parts', () => {
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7.5S')).toEqual({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7.5 });
  });
});

describe('durationMilliseconds', () => {
  it('weeks, days, hours, minutes and seconds have a length; years and months do not', () => {
    expect(durationMilliseconds(parseIsoDuration('P1DT2H')!)).toBe(26 * 60 * 60 * 1000);
    expect(durationMilliseconds(parseIsoDuration('P1W')!)).toBe(7 * 24 * 60 * 60 * 1000);
    expect(durationMilliseconds(parseIsoDuration('PT0.25S')!)).toBe(250);
    expect(durationMilliseconds(parseIsoDuration('P1M')!)).toBeUndefined();
  });
});
