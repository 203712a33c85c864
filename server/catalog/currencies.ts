/**
 * WHMCS's currencies (tblcurrencies) as the pricing engine and the admin app see them.
 * Called by preview.ts and the admin routes. Errors are database errors only; a bad rate is
 * not an error here but a pricing problem (pricing.ts checkCurrencies).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/connection';
import type { CurrencyInfo } from '../admin/api-types';
import type { PricingCurrency } from './pricing';

export async function whmcsCurrencies(db: Kysely<Database> | Transaction<Database>): Promise<(CurrencyInfo & PricingCurrency)[]> {
  const rows = await db.selectFrom('tblcurrencies').select(['id', 'code', 'prefix', 'suffix', 'rate', 'default']).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, code: r.code.trim().toUpperCase(), prefix: r.prefix, suffix: r.suffix, rate: String(r.rate ?? ''), isDefault: Number(r.default) === 1 }));
}
