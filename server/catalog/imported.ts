/**
 * Which supplier products are already WHMCS products: tblproducts rows with
 * servertype = 'certbridge', configoption1 = supplier code and configoption2 = the supplier's
 * product id. That pair is the identity the import uses to update in place instead of
 * duplicating. Called by catalogue-loader.ts (importedAs), preview.ts and product-writer.ts.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/connection';

export const productKey = (supplier: string, id: string) => `${supplier}:${id}`;

export interface ImportedProduct {
  pid: number;
  gid: number;
  name: string;
  supplier: string;
  productId: string;
}

/** "supplier:id" → the lowest pid importing it (an admin's manual copy never wins over the original). */
export async function importedProducts(db: Kysely<Database> | Transaction<Database>, suppliers?: string[]): Promise<Map<string, ImportedProduct>> {
  let q = db
    .selectFrom('tblproducts')
    .select(['id', 'gid', 'name', 'configoption1', 'configoption2'])
    .where('servertype', '=', 'certbridge')
    .orderBy('id');
  if (suppliers) {
    if (!suppliers.length) return new Map();
    q = q.where('configoption1', 'in', suppliers);
  }
  const out = new Map<string, ImportedProduct>();
  for (const r of await q.execute()) {
    const key = productKey(r.configoption1, r.configoption2);
    if (!out.has(key)) out.set(key, { pid: r.id, gid: r.gid, name: r.name, supplier: r.configoption1, productId: r.configoption2 });
  }
  return out;
}

/** The configurable option certbridge creates for extra names: quantity type, this exact name. */
export const SAN_OPTION_NAME = 'Additional domains';
export const SAN_OPTION_TYPE = '4'; // quantity

export interface SanOption {
  pid: number;
  groupId: number;
  optionId: number;
  subId: number | null;
}

/** pid → its "Additional domains" quantity option (through tblproductconfiglinks), if any. */
export async function sanOptions(db: Kysely<Database> | Transaction<Database>, pids: number[]): Promise<Map<number, SanOption>> {
  const out = new Map<number, SanOption>();
  if (!pids.length) return out;
  const rows = await db
    .selectFrom('tblproductconfiglinks as l')
    .innerJoin('tblproductconfigoptions as o', 'o.gid', 'l.gid')
    .leftJoin('tblproductconfigoptionssub as s', 's.configid', 'o.id')
    .select(['l.pid', 'o.gid', 'o.id as optionId', 's.id as subId'])
    .where('l.pid', 'in', pids)
    .where('o.optiontype', '=', SAN_OPTION_TYPE)
    .where('o.optionname', '=', SAN_OPTION_NAME)
    .orderBy('l.pid')
    .orderBy('o.id')
    .orderBy('s.id')
    .execute();
  for (const r of rows) {
    if (!out.has(r.pid)) out.set(r.pid, { pid: r.pid, groupId: r.gid, optionId: r.optionId, subId: r.subId ?? null });
  }
  return out;
}
