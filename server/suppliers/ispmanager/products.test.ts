import { describe, expect, it } from 'vitest';
import type { PricelistEntry } from './api';
import { altnameAddon, decimal, toProduct } from './products';

const entry = (over: Partial<PricelistEntry>): PricelistEntry => ({
  id: '1',
  name: 'Sectigo PositiveSSL',
  siteinfo: {},
  currency: '',
  periods: [{ type: 'month', length: 12, cost: '9.9' }],
  addons: [],
  ...over,
});

describe('ispmanager catalogue', () => {
  it('formats BILLmanager decimals', () => {
    expect(['9.9', '12', '1 234,5', '0.005', '7.499'].map(decimal)).toEqual(['9.90', '12.00', '1234.50', '0.01', '7.50']);
    expect(decimal('free')).toBeUndefined();
    expect(decimal('')).toBeUndefined();
  });

  it('turns month and year periods into whole-year terms and drops the rest', () => {
    const p = toProduct(
      entry({
        periods: [
          { type: 'month', length: 1, cost: '1' },
          { type: 'month', length: 12, cost: '9.9' },
          { type: 'year', length: 2, cost: '18.5' },
          { type: 'day', length: 365, cost: '9' },
          { type: 'month', length: 36, cost: 'n/a' },
        ],
      }),
      'EUR',
    );
    expect(p?.prices).toEqual([
      { months: 12, cost: { amount: '9.90', currency: 'EUR' } },
      { months: 24, cost: { amount: '18.50', currency: 'EUR' } },
    ]);
  });

  it('leaves out a tariff without a yearly price', () => {
    expect(toProduct(entry({ periods: [{ type: 'month', length: 1, cost: '1' }] }), 'EUR')).toBeUndefined();
  });

  it('reads siteinfo flags first', () => {
    const p = toProduct(entry({ name: 'Something', siteinfo: { brand: 'GlobalSign', validation: 'ov', wildcard: 'yes', dcv: 'email|dns' } }), 'RUB')!;
    expect(p).toMatchObject({ brand: 'GlobalSign', validation: 'OV', wildcard: true, maxDomains: 1, includedDomains: 1, dcvMethods: ['email', 'dns_txt'] });
  });

  it('falls back to the tariff name', () => {
    expect(toProduct(entry({ name: 'Sectigo EV SSL' }), 'EUR')!.validation).toBe('EV');
    expect(toProduct(entry({ name: 'Thawte SSL123 OV' }), 'EUR')!.validation).toBe('OV');
    expect(toProduct(entry({ name: 'AlphaSSL Wildcard' }), 'EUR')!).toMatchObject({ validation: 'DV', wildcard: true, brand: 'AlphaSSL', dcvMethods: ['email', 'dns_txt', 'dns_cname', 'http'] });
    expect(toProduct(entry({ name: 'Sectigo Multi-Domain SSL' }), 'EUR')!.maxDomains).toBe(100);
  });

  it('prices extra names from the altname addon and remembers its id', () => {
    const e = entry({
      siteinfo: { multidomain: 'yes', maxdomains: '250', included: '3' },
      addons: [{ id: '55364', name: 'Additional domain', intname: 'altname', periods: [{ type: 'month', length: 12, cost: '12.5' }] }],
    });
    expect(toProduct(e, 'EUR')).toMatchObject({ includedDomains: 3, maxDomains: 250, extraDomainPrices: [{ months: 12, cost: { amount: '12.50', currency: 'EUR' } }] });
    expect(altnameAddon(e)?.id).toBe('55364');
    expect(altnameAddon(entry({ siteinfo: { addon: '777' } }))?.id).toBe('777');
    expect(altnameAddon(entry({}))).toBeUndefined();
  });
});
