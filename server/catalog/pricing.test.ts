import { describe, expect, it } from 'vitest';
import { applyRounding, checkCurrencies, priceProduct, type PricingCurrency, type PricingInput } from './pricing';
import { formatCents, toCents } from './money';
import type { PricingRules, Rounding } from '../admin/api-types';

const USD: PricingCurrency = { id: 1, code: 'USD', rate: '1.00000', isDefault: true };
const EUR: PricingCurrency = { id: 2, code: 'EUR', rate: '0.92000', isDefault: false };
const GBP: PricingCurrency = { id: 3, code: 'GBP', rate: '0.79000', isDefault: false };
const CURRENCIES = [USD, EUR, GBP];

const rules = (over: Partial<PricingRules> = {}): PricingRules => ({
  margin: { kind: 'percent', value: '0' },
  overrides: {},
  minimumProfit: '0',
  rounding: 'none',
  currencyBufferPercent: '0',
  ...over,
});

const usd = (months: number, cost: string) => ({ months, cost, currency: 'USD' });
const product = (over: Partial<PricingInput> = {}): PricingInput => ({
  key: 'sandbox:a',
  name: 'Product A',
  prices: [usd(12, '8.00'), usd(24, '15.20'), usd(36, '22.80')],
  extraDomainPrices: [],
  sellsExtraDomains: false,
  ...over,
});

/** "months currency" → "cost sell profit loss" for compact tables. */
function grid(cells: ReturnType<typeof priceProduct>['product']): Record<string, string> {
  return Object.fromEntries(cells.map((c) => [`${c.months} ${c.currency}`, `${formatCents(c.costCents)} ${formatCents(c.sellCents)} ${formatCents(c.profitCents)}${c.loss ? ' LOSS' : ''}`]));
}

describe('rounding endings: the smallest price ≥ the amount with that ending', () => {
  const cases: [number, Rounding, number][] = [
    [1234, 'none', 1234],
    [1201, '.00', 1300],
    [1200, '.00', 1200],
    [1201, 'whole', 1300],
    [1200, 'whole', 1200],
    [1, 'whole', 100],
    [1210, '.49', 1249],
    [1249, '.49', 1249],
    [1250, '.49', 1349],
    [1200, '.50', 1250],
    [1250, '.50', 1250],
    [1251, '.50', 1350],
    [1000, '.95', 1095],
    [1295, '.95', 1295],
    [1296, '.95', 1395],
    [1200, '.99', 1299],
    [1299, '.99', 1299],
    [1300, '.99', 1399],
    [99, '.99', 99],
    [0, '.99', 99],
  ];
  it.each(cases)('%i cents with %s → %i', (cents, rounding, expected) => {
    expect(applyRounding(cents, rounding)).toBe(expected);
  });
});

describe('margins', () => {
  it('percent: markup on cost, rounded up to the cent in every currency', () => {
    const r = priceProduct(product(), rules({ margin: { kind: 'percent', value: '35' } }), CURRENCIES);
    expect(r.problems).toEqual([]);
    expect(r.terms).toEqual([12, 24, 36]);
    expect(grid(r.product)).toEqual({
      '12 USD': '8.00 10.80 2.80',
      '12 EUR': '7.36 9.94 2.58', // 7.36 × 1.35 = 9.936
      '12 GBP': '6.32 8.54 2.22', // 6.32 × 1.35 = 8.532
      '24 USD': '15.20 20.52 5.32',
      '24 EUR': '13.99 18.89 4.90', // 15.20 × 0.92 = 13.984 → 13.99; × 1.35 = 18.8865
      '24 GBP': '12.01 16.22 4.21', // 12.008 → 12.01; 16.2135
      '36 USD': '22.80 30.78 7.98',
      '36 EUR': '20.98 28.33 7.35', // 20.976 → 20.98; 28.323
      '36 GBP': '18.02 24.33 6.31', // 18.012 → 18.02; 24.327
    });
  });

  it('fixed: an amount in the default currency per year of the term, converted', () => {
    const r = priceProduct(product(), rules({ margin: { kind: 'fixed', value: '10.00' } }), CURRENCIES);
    const g = grid(r.product);
    expect(g['12 USD']).toBe('8.00 18.00 10.00');
    expect(g['24 USD']).toBe('15.20 35.20 20.00');
    expect(g['36 USD']).toBe('22.80 52.80 30.00');
    expect(g['24 EUR']).toBe('13.99 32.39 18.40'); // 20.00 × 0.92
    expect(g['12 GBP']).toBe('6.32 14.22 7.90');
  });

  it('a per-product override replaces the default margin for that product only', () => {
    const r = rules({ margin: { kind: 'percent', value: '35' }, overrides: { 'sandbox:b': { kind: 'percent', value: '100' } } });
    expect(grid(priceProduct(product({ key: 'sandbox:b' }), r, [USD]).product)['12 USD']).toBe('8.00 16.00 8.00');
    expect(grid(priceProduct(product({ key: 'sandbox:a' }), r, [USD]).product)['12 USD']).toBe('8.00 10.80 2.80');
    const fixed = rules({ overrides: { 'sandbox:a': { kind: 'fixed', value: '2.5' } } });
    expect(grid(priceProduct(product(), fixed, [USD]).product)['24 USD']).toBe('15.20 20.20 5.00');
  });
});

