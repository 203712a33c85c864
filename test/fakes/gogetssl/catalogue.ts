/**
 * The fake GoGetSSL's product catalogue, shaped like GET /products/ssl/ records
 * (suppliers.md §3.3; fields marked [I] there are present so the adapter's tolerance is
 * exercised). Cost prices are USD, by months, as strings — as GoGetSSL sends them — and
 * include monthly trial terms and a 3-month term the adapter must leave out. Used by
 * store.ts (costs, order checks) and server.ts (product and price answers).
 */
export interface FakeProduct {
  id: number;
  brand: string;
  product: string;
  org_required: 0 | 1;
  san_enabled: 0 | 1;
  wildcard_enabled: 0 | 1;
  single_san_included: number;
  single_san_max: number;
  max_period: number;
  dcv_email: 0 | 1;
  dcv_dns: 0 | 1;
  dcv_http: 0 | 1;
  dcv_https: 0 | 1;
  prices: { vendor: Record<string, string>; san?: Record<string, string> };
}

const base = { org_required: 0, san_enabled: 0, wildcard_enabled: 0, single_san_included: 0, single_san_max: 0, max_period: 36, dcv_email: 1, dcv_dns: 1, dcv_http: 1, dcv_https: 1 } as const;

export const FAKE_PRODUCTS: FakeProduct[] = [
  { ...base, id: 71, brand: 'comodo', product: 'Sectigo PositiveSSL', prices: { vendor: { '12': '3.95', '24': '7.50', '36': '10.95' } } },
  { ...base, id: 72, brand: 'comodo', product: 'Sectigo PositiveSSL Wildcard', wildcard_enabled: 1, dcv_http: 0, dcv_https: 0, prices: { vendor: { '12': '52.00', '24': '99.00' } } },
  {
    ...base,
    id: 73,
    brand: 'comodo',
    product: 'Sectigo PositiveSSL Multi-Domain',
    san_enabled: 1,
    single_san_included: 2,
    single_san_max: 247,
    prices: { vendor: { '12': '17.00', '24': '32.30' }, san: { '12': '5.50', '24': '10.45' } },
  },
  { ...base, id: 74, brand: 'comodo', product: 'Sectigo PositiveSSL Trial', max_period: 1, prices: { vendor: { '1': '0.00' } } },
  { ...base, id: 100, brand: 'rapidssl', product: 'RapidSSL Standard', dcv_https: 0, prices: { vendor: { '3': '2.10', '12': '8.60', '24': '16.40' } } },
  { ...base, id: 64, brand: 'comodo', product: 'Sectigo InstantSSL', org_required: 1, dcv_https: 0, prices: { vendor: { '12': '27.00', '24': '51.30' } } },
  { ...base, id: 66, brand: 'comodo', product: 'Sectigo EV SSL', org_required: 1, max_period: 24, dcv_https: 0, prices: { vendor: { '12': '68.00', '24': '129.20' } } },
];

export function fakeProduct(id: string | number): FakeProduct | undefined {
  return FAKE_PRODUCTS.find((p) => String(p.id) === String(id));
}

/** GET /products/all_prices/ rows: every product and term, also the ones the adapter drops. */
export function allPrices(): { id: number; price: string; period: number }[] {
  return FAKE_PRODUCTS.flatMap((p) => Object.entries(p.prices.vendor).map(([period, price]) => ({ id: p.id, price, period: Number(period) })));
}

/** Cost in cents of `months` of product `p`, or undefined when it is not sold for that term. */
export function costCents(p: FakeProduct, months: number, extraNames: number): number | undefined {
  const price = p.prices.vendor[String(months)];
  if (price === undefined || months > p.max_period) return undefined;
  const san = p.prices.san?.[String(months)] ?? '0';
  return toCents(price) + Math.max(0, extraNames - p.single_san_included) * toCents(san);
}

export const toCents = (s: string) => Math.round(Number(s) * 100);
export const fromCents = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;
