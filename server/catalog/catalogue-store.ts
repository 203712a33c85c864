/**
 * The import wizard's persistent copy of each supplier's catalogue (mod_certbridge_catalogue):
 * one row per supplier with the time it was asked and the products as JSON. Written only
 * after a supplier answered in full, so a failed refresh leaves the previous copy in place.
 * Called by catalogue-loader.ts (load/refresh) and preview.ts (pricing reads the copy the
 * admin saw). Errors are database errors only.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import type { CatalogueProduct } from '../admin/api-types';

/** A catalogue product as stored: importedAs is computed at read time, never stored. */
export type StoredProduct = Omit<CatalogueProduct, 'importedAs'>;

export interface StoredCatalogue {
  supplier: string;
  loadedAt: string; // ISO
  products: StoredProduct[];
}

const toIso = (mysql: string) => `${mysql.replace(' ', 'T')}${mysql.includes('.') ? '' : '.000'}Z`;
const toMysql = (iso: string) => iso.replace('T', ' ').replace('Z', '');

export class CatalogueStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(supplier: string): Promise<StoredCatalogue | undefined> {
    const row = await this.db.selectFrom('mod_certbridge_catalogue').selectAll().where('supplier', '=', supplier).executeTakeFirst();
    return row ? { supplier: row.supplier, loadedAt: toIso(row.loaded_at), products: JSON.parse(row.products) as StoredProduct[] } : undefined;
  }

  async many(suppliers: string[]): Promise<Map<string, StoredCatalogue>> {
    const out = new Map<string, StoredCatalogue>();
    if (!suppliers.length) return out;
    const rows = await this.db.selectFrom('mod_certbridge_catalogue').selectAll().where('supplier', 'in', suppliers).execute();
    for (const row of rows) out.set(row.supplier, { supplier: row.supplier, loadedAt: toIso(row.loaded_at), products: JSON.parse(row.products) as StoredProduct[] });
    return out;
  }

  /** Replaces the supplier's copy in one statement (any instance may race; the last answer wins). */
  async save(catalogue: StoredCatalogue): Promise<void> {
    const products = JSON.stringify(catalogue.products);
    await this.db
      .insertInto('mod_certbridge_catalogue')
      .values({ supplier: catalogue.supplier, loaded_at: toMysql(catalogue.loadedAt), product_count: catalogue.products.length, products })
      .onDuplicateKeyUpdate({ loaded_at: toMysql(catalogue.loadedAt), product_count: catalogue.products.length, products })
      .execute();
  }
}