describe('minimum profit (per year, default currency) before rounding', () => {
  const r = priceProduct(product(), rules({ margin: { kind: 'percent', value: '5' }, minimumProfit: '2.00' }), CURRENCIES);
  const g = grid(r.product);
  it.each([
    ['12 USD', '8.00 10.00 2.00'], // 5% = 0.40 < 2.00
    ['24 USD', '15.20 19.20 4.00'], // 0.76 < 4.00
    ['36 USD', '22.80 28.80 6.00'],
    ['12 EUR', '7.36 9.20 1.84'], // 2.00 × 0.92
    ['12 GBP', '6.32 7.90 1.58'],
  ])('%s → %s', (cell, expected) => expect(g[cell]).toBe(expected));

  it('keeps a margin that already beats the minimum', () => {
    const big = priceProduct(product(), rules({ margin: { kind: 'percent', value: '50' }, minimumProfit: '2.00' }), [USD]);
    expect(grid(big.product)['12 USD']).toBe('8.00 12.00 4.00');
  });

  it('rounds after the minimum, so rounding only adds', () => {
    const rounded = priceProduct(product(), rules({ margin: { kind: 'percent', value: '5' }, minimumProfit: '2.00', rounding: '.99' }), [USD]);
    expect(grid(rounded.product)).toEqual({ '12 USD': '8.00 10.99 2.99', '24 USD': '15.20 19.99 4.79', '36 USD': '22.80 28.99 6.19' });
  });
});

describe('currency conversion through the default currency, with the safety buffer', () => {
  const eurCost = product({ prices: [{ months: 12, cost: '10.00', currency: 'EUR' }] });
  it('converts cost × rate(target) / rate(source) and buffers only converted costs', () => {
    const r = priceProduct(eurCost, rules({ currencyBufferPercent: '2' }), CURRENCIES);
    expect(r.problems).toEqual([]);
    expect(grid(r.product)).toEqual({
      '12 USD': '11.09 11.09 0.00', // 10 / 0.92 = 10.8696 × 1.02 = 11.087 → 11.09
      '12 EUR': '10.00 10.00 0.00', // the supplier's own currency: no buffer
      '12 GBP': '8.76 8.76 0.00', // 10 × 0.79 / 0.92 = 8.587 × 1.02 = 8.759 → 8.76
    });
  });

  it('without a buffer converts exactly, rounding cost up to the cent', () => {
    expect(grid(priceProduct(eurCost, rules(), CURRENCIES).product)['12 USD']).toBe('10.87 10.87 0.00');
  });

  it('a supplier currency that is not a WHMCS currency is a problem naming it', () => {
    const r = priceProduct(product({ prices: [{ months: 12, cost: '9.00', currency: 'CHF' }] }), rules(), CURRENCIES);
    expect(r.product).toEqual([]);
    expect(r.problems).toEqual([{ field: 'currencies.CHF', message: expect.stringMatching(/in CHF, which is not a WHMCS currency/) }]);
  });

  it('a WHMCS currency with rate 0 is a problem naming it and gets no prices', () => {
    const broken = [USD, { ...EUR, rate: '0.00000' }];
    const { problems } = checkCurrencies(broken);
    expect(problems).toEqual([{ field: 'currencies.EUR.rate', message: expect.stringMatching(/EUR has exchange rate 0\.00000/) }]);
    const r = priceProduct(product(), rules(), broken);
    expect(r.product.map((c) => c.currency)).toEqual(['USD', 'USD', 'USD']);
    // A supplier pricing in that currency is not also reported as "not a WHMCS currency".
    expect(priceProduct(product({ prices: [{ months: 12, cost: '1.00', currency: 'EUR' }] }), rules(), broken).problems).toEqual([]);
  });

  it('no default currency is a problem', () => {
    expect(checkCurrencies([EUR]).problems[0].field).toBe('currencies');
  });
});

