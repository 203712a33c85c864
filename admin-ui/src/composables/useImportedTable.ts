/**
 * The re-price list: WHMCS products certbridge imported, filtered by text and product group,
 * selected by WHMCS product id.
 */
import type { Ref } from 'vue';
import type { ImportedProductInfo } from '../../../server/admin/api-types';
import { useSelection } from './useSelection';

export interface ImportedFilter {
  text: string;
  groupId: number | '';
}

export const importedKey = (p: ImportedProductInfo) => String(p.pid);
/** The pricing rules' override key for an imported product. */
export const importedRuleKey = (p: ImportedProductInfo) => `${p.supplier}:${p.productId}`;

export function matchesImported(p: ImportedProductInfo, f: ImportedFilter): boolean {
  const text = f.text.trim().toLowerCase();
  if (text && !`${p.name} ${p.supplier} ${p.productId} #${p.pid}`.toLowerCase().includes(text)) return false;
  return f.groupId === '' || p.groupId === f.groupId;
}

export function useImportedTable(products: Ref<ImportedProductInfo[]>) {
  return useSelection(products, importedKey, matchesImported, (): ImportedFilter => ({ text: '', groupId: '' }));
}
