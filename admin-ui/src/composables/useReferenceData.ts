/**
 * Suppliers, WHMCS currencies and product groups: what the wizard and the re-price page need
 * before anything else. Loaded together; each failure is reported on its own.
 */
import { computed } from 'vue';
import { api } from '../api/endpoints';
import { useAsync } from './useAsync';

export function useReferenceData() {
  const suppliers = useAsync(api.suppliers);
  const currencies = useAsync(api.currencies);
  const groups = useAsync(api.productGroups);

  const loading = computed(() => suppliers.loading.value || currencies.loading.value || groups.loading.value);
  const error = computed(() => suppliers.error.value ?? currencies.error.value ?? groups.error.value);
  /** Currencies WHMCS cannot convert into: rate 0 (or unreadable) makes every price there 0. */
  const zeroRateCurrencies = computed(() => (currencies.data.value ?? []).filter((c) => !c.isDefault && !(Number(c.rate) > 0)));

  async function load(): Promise<void> {
    await Promise.all([suppliers.run(), currencies.run(), groups.run()]);
  }

  return {
    suppliers: suppliers.data,
    currencies: currencies.data,
    groups: groups.data,
    reloadGroups: groups.run,
    loading,
    error,
    zeroRateCurrencies,
    load,
  };
}