describe('loss detection', () => {
  it('a negative margin below cost marks the rows as loss', () => {
    const r = priceProduct(product(), rules({ margin: { kind: 'percent', value: '-10' } }), [USD]);
    expect(grid(r.product)).toEqual({ '12 USD': '8.00 7.20 -0.80 LOSS', '24 USD': '15.20 13.68 -1.52 LOSS', '36 USD': '22.80 20.52 -2.28 LOSS' });
  });

  it('selling exactly at cost is not a loss; a minimum profit prevents loss', () => {
    expect(priceProduct(product(), rules(), [USD]).product.every((c) => !c.loss && c.profitCents === 0)).toBe(true);
    const r = priceProduct(product(), rules({ margin: { kind: 'fixed', value: '-5' }, minimumProfit: '1' }), [USD]);
    expect(r.product.some((c) => c.loss)).toBe(false);
  });

  it('a margin that would sell for nothing is a problem naming the margin field', () => {
    expect(priceProduct(product(), rules({ margin: { kind: 'percent', value: '-100' } }), [USD]).problems[0].field).toBe('rules.margin.value');
    const r = priceProduct(product(), rules({ overrides: { 'sandbox:a': { kind: 'fixed', value: '-50' } } }), [USD]);
    expect(r.problems[0].field).toBe('rules.overrides.sandbox:a.value');
  });
});

describe('additional-domain (SAN) prices', () => {
  const multi = product({
    sellsExtraDomains: true,
    extraDomainPrices: [usd(12, '12.00'), usd(24, '22.80'), usd(36, '34.20')],
  });
  it('take the margin and rounding, not the minimum profit', () => {
    const r = priceProduct(multi, rules({ margin: { kind: 'percent', value: '35' }, minimumProfit: '50', rounding: '.99' }), [USD, EUR]);
    expect(r.problems).toEqual([]);
    expect(grid(r.extraDomain)).toEqual({
      '12 USD': '12.00 16.99 4.99', // 16.20 → .99
      '12 EUR': '11.04 14.99 3.95', // 14.904
      '24 USD': '22.80 30.99 8.19',
      '24 EUR': '20.98 28.99 8.01',
      '36 USD': '34.20 46.99 12.79',
      '36 EUR': '31.47 42.99 11.52',
    });
  });

  it('a missing SAN price for a term the product sells is a problem naming the product', () => {
    const r = priceProduct({ ...multi, extraDomainPrices: [usd(12, '12.00')] }, rules(), [USD]);
    expect(r.problems).toEqual([{ field: 'products.sandbox:a', message: expect.stringMatching(/24\/36 months/) }]);
  });
});

describe('supplier data', () => {
  it('keeps only 12/24/36-month terms and reports a product without any', () => {
    expect(priceProduct(product({ prices: [usd(1, '1.00'), usd(12, '8.00'), usd(60, '30.00')] }), rules(), [USD]).terms).toEqual([12]);
    expect(priceProduct(product({ prices: [usd(1, '1.00')] }), rules(), [USD]).problems[0].field).toBe('products.sandbox:a');
  });

  it('reports a malformed cost instead of pricing it', () => {
    const r = priceProduct(product({ prices: [usd(12, 'abc')] }), rules(), [USD]);
    expect(r.problems[0]).toEqual({ field: 'products.sandbox:a', message: expect.stringMatching(/"abc"/) });
  });

  it('money helpers never go through floats', () => {
    expect(toCents('0.1')).toBe(10);
    expect(toCents('-1.00')).toBe(-100);
    expect(formatCents(-5)).toBe('-0.05');
    expect(formatCents(123456789)).toBe('1234567.89');
    expect(() => toCents('1.005')).toThrow(RangeError);
  });
});
