/**
 * The supplier settings page: one form per supplier. Credential fields start empty (values
 * are never sent back); typing a value replaces the stored one, leaving it empty keeps it.
 * Saving reports the server's connection check in its own words.
 */
import { reactive, ref } from 'vue';
import type { SupplierSettingsInput, SupplierSettingsView } from '../../../server/admin/api-types';
import { api } from '../api/endpoints';
import { messageOf } from '../api/errors';

export interface SupplierForm {
  enabled: boolean;
  mode: 'live' | 'test';
  credentials: Record<string, string>;
  baseUrl: string;
  maxConcurrency: string;
}

export function formFor(view: SupplierSettingsView): SupplierForm {
  return {
    enabled: view.configured ? view.enabled : true,
    mode: view.mode,
    credentials: Object.fromEntries(view.credentialFields.map((f) => [f.key, ''])),
    baseUrl: view.baseUrl ?? '',
    maxConcurrency: view.maxConcurrency === null ? '' : String(view.maxConcurrency),
  };
}

/** Only what the admin typed: an empty credential box means "keep the stored value". */
export function inputFrom(form: SupplierForm): SupplierSettingsInput | { error: string; field: string } {
  const limit = form.maxConcurrency.trim();
  if (limit && !/^\d+$/.test(limit)) return { error: 'The concurrency cap must be a whole number', field: 'maxConcurrency' };
  const credentials = Object.fromEntries(Object.entries(form.credentials).filter(([, v]) => v !== ''));
  return {
    enabled: form.enabled,
    mode: form.mode,
    credentials,
    baseUrl: form.baseUrl.trim() || null,
    maxConcurrency: limit ? Number(limit) : null,
  };
}

export function useSupplierSettings() {
  const views = ref<SupplierSettingsView[]>([]);
  const forms = reactive<Record<string, SupplierForm>>({});
  const status = reactive<Record<string, { ok: boolean; message: string } | undefined>>({});
  const saving = ref<string | null>(null);
  const loadError = ref<string | null>(null);

  async function load(): Promise<void> {
    try {
      views.value = await api.supplierSettings();
      for (const v of views.value) forms[v.code] = formFor(v);
    } catch (e) {
      loadError.value = messageOf(e);
    }
  }

  async function save(code: string): Promise<void> {
    const input = inputFrom(forms[code]);
    if ('error' in input) {
      status[code] = { ok: false, message: input.error };
      return;
    }
    saving.value = code;
    try {
      const saved = await api.saveSupplierSettings(code, input);
      views.value = views.value.map((v) => (v.code === code ? saved.settings : v));
      forms[code] = formFor(saved.settings);
      status[code] = saved.connection;
    } catch (e) {
      status[code] = { ok: false, message: messageOf(e) };
    } finally {
      saving.value = null;
    }
  }

  return { views, forms, status, saving, loadError, load, save };
}
