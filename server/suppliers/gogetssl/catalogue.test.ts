import { describe, expect, it } from 'vitest';
import { dcvMethods, money, toSupplierProduct, validationLevel } from './catalogue';

describe('GoGetSSL catalogue translation', () => {
  it('normalises amounts to two decimals, rounding half up in cents', () => {
    expect(money('3.9')).toBe('3.90');
    expect(money(12)).toBe('12.00');
    expect(money('1.005')).toBe('1.01');
    expect(money('0.994')).toBe('0.99');
    expect(money(' 7.50 ')).toBe('7.50');
    expect(money('n/a')).toBeUndefined();
    expect(money('-1.00')).toBeUndefined();
  });

  it('prefers all_prices, keeps whole years up to max_period, drops products without one', () => {
    const record = { id: 71, brand: 'comodo', product: 'PositiveSSL', max_period: '24', prices: { vendor: { '12': '9.99' } } };
    const p = toSupplierProduct(record, [
      { id: '71', price: '3.95', period: '12' },
      { id: 71, price: 7.5, period: 24 },
      { id: 71, price: '10.95', period: 36 }, // beyond max_period
      { id: 71, price: '1.00', period: 3 }, // not a whole year
      { id: 99, price: '1.00', period: 12 },
    ], 'USD')!;
    expect(p.prices).toEqual([
      { months: 12, cost: { amount: '3.95', currency: 'USD' } },
      { months: 24, cost: { amount: '7.50', currency: 'USD' } },
    ]);
    // Without all_prices rows the product's own vendor map is used.
    expect(toSupplierProduct(record, [], 'EUR')!.prices).toEqual([{ months: 12, cost: { amount: '9.99', currency: 'EUR' } }]);
    expect(toSupplierProduct({ id: 74, product: 'Trial', prices: { vendor: { '1': '0.00' } } }, [], 'USD')).toBeUndefined();
    // PHP's empty object.
    expect(toSupplierProduct({ id: 75, product: 'Odd', prices: [] }, [], 'USD')).toBeUndefined();
  });

  it('derives the validation level and methods from the flags', () => {
    expect(validationLevel({ id: 1, org_required: '0' })).toBe('DV');
    expect(validationLevel({ id: 1, org_required: 1, product: 'InstantSSL' })).toBe('OV');
    expect(validationLevel({ id: 1, org_required: 1, product: 'Sectigo EV SSL' })).toBe('EV');
    expect(validationLevel({ id: 1, product_type: 'extended' })).toBe('EV');
    expect(dcvMethods({ id: 1, brand: 'comodo', dcv_email: 1, dcv_dns: '1', dcv_http: 0, dcv_https: 1 })).toEqual(['email', 'dns_cname', 'https']);
    expect(dcvMethods({ id: 1, brand: 'geotrust', dcv_dns: 1 })).toEqual(['dns_txt']);
    expect(dcvMethods({ id: 1 })).toEqual(['email']);
  });
});
