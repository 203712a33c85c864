/**
 * How certbridge prices map onto WHMCS's tblpricing rows: one row per (type, relid, currency);
 * our terms go to annually/biennially/triennially, every other recurring cycle is -1.00
 * (disabled) on product rows, setup fees are 0.00. Read by preview.ts (today's prices) and
 * product-writer.ts (which rows to update, which to insert). Errors are database errors only.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/connection';
import type { Term } from './pricing';

export const TERM_COLUMN = { 12: 'annually', 24: 'biennially', 36: 'triennially' } as const satisfies Record<Term, string>;
export const RECURRING = ['monthly', 'quarterly', 'semiannually', 'annually', 'biennially', 'triennially'] as const;
export const SETUP_FEES = ['msetupfee', 'qsetupfee', 'ssetupfee', 'asetupfee', 'bsetupfee', 'tsetupfee'] as const;

export type PricingType = 'product' | 'configoptions';

export interface ExistingPriceRow {
  id: number;
  relid: number;
  currency: number;
  annually: string;
  biennially: string;
  triennially: string;
}

export const priceKey = (relid: number, currency: number) => `${relid}:${currency}`;

/** (relid:currency) → all rows (WHMCS installs sometimes hold duplicates; all get updated). */
export async function existingPrices(db: Kysely<Database> | Transaction<Database>, type: PricingType, relids: number[]): Promise<Map<string, ExistingPriceRow[]>> {
  const out = new Map<string, ExistingPriceRow[]>();
  if (!relids.length) return out;
  const rows = await db
    .selectFrom('tblpricing')
    .select(['id', 'relid', 'currency', 'annually', 'biennially', 'triennially'])
    .where('type', '=', type)
    .where('relid', 'in', relids)
    .orderBy('id')
    .execute();
  for (const r of rows) {
    const k = priceKey(r.relid, r.currency);
    const list = out.get(k) ?? [];
    list.push(r);
    out.set(k, list);
  }
  return out;
}

/** Today's price of a term, or null when the cycle is disabled (-1) or the row is missing. */
export function currentPrice(rows: ExistingPriceRow[] | undefined, months: Term): string | null {
  const row = rows?.[0];
  if (!row) return null;
  const value = String(row[TERM_COLUMN[months]]);
  return value.startsWith('-') ? null : value;
}
