/**
 * Bulk re-price of products certbridge already imported: pick products → pricing →
 * preview (same diff and loss guard as the import) → apply.
 */
import { computed } from 'vue';
import type { RepriceRequest } from '../../../server/admin/api-types';
import { api } from '../api/endpoints';
import { useApply, useApplyStep } from './useApply';
import { useAsync } from './useAsync';
import { importedRuleKey, useImportedTable } from './useImportedTable';
import { pricingProblem } from './useImportWizard';
import { usePreview } from './usePreview';
import { usePricingForm, toRules } from './usePricingForm';
import { useReferenceData } from './useReferenceData';
import { useSteps } from './useSteps';

export const REPRICE_STEPS = [
  { id: 'products', label: 'Products' },
  { id: 'pricing', label: 'Pricing' },
  { id: 'preview', label: 'Preview' },
  { id: 'apply', label: 'Apply' },
] as const;

export type RepriceStep = (typeof REPRICE_STEPS)[number]['id'];

export function useRepriceWizard() {
  const reference = useReferenceData();
  const imported = useAsync(api.importedProducts);
  const table = useImportedTable(computed(() => imported.data.value ?? []));
  const pricing = usePricingForm();
  const preview = usePreview(api.previewReprice);
  const apply = useApply();
  const pricingProducts = computed(() => {
    // Two WHMCS copies of one supplier product share one override row.
    const seen = new Map<string, string>();
    for (const p of table.selectedItems.value) if (!seen.has(importedRuleKey(p))) seen.set(importedRuleKey(p), p.name);
    return [...seen].map(([key, name]) => ({ key, name }));
  });

  function request(): RepriceRequest {
    const chosen = table.selectedItems.value;
    return { pids: chosen.map((p) => p.pid), rules: toRules(pricing.form, new Set(chosen.map(importedRuleKey))) };
  }

  const steps = useSteps(REPRICE_STEPS, {
    problem: (current) => {
      if (current === 'products') {
        if (imported.loading.value) return 'Wait until the product list has loaded.';
        return table.selectedItems.value.length ? null : 'Select at least one product to re-price.';
      }
      if (current === 'pricing') return pricingProblem(reference.zeroRateCurrencies.value, pricing.valid.value);
      return null;
    },
    onEnter: async (id) => {
      if (id === 'preview') await preview.run(request());
    },
  });

  async function start(): Promise<void> {
    await Promise.all([reference.load(), imported.run()]);
  }

  const { applyPreviewed, reviewAgain } = useApplyStep(steps, preview, apply, 'apply', 'preview');

  async function applyNow(): Promise<void> {
    await applyPreviewed((req) => req.pids.length, (req, acknowledgeLoss, onProgress) => api.applyReprice({ ...req, acknowledgeLoss }, onProgress));
  }

  function startOver(): void {
    apply.reset();
    preview.reset();
    table.selected.value = new Set();
    steps.restart('products');
    void imported.run();
  }

  return {
    reference, imported, table, pricing, pricingProducts, preview, apply,
    step: steps.step, stepError: steps.stepError, next: steps.next, back: steps.back, go: steps.go, canGo: steps.canGo,
    start, applyNow, reviewAgain, startOver,
  };
}
