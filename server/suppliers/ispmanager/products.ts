/**
 * Turns ispmanager's certificate price list (pricelist.export) into certbridge's catalogue.
 * adapter.ts calls toProduct for listProducts and altnameAddon when ordering extra names.
 * Pure; no errors — a tariff without a yearly price is left out (returns undefined).
 *
 * ispmanager describes a tariff only by its name and the siteinfo flags, so the
 * validation level, wildcard and multi-domain facts come from siteinfo when present and
 * from the tariff name otherwise ("… EV …", "… Wildcard", "… Multi-Domain").
 */
import type { DcvMethod, Money, SupplierProduct, ValidationLevel } from '../supplier';
import type { PricePeriod, PricelistAddon, PricelistEntry } from './api';
import { dcvMethodFromSiteinfo } from './map';

const ALL_METHODS: DcvMethod[] = ['email', 'dns_txt', 'dns_cname', 'http'];
/** ispmanager publishes no SAN limit; 100 is the smallest CA limit among its brands. */
const DEFAULT_MAX_DOMAINS = 100;

export function toProduct(p: PricelistEntry, currency: string): SupplierProduct | undefined {
  const prices = yearly(p.periods, currency);
  if (prices.length === 0) return undefined;
  const info = p.siteinfo;
  const addon = altnameAddon(p);
  const multi = yes(info.multidomain) || addon !== undefined || /multi|\bSAN\b|UCC/i.test(p.name);
  const included = positive(info.included) ?? 1;
  const methods = (info.dcv ?? '').split(/[|\s/;]+/).map(dcvMethodFromSiteinfo).filter((m): m is DcvMethod => m !== undefined);
  const extra = addon ? yearly(addon.periods, currency) : [];
  return {
    id: p.id,
    name: p.name,
    brand: info.brand || p.name.split(/\s+/)[0],
    validation: validationOf(info, p.name),
    wildcard: yes(info.wildcard) || /wildcard|\*\./i.test(p.name),
    includedDomains: included,
    maxDomains: multi ? positive(info.maxdomains) ?? DEFAULT_MAX_DOMAINS : included,
    dcvMethods: methods.length ? [...new Set(methods)] : ALL_METHODS,
    prices,
    ...(extra.length ? { extraDomainPrices: extra } : {}),
  };
}

/** The addon that buys additional names (ordered as addon_<id>=<count>). */
export function altnameAddon(p: PricelistEntry): PricelistAddon | undefined {
  const byFlag = p.siteinfo.addon ? p.addons.find((a) => a.id === p.siteinfo.addon) ?? { id: p.siteinfo.addon, name: '', intname: 'altname', periods: [] } : undefined;
  return byFlag ?? p.addons.find((a) => /altname|domain|san/i.test(`${a.intname} ${a.name}`));
}

function validationOf(info: Record<string, string>, name: string): ValidationLevel {
  const flag = (info.validation ?? info.type ?? '').toUpperCase();
  if (flag === 'DV' || flag === 'OV' || flag === 'EV') return flag;
  if (/\bEV\b|extended/i.test(name)) return 'EV';
  if (/\bOV\b|organi[sz]ation|business|\bIV\b/i.test(name)) return 'OV';
  return 'DV';
}

/**
 * Certificates are sold by the year (ispmanager's period is 12 or 24 months); a period
 * that is not whole years cannot be a certificate term and is left out.
 */
function yearly(periods: PricePeriod[], currency: string): { months: number; cost: Money }[] {
  const out = new Map<number, Money>();
  for (const p of periods) {
    const months = p.type === 'year' ? p.length * 12 : p.type === 'month' ? p.length : NaN;
    const amount = decimal(p.cost);
    if (!Number.isInteger(months) || months <= 0 || months % 12 !== 0 || amount === undefined) continue;
    out.set(months, { amount, currency });
  }
  return [...out].sort((a, b) => a[0] - b[0]).map(([months, cost]) => ({ months, cost }));
}

/** "9.9", "1 234,5", "12" → "9.90", "1234.50", "12.00"; anything else → undefined. */
export function decimal(raw: string): string | undefined {
  const s = raw.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(s)) return undefined;
  return (Math.round(Number(s) * 100) / 100).toFixed(2);
}

const yes = (v: string | undefined) => v !== undefined && /^(yes|on|1|true)$/i.test(v);

function positive(v: string | undefined): number | undefined {
  const n = Number(v);
  return v !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}
