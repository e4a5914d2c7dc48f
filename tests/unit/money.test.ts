import { describe, expect, it } from 'vitest';
import { formatEuro, parseEuro } from '../../src/model/money';

describe('formatEuro', () => {
  it.each([
    [0, '€ 0'],
    [5, '€ 0,05'],
    [100, '€ 1'],
    [200000, '€ 2.000'],
    [123450, '€ 1.234,50'],
    [123456789, '€ 1.234.567,89'],
    [-50000, '-€ 500'],
    [-123405, '-€ 1.234,05'],
  ])('%d cents -> %s', (cents, text) => {
    expect(formatEuro(cents)).toBe(text);
  });

  it('refuses what is not a number', () => {
    expect(() => formatEuro(Number.NaN)).toThrow(TypeError);
    expect(() => formatEuro(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});

describe('parseEuro', () => {
  it.each([
    ['1.234,50', 123450],
    ['1234,5', 123450],
    ['€ 2.000', 200000],
    ['€2000', 200000],
    ['2000', 200000],
    ['  75 ', 7500],
    ['0', 0],
    ['0,05', 5],
    ['€ 25,-', 2500],
    ['25,--', 2500],
    ['12.50', 1250],
    ['1.234.567,89', 123456789],
  ])('%j -> %d cents', (text, cents) => {
    expect(parseEuro(text)).toBe(cents);
  });

  it.each([
    [''],
    ['   '],
    ['€'],
    ['-5'],
    ['€ -5'],
    ['abc'],
    ['12,345'],
    ['1.2.3'],
    ['12.34.56'],
    ['1,234.50'],
    ['12a'],
    ['1e5'],
    ['99999999999999999999'],
  ])('refuses %j', (text) => {
    expect(parseEuro(text)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(parseEuro(42 as unknown as string)).toBeNull();
  });

  it('round-trips what formatEuro prints', () => {
    for (const cents of [0, 1, 99, 100, 123450, 500000, 98765432])
      expect(parseEuro(formatEuro(cents))).toBe(cents);
  });
});
