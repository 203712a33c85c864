/**
 * Loading a supplier's catalogue for the import wizard: from the MySQL copy when there is one
 * and the admin did not ask for a refresh, else from the supplier (then stored). A supplier
 * that fails is named in the error (AppError 'supplier_error', 502) and its previous copy,
 * like every other supplier's, stays as it was. An unknown or unconfigured code is a 422
 * naming `supplier`. Called by the admin routes (POST /admin/api/catalogue/load) and by
 * preview.ts when a product's catalogue was never loaded.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import type { CatalogueLoadResponse } from '../admin/api-types';
import { AppError } from '../http/errors';
import { isSupplierError } from '../suppliers/errors';
import type { SupplierRegistry } from '../suppliers/registry';
import type { Supplier, SupplierProduct } from '../suppliers/supplier';
import { CatalogueStore, type StoredCatalogue, type StoredProduct } from './catalogue-store';
import { importedProducts, productKey } from './imported';

export function toStoredProduct(supplier: string, p: SupplierProduct): StoredProduct {
  return {
    supplier,
    id: p.id,
    name: p.name,
    brand: p.brand,
    validation: p.validation,
    wildcard: p.wildcard,
    includedDomains: p.includedDomains,
    maxDomains: p.maxDomains,
    dcvMethods: [...p.dcvMethods],
    prices: p.prices.map((x) => ({ months: x.months, cost: x.cost.amount, currency: x.cost.currency })),
    extraDomainPrices: (p.extraDomainPrices ?? []).map((x) => ({ months: x.months, cost: x.cost.amount, currency: x.cost.currency })),
  };
}

export class CatalogueLoader {
  readonly store: CatalogueStore;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly suppliers: SupplierRegistry,
  ) {
    this.store = new CatalogueStore(db);
  }

  private supplier(code: string): Supplier {
    const s = this.suppliers.all().find((x) => x.code === code);
    if (!s) {
      const known = this.suppliers.all().map((x) => x.code).join(', ');
      throw new AppError('invalid_request', `Supplier "${code}" is not configured in certbridge (configured: ${known}); enable it in the supplier settings first`, 'supplier');
    }
    return s;
  }

  /** The stored copy, else asks the supplier (refresh = always ask). */
  async load(code: string, refresh: boolean): Promise<CatalogueLoadResponse> {
    const supplier = this.supplier(code);
    let catalogue = refresh ? undefined : await this.store.get(code);
    if (!catalogue) catalogue = await this.fetch(supplier);
    const imported = await importedProducts(this.db, [code]);
    return {
      supplier: code,
      loadedAt: catalogue.loadedAt,
      products: catalogue.products.map((p) => ({ ...p, importedAs: imported.get(productKey(code, p.id))?.pid ?? null })),
    };
  }

  /** Stored copies for these suppliers, asking a supplier only when it has none yet. */
  async stored(codes: string[]): Promise<Map<string, StoredCatalogue>> {
    const found = await this.store.many(codes);
    for (const code of codes) {
      if (!found.has(code)) found.set(code, await this.fetch(this.supplier(code)));
    }
    return found;
  }

  private async fetch(supplier: Supplier): Promise<StoredCatalogue> {
    const asked = new Date().toISOString();
    let products: SupplierProduct[];
    try {
      products = await supplier.listProducts();
    } catch (e) {
      const why = isSupplierError(e) ? e.message : e instanceof Error ? e.message : String(e);
      const previous = await this.store.get(supplier.code).catch(() => undefined);
      const kept = previous ? `the copy loaded at ${previous.loadedAt} is kept` : 'nothing was stored for it';
      throw new AppError('supplier_error', `Loading the catalogue of ${supplier.displayName} (${supplier.code}) failed: ${why}. ${kept}; other suppliers' catalogues are unchanged.`, 'supplier');
    }
    const catalogue: StoredCatalogue = { supplier: supplier.code, loadedAt: asked, products: products.map((p) => toStoredProduct(supplier.code, p)) };
    await this.store.save(catalogue);
    return catalogue;
  }
}
