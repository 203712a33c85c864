/**
 * Supplier catalogues, cached per process for a few minutes: configuressl steps and module
 * settings ask for product facts on every page load and a supplier round trip there would
 * be slow. (The admin import wizard keeps its own persistent copy.)
 */
import type { Supplier, SupplierProduct } from '../suppliers/supplier';

export class CatalogueCache {
  private readonly cache = new Map<string, { at: number; products: Promise<SupplierProduct[]> }>();

  constructor(private readonly ttlMs = 5 * 60_000) {}

  products(supplier: Supplier): Promise<SupplierProduct[]> {
    const hit = this.cache.get(supplier.code);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.products;
    const products = supplier.listProducts();
    this.cache.set(supplier.code, { at: Date.now(), products });
    // A failed load must not be cached.
    products.catch(() => this.cache.delete(supplier.code));
    return products;
  }
}
