import { describe, expect, it } from 'vitest';
import { classPrices, convert, money } from './prices';

describe('classPrices', () => {
  it('reads ANNUAL and ANNUAL1 relations with their currency and ignores everything else', () => {
    const rel = [
      { type: 'PRICE_CLASS_DOMAIN_COM_ANNUAL', value: '8.50' },
      { type: 'PRICE_CLASS_SSLCERT_COMODO_POSITIVESSL_ANNUAL', value: '7.50' },
      { type: 'PRICE_CLASS_SSLCERT_COMODO_POSITIVESSL_CURRENCY', value: 'USD' },
      { type: 'PRICE_CLASS_SSLCERT_THAWTE_SSL123_ANNUAL1', value: '29.00' },
      { type: 'PRICE_CLASS_SSLCERT_THAWTE_SSL123_CURRENCY', value: 'eur' },
      { type: 'PRICE_CLASS_SSLCERT_GEOTRUST_RAPIDSSL_ANNUAL', value: '9.90' }, // no currency: skipped
      { type: 'PRICE_CLASS_SSLCERT_BROKEN_CLASS_ANNUAL', value: 'n/a' },
      { type: 'PRICE_CLASS_SSLCERT_BROKEN_CLASS_CURRENCY', value: 'EUR' },
    ];
    expect(classPrices(rel)).toEqual([
      { classId: 'COMODO_POSITIVESSL', annual: 7.5, currency: 'USD' },
      { classId: 'THAWTE_SSL123', annual: 29, currency: 'EUR' },
    ]);
  });
});

describe('convert', () => {
  const rates = new Map([
    ['USD', 1.0765],
    ['GBP', 0.8512],
  ]);
  it('converts through EUR with ECB rates', () => {
    expect(convert(10, 'EUR', 'EUR', rates)).toBe(10);
    expect(money(convert(7.5, 'USD', 'EUR', rates)!)).toBe('6.97');
    expect(money(convert(10, 'EUR', 'USD', rates)!)).toBe('10.77');
    expect(money(convert(100, 'GBP', 'USD', rates)!)).toBe('126.47');
  });
  it('gives undefined when a rate is missing', () => {
    expect(convert(1, 'CHF', 'EUR', rates)).toBeUndefined();
    expect(convert(1, 'EUR', 'JPY', rates)).toBeUndefined();
  });
  it('formats money with two decimals', () => {
    expect(money(1.005)).toBe('1.01');
    expect(money(7)).toBe('7.00');
  });
});
