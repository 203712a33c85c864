/**
 * How the app writes terms, money, dates and validation levels. Pure functions, so every
 * page says the same thing the same way.
 */
import type { CatalogueProduct } from '../../../server/admin/api-types';

export function termLabel(months: number): string {
  if (months % 12 === 0) return months === 12 ? '1 year' : `${months / 12} years`;
  return months === 1 ? '1 month' : `${months} months`;
}

/** Amounts stay decimal strings from the server; only the currency code is added. */
export function money(amount: string | null | undefined, currency: string): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  return `${amount} ${currency}`;
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

export function dateTime(iso: string | null | undefined): string {
  const d = parseDate(iso);
  return d ? dateTimeFormat.format(d) : '—';
}

export function date(iso: string | null | undefined): string {
  const d = parseDate(iso);
  return d ? dateFormat.format(d) : '—';
}

/** Accepts ISO strings and MySQL's "YYYY-MM-DD HH:MM:SS" (read as UTC). */
function parseDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const iso = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Days from now until iso (negative when past), or null. */
export function daysUntil(iso: string | null | undefined, now = Date.now()): number | null {
  const d = parseDate(iso);
  return d ? Math.floor((d.getTime() - now) / 86_400_000) : null;
}

export const VALIDATION_LABELS: Record<CatalogueProduct['validation'], string> = {
  DV: 'Domain (DV)',
  OV: 'Organisation (OV)',
  EV: 'Extended (EV)',
};

/** "Single domain", "Up to 100 names (2 included)". */
export function domainsLabel(p: Pick<CatalogueProduct, 'includedDomains' | 'maxDomains'>): string {
  if (p.maxDomains <= 1) return 'Single domain';
  if (p.maxDomains <= p.includedDomains) return `${p.maxDomains} names`;
  return `Up to ${p.maxDomains} names (${p.includedDomains} included)`;
}

/** Change between two decimal strings for display, e.g. "+2.50" / "−1.00"; null when unknown. */
export function change(from: string | null, to: string): string | null {
  if (from === null) return null;
  const diff = Number(to) - Number(from);
  if (!Number.isFinite(diff)) return null;
  const decimals = Math.max(decimalsOf(from), decimalsOf(to));
  if (Math.abs(diff) < 10 ** -decimals / 2) return '0';
  return `${diff > 0 ? '+' : '−'}${Math.abs(diff).toFixed(decimals)}`;
}

function decimalsOf(s: string): number {
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}
