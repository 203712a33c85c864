/**
 * The import wizard's product table: supplier products filtered by text, validation level,
 * kind and supplier, selected by "supplier:id".
 */
import type { Ref } from 'vue';
import type { CatalogueProduct } from '../../../server/admin/api-types';
import { useSelection } from './useSelection';

export const productKey = (p: Pick<CatalogueProduct, 'supplier' | 'id'>) => `${p.supplier}:${p.id}`;

export interface ProductFilter {
  text: string;
  validation: '' | CatalogueProduct['validation'];
  /** '' any, 'wildcard', 'multi' (more than one name). */
  kind: '' | 'wildcard' | 'multi';
  supplier: string;
}

export function matches(p: CatalogueProduct, f: ProductFilter): boolean {
  const text = f.text.trim().toLowerCase();
  if (text && !`${p.name} ${p.brand} ${p.id}`.toLowerCase().includes(text)) return false;
  if (f.validation && p.validation !== f.validation) return false;
  if (f.kind === 'wildcard' && !p.wildcard) return false;
  if (f.kind === 'multi' && p.maxDomains <= 1) return false;
  if (f.supplier && p.supplier !== f.supplier) return false;
  return true;
}

export function useProductTable(products: Ref<CatalogueProduct[]>) {
  return useSelection(products, productKey, matches, (): ProductFilter => ({ text: '', validation: '', kind: '', supplier: '' }));
}
