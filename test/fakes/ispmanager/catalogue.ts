/**
 * The fake ispmanager account's certificate tariffs and country list. server.ts renders
 * them for pricelist.export and certificate.order.csr; functions.ts charges from them.
 * Costs are written the way BILLmanager prints decimals ("9.9", not "9.90") so the
 * adapter's formatting is exercised. Ids are numeric strings, as in BILLmanager.
 */
export interface FakePeriod {
  type: 'month' | 'year';
  length: number;
  cost: string;
}

export interface FakeProduct {
  id: string;
  name: string;
  siteinfo: string;
  processingmodule: string;
  periods: FakePeriod[];
  /** Names included in the base price (the CN counted). */
  included: number;
  /** The addon that buys additional names, for multi-domain tariffs. */
  addon?: { id: string; name: string; periods: FakePeriod[] };
}

const months = (m12: string, m24: string): FakePeriod[] => [
  { type: 'month', length: 12, cost: m12 },
  { type: 'month', length: 24, cost: m24 },
];

export const FAKE_PRODUCTS: FakeProduct[] = [
  { id: '5001', name: 'Sectigo PositiveSSL', siteinfo: 'brand=Sectigo,validation=dv,stamp', processingmodule: 'Sectigo', periods: months('9.9', '18.5'), included: 1 },
  {
    id: '5002',
    name: 'GlobalSign DomainSSL Multi-Domain',
    siteinfo: 'brand=GlobalSign,validation=dv,multidomain=yes,maxdomains=100,dcv=email|dns|file',
    processingmodule: 'GlobalSign',
    periods: months('49', '95'),
    included: 1,
    addon: { id: '55364', name: 'Additional domain', periods: months('12.5', '24') },
  },
  // A tariff priced per year rather than per month, as some price lists are.
  { id: '5003', name: 'Sectigo PositiveSSL Wildcard', siteinfo: 'brand=Sectigo,validation=dv,wildcard=yes,dcv=email|dns|cname', processingmodule: 'Sectigo', periods: [{ type: 'year', length: 1, cost: '79' }, { type: 'year', length: 2, cost: '150' }], included: 1 },
  { id: '5004', name: 'Sectigo OV SSL', siteinfo: 'brand=Sectigo', processingmodule: 'Sectigo', periods: months('59.9', '112'), included: 1 },
  { id: '5005', name: 'Sectigo EV SSL', siteinfo: 'brand=Sectigo,validation=ev', processingmodule: 'Sectigo', periods: months('129', '245'), included: 1 },
];

/** A few of BILLmanager's numeric country ids (182 is Russia, as ispmanager's article says). */
export const FAKE_COUNTRIES = [
  { k: '182', v: 'Russian Federation' },
  { k: '81', v: 'Germany' },
  { k: '157', v: 'Netherlands' },
  { k: '228', v: 'United States' },
];

export function costFor(product: FakeProduct, periodMonths: number, extraNames: number): number | undefined {
  const pick = (ps: FakePeriod[]) => ps.find((p) => (p.type === 'year' ? p.length * 12 : p.length) === periodMonths);
  const base = pick(product.periods);
  if (!base) return undefined;
  const addon = product.addon ? pick(product.addon.periods) : undefined;
  return Number(base.cost) + extraNames * Number(addon?.cost ?? 0);
}
