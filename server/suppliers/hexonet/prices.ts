/**
 * Cost prices from HEXONET's account relations (suppliers.md §1.4), pure. The adapter feeds it
 * StatusUser's RELATIONTYPE/RELATIONVALUE pairs and the ECB rates from QueryExchangeRates.
 *
 * A class is priced by `PRICE_CLASS_SSLCERT_<CLASS>_ANNUAL` (the vendor module also accepts a
 * trailing 1) in the currency of `PRICE_CLASS_SSLCERT_<CLASS>_CURRENCY`; a class without a
 * currency relation is skipped, as the vendor module does. HEXONET debits the account in its
 * own currency, converting with the daily ECB rates (base EUR), so that is the cost we report.
 * No errors: unusable relations are left out.
 */

export interface Relation {
  type: string;
  value: string;
}

export interface ClassPrice {
  classId: string;
  annual: number;
  currency: string;
}

const ANNUAL = /^PRICE_CLASS_SSLCERT_(.+_.+)_ANNUAL1?$/;

export function classPrices(relations: readonly Relation[]): ClassPrice[] {
  const byType = new Map(relations.map((r) => [r.type.trim().toUpperCase(), r.value.trim()]));
  const out = new Map<string, ClassPrice>();
  for (const r of relations) {
    const m = ANNUAL.exec(r.type.trim().toUpperCase());
    if (!m || out.has(m[1])) continue;
    const annual = Number(r.value);
    const currency = byType.get(`PRICE_CLASS_SSLCERT_${m[1]}_CURRENCY`)?.toUpperCase();
    if (!currency || !/^[A-Z]{3}$/.test(currency) || !Number.isFinite(annual) || annual < 0) continue;
    out.set(m[1], { classId: m[1], annual, currency });
  }
  return [...out.values()];
}

/** EUR → currency, the newest rate per currency. */
export type EurRates = ReadonlyMap<string, number>;

/** `amount` in `from` expressed in `to`, or undefined when a rate is missing. */
export function convert(amount: number, from: string, to: string, rates: EurRates): number | undefined {
  if (from === to) return amount;
  const rate = (c: string) => (c === 'EUR' ? 1 : rates.get(c));
  const rFrom = rate(from);
  const rTo = rate(to);
  if (!rFrom || !rTo) return undefined;
  return (amount / rFrom) * rTo;
}

/** Two decimals, half-cents rounded up; 12 significant digits first so 1.005 stays 1.005, not 1.00499…. */
export function money(amount: number): string {
  return (Math.round(Number((amount * 100).toPrecision(12))) / 100).toFixed(2);
}
