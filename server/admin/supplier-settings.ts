/**
 * The supplier settings page's data: which credentials each supplier needs (never their
 * values: only whether each is set), its live/test mode and whether a test system exists at
 * all (ispmanager has none, and the page says so). Saving validates, stores encrypted,
 * rebuilds the registry and checks the connection, reporting the result in words.
 */
import { z } from 'zod';
import { AppError } from '../http/errors';
import type { SupplierRegistry } from '../suppliers/registry';
import type { SupplierSettingsStore } from '../suppliers/settings-store';
import { isSupplierError } from '../suppliers/errors';
import type { SupplierSettingsSaved, SupplierSettingsView } from './api-types';

export const supplierSettingsSchema = z.object({
  enabled: z.boolean({ error: 'must be true or false' }).optional(),
  mode: z.enum(['live', 'test'], { error: 'must be live or test' }).optional(),
  credentials: z.record(z.string(), z.string({ error: 'must be text' })).optional(),
  baseUrl: z.string().nullable().optional(),
  maxConcurrency: z.number({ error: 'must be a number' }).int().nullable().optional(),
});

export class SupplierSettingsAdmin {
  constructor(
    private readonly registry: SupplierRegistry,
    private readonly store: SupplierSettingsStore,
  ) {}

  async list(): Promise<SupplierSettingsView[]> {
    const stored = await this.store.all();
    return this.registry.definitionsList().map((d) => {
      const s = stored.find((x) => x.code === d.code);
      return {
        code: d.code,
        displayName: d.displayName,
        testSystem: d.testSystem,
        capabilities: { ...d.capabilities },
        credentialFields: d.credentialFields.map((f) => ({ ...f, isSet: Boolean(s?.credentials[f.key]) })),
        configured: Boolean(s),
        enabled: s?.enabled ?? false,
        mode: s?.mode ?? (d.testSystem.available ? 'test' : 'live'),
        baseUrl: s?.baseUrl ?? null,
        maxConcurrency: s?.maxConcurrency ?? null,
      };
    });
  }

  async save(code: string, input: z.infer<typeof supplierSettingsSchema>): Promise<SupplierSettingsSaved> {
    const definition = this.registry.definition(code);
    const saved = await this.store.save(definition, input);
    await this.registry.refresh();
    let connection = { ok: false, message: 'The supplier is disabled; nothing was checked' };
    if (saved.enabled) {
      try {
        connection = { ok: true, message: (await this.registry.get(code).checkConnection()).detail };
      } catch (e) {
        connection = { ok: false, message: isSupplierError(e) || e instanceof AppError ? e.message : `The check failed: ${(e as Error).message}` };
      }
    }
    const settings = (await this.list()).find((v) => v.code === code)!;
    return { settings, connection };
  }
}
