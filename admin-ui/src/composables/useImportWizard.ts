/**
 * The import wizard's flow: suppliers → products → pricing → product group → preview →
 * apply. The preview is re-run whenever the admin comes back to it, so apply always sends
 * exactly what was previewed.
 */
import { computed, ref } from 'vue';
import type { ImportRequest } from '../../../server/admin/api-types';
import { api } from '../api/endpoints';
import { useApply, useApplyStep } from './useApply';
import { useCatalogue } from './useCatalogue';
import { useGroupChoice } from './useGroupChoice';
import { usePreview } from './usePreview';
import { usePricingForm, toRules } from './usePricingForm';
import { productKey, useProductTable } from './useProductTable';
import { useReferenceData } from './useReferenceData';
import { useSteps } from './useSteps';

export const IMPORT_STEPS = [
  { id: 'suppliers', label: 'Suppliers' },
  { id: 'products', label: 'Products' },
  { id: 'pricing', label: 'Pricing' },
  { id: 'group', label: 'Product group' },
  { id: 'preview', label: 'Preview' },
  { id: 'apply', label: 'Apply' },
] as const;

export type ImportStep = (typeof IMPORT_STEPS)[number]['id'];

/** The pricing step's own check, shared with re-price: unusable currencies, invalid fields. */
export function pricingProblem(zeroRate: { code: string }[], valid: boolean): string | null {
  if (zeroRate.length) {
    return `WHMCS has an exchange rate of 0 for ${zeroRate.map((c) => c.code).join(', ')}: set the rate under System Settings → Currencies first.`;
  }
  return valid ? null : 'Correct the pricing fields marked in red.';
}

export function useImportWizard() {
  const reference = useReferenceData();
  const chosen = ref<string[]>([]);
  const catalogue = useCatalogue();
  const table = useProductTable(catalogue.products);
  const pricing = usePricingForm();
  const group = useGroupChoice(reference.groups);
  const preview = usePreview(api.previewImport);
  const apply = useApply();

  const usableSuppliers = computed(() => (reference.suppliers.value ?? []).filter((s) => s.configured));
  /** The chosen products as the pricing step lists them (override key and name). */
  const pricingProducts = computed(() => table.selectedItems.value.map((p) => ({ key: productKey(p), name: p.name })));

  function request(): ImportRequest {
    const products = table.selectedItems.value.map((p) => ({ supplier: p.supplier, id: p.id }));
    return { products, rules: toRules(pricing.form, new Set(products.map(productKey))), group: group.choice.value };
  }

  const steps = useSteps(IMPORT_STEPS, {
    problem: (current) => {
      switch (current) {
        case 'suppliers':
          return chosen.value.length ? null : 'Choose at least one supplier.';
        case 'products':
          if (catalogue.busy.value) return 'Wait until the catalogues have loaded.';
          return table.selectedItems.value.length ? null : 'Select at least one product to import.';
        case 'pricing':
          return pricingProblem(reference.zeroRateCurrencies.value, pricing.valid.value);
        case 'group':
          return group.error.value;
        default:
          return null;
      }
    },
    onEnter: async (id) => {
      if (id === 'products' && !catalogue.loads.value.length) await loadCatalogue(false);
      if (id === 'preview') await preview.run(request());
    },
  });

  async function loadCatalogue(refresh: boolean): Promise<void> {
    await catalogue.load(usableSuppliers.value.filter((s) => chosen.value.includes(s.code)), refresh);
  }

  const { applyPreviewed, reviewAgain } = useApplyStep(steps, preview, apply, 'apply', 'preview');

  async function applyNow(): Promise<void> {
    const ran = await applyPreviewed((req) => req.products.length, (req, acknowledgeLoss, onProgress) => api.applyImport({ ...req, acknowledgeLoss }, onProgress));
    if (ran) await reference.reloadGroups();
  }

  function startOver(): void {
    apply.reset();
    preview.reset();
    table.selected.value = new Set();
    Object.assign(group.state, { mode: 'existing', existingId: null, newName: '' });
    steps.restart('products');
    void loadCatalogue(false);
  }

  return {
    reference, usableSuppliers, pricingProducts, chosen, catalogue, table, pricing, group, preview, apply,
    step: steps.step, stepError: steps.stepError, next: steps.next, back: steps.back, go: steps.go, canGo: steps.canGo,
    loadCatalogue, applyNow, reviewAgain, startOver,
  };
}
