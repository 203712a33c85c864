/**
 * Supplier settings in MySQL. Credentials are sealed with the master key, bound to the
 * supplier code, and never returned in clear to any API: reads give the field names and
 * whether each is set. Validation names the field and writes nothing on error.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import type { SecretBox } from '../crypto/secret-box';
import { AppError } from '../http/errors';
import type { SupplierDefinition, SupplierSettings } from './definition';

export interface StoredSupplierSettings extends SupplierSettings {
  code: string;
  enabled: boolean;
}

export interface SupplierSettingsInput {
  enabled?: boolean;
  mode?: 'live' | 'test';
  /** Only the fields given are changed; an empty string clears a field. */
  credentials?: Record<string, string>;
  baseUrl?: string | null;
  maxConcurrency?: number | null;
}

export class SupplierSettingsStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
  ) {}

  private aad(code: string): string {
    return `certbridge-supplier:${code}`;
  }

  async all(): Promise<StoredSupplierSettings[]> {
    const rows = await this.db.selectFrom('mod_certbridge_supplier_settings').selectAll().execute();
    return rows.map((r) => ({
      code: r.code,
      enabled: r.enabled === 1,
      mode: r.mode === 'live' ? 'live' : 'test',
      credentials: JSON.parse(this.box.openText(r.sealed_credentials, this.aad(r.code))) as Record<string, string>,
      baseUrl: r.base_url ?? undefined,
      maxConcurrency: r.max_concurrency ?? undefined,
    }));
  }

  async get(code: string): Promise<StoredSupplierSettings | undefined> {
    return (await this.all()).find((s) => s.code === code);
  }

  async save(definition: SupplierDefinition, input: SupplierSettingsInput): Promise<StoredSupplierSettings> {
    const current = await this.get(definition.code);
    const mode = input.mode ?? current?.mode ?? (definition.testSystem.available ? 'test' : 'live');
    if (mode === 'test' && !definition.testSystem.available) {
      throw new AppError('invalid_request', `${definition.displayName} has no test system: ${definition.testSystem.note}`, 'mode');
    }
    const known = new Set(definition.credentialFields.map((f) => f.key));
    for (const key of Object.keys(input.credentials ?? {})) {
      if (!known.has(key)) throw new AppError('invalid_request', `${definition.displayName} has no credential "${key}"; it takes: ${[...known].join(', ')}`, `credentials.${key}`);
    }
    const credentials = { ...(current?.credentials ?? {}) };
    for (const [k, v] of Object.entries(input.credentials ?? {})) {
      if (v === '') delete credentials[k];
      else credentials[k] = v;
    }
    const enabled = input.enabled ?? current?.enabled ?? true;
    if (enabled) {
      const missing = definition.credentialFields.filter((f) => f.required && !credentials[f.key]);
      if (missing.length) throw new AppError('invalid_request', `${definition.displayName} needs ${missing.map((f) => f.label).join(', ')}`, `credentials.${missing[0].key}`);
    }
    const baseUrl = input.baseUrl === undefined ? current?.baseUrl : input.baseUrl ?? undefined;
    if (baseUrl && !/^https?:\/\/[^\s/]+/.test(baseUrl)) throw new AppError('invalid_request', 'The endpoint must be an http(s) URL', 'baseUrl');
    const maxConcurrency = input.maxConcurrency === undefined ? current?.maxConcurrency : input.maxConcurrency ?? undefined;
    if (maxConcurrency !== undefined && (!Number.isInteger(maxConcurrency) || maxConcurrency < 1 || maxConcurrency > 200)) {
      throw new AppError('invalid_request', 'The concurrency cap must be a whole number from 1 to 200', 'maxConcurrency');
    }
    const row = {
      enabled: enabled ? 1 : 0,
      mode,
      sealed_credentials: this.box.seal(JSON.stringify(credentials), this.aad(definition.code)),
      base_url: baseUrl ?? null,
      max_concurrency: maxConcurrency ?? null,
    };
    await this.db.insertInto('mod_certbridge_supplier_settings').values({ code: definition.code, ...row }).onDuplicateKeyUpdate(row).execute();
    return { code: definition.code, enabled, mode, credentials, baseUrl, maxConcurrency };
  }
}
