/**
 * GoGetSSL product records and cost prices → certbridge's SupplierProduct. Called by the
 * adapter's listProducts; pure, throws nothing (a record it cannot use is left out).
 */
import type { DcvMethod, Money, SupplierProduct, ValidationLevel } from '../supplier';
import type { PriceRecord, ProductRecord } from './api';
import { dnsMethodForBrand } from './map';

const flag = (v: unknown) => v === 1 || v === '1' || v === true || v === 'true';
const int = (v: unknown, fallback: number) => {
  const n = Number.parseInt(String(v ?? ''), 10);
  return Number.isFinite(n) ? n : fallback;
};

export function productName(p: ProductRecord): string {
  return String(p.product ?? '').trim();
}

/** OV/EV needs organisation details (`org_required`); EV is told apart by type or name. */
export function validationLevel(p: ProductRecord): ValidationLevel {
  const type = String(p.product_type ?? '').toLowerCase();
  if (type.includes('ext') || type === 'ev') return 'EV';
  if (!flag(p.org_required)) return 'DV';
  return /\bEV\b|extended/i.test(productName(p)) ? 'EV' : 'OV';
}

export function isWildcard(p: ProductRecord): boolean {
  return flag(p.wildcard_enabled) || /wildcard/i.test(productName(p));
}

export function dcvMethods(p: ProductRecord): DcvMethod[] {
  const methods: DcvMethod[] = [];
  if (flag(p.dcv_email)) methods.push('email');
  if (flag(p.dcv_dns)) methods.push(dnsMethodForBrand(String(p.brand ?? '')));
  if (flag(p.dcv_http)) methods.push('http');
  if (flag(p.dcv_https)) methods.push('https');
  // A record without the flags predates them: every GoGetSSL product accepts e-mail.
  return methods.length ? methods : ['email'];
}

/**
 * Decimal string with exactly two places, rounded half up in integer cents so that no
 * binary fraction creeps in; undefined for something that is not an amount.
 */
export function money(value: unknown): string | undefined {
  const m = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(String(value ?? ''));
  if (!m) return undefined;
  const frac = (m[2] ?? '').padEnd(3, '0');
  let cents = BigInt(m[1]) * 100n + BigInt(frac.slice(0, 2));
  if (Number(frac[2]) >= 5) cents += 1n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

/**
 * Terms certbridge sells: whole years (WHMCS bills certificates annually or per several
 * years) up to the product's max_period. Monthly trial terms are left out.
 */
function terms(entries: [string | number, unknown][], maxPeriod: number, currency: string): { months: number; cost: Money }[] {
  const out = new Map<number, Money>();
  for (const [period, price] of entries) {
    const months = int(period, 0);
    const amount = money(price);
    if (months <= 0 || months % 12 !== 0 || months > maxPeriod || amount === undefined) continue;
    out.set(months, { amount, currency });
  }
  return [...out].sort((a, b) => a[0] - b[0]).map(([months, cost]) => ({ months, cost }));
}

const vendorPrices = (p: ProductRecord) => (Array.isArray(p.prices) ? undefined : p.prices);

export function toSupplierProduct(p: ProductRecord, prices: PriceRecord[], currency: string): SupplierProduct | undefined {
  const name = productName(p);
  if (!name) return undefined;
  const maxPeriod = int(p.max_period, 120);
  const own = prices.filter((x) => String(x.id) === String(p.id)).map((x) => [x.period, x.price] as [string | number, unknown]);
  // all_prices is the reference (the official module stores it); the product's own vendor
  // map fills in for a product all_prices leaves out.
  const costs = terms(own.length ? own : Object.entries(vendorPrices(p)?.vendor ?? {}), maxPeriod, currency);
  if (costs.length === 0) return undefined;
  const san = flag(p.san_enabled);
  // Single-name products cover the name and its www. form (wildcards: *.name and name).
  const included = san ? 1 + int(p.single_san_included, 0) : 2;
  const max = san ? Math.max(included, 1 + int(p.single_san_max, 249)) : 2;
  const sanPrices = san ? terms(Object.entries(vendorPrices(p)?.san ?? {}), maxPeriod, currency) : [];
  return {
    id: String(p.id),
    name,
    brand: String(p.brand ?? ''),
    validation: validationLevel(p),
    wildcard: isWildcard(p),
    includedDomains: included,
    maxDomains: max,
    dcvMethods: dcvMethods(p),
    prices: costs,
    ...(sanPrices.length ? { extraDomainPrices: sanPrices } : {}),
  };
}
