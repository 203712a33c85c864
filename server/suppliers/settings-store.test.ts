import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { openDatabase, type DbHandle } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { createScratchDatabase, type ScratchDatabase } from '../../test/support/mysql';
import { createLogger } from '../logger';
import { createSecretBox } from '../crypto/secret-box';
import { NO_CALL_LOG } from './call-log';
import type { SupplierDefinition } from './definition';
import { SupplierRegistry } from './registry';
import { SupplierSettingsStore } from './settings-store';
import type { Supplier } from './supplier';

let scratch: ScratchDatabase;
let h: DbHandle;
let store: SupplierSettingsStore;

const caps = { reissue: false, renew: false, cancel: false, revoke: false, resendValidation: false, changeValidation: false, balance: false };
const built: Array<{ code: string; credentials: Record<string, string>; mode: string }> = [];
function definition(code: string, testSystem: boolean): SupplierDefinition {
  return {
    code,
    displayName: code.toUpperCase(),
    capabilities: caps,
    testSystem: { available: testSystem, note: testSystem ? 'has OT&E' : `${code} has no test system: orders are real` },
    credentialFields: [
      { key: 'login', label: 'Login', secret: false, required: true },
      { key: 'password', label: 'Password', secret: true, required: true },
    ],
    create: (settings) => {
      built.push({ code, credentials: settings.credentials, mode: settings.mode });
      return { code, displayName: code } as unknown as Supplier;
    },
  };
}
const withTest = definition('alpha', true);
const liveOnly = definition('beta', false);

beforeAll(async () => {
  scratch = await createScratchDatabase({ label: 'sset', seed: false });
  h = openDatabase(scratch.url);
  await migrateToLatest(h.db);
  store = new SupplierSettingsStore(h.db, createSecretBox({ keys: { k: randomBytes(32) }, activeKeyId: 'k' }));
});
afterAll(async () => {
  await h?.close();
  await scratch?.drop();
});

describe('supplier settings', () => {
  it('stores credentials encrypted and defaults to the test system when there is one', async () => {
    const saved = await store.save(withTest, { credentials: { login: 'reseller-1', password: 'pa55-secret-word' } });
    expect(saved.mode).toBe('test');
    const [row] = await h.db.selectFrom('mod_certbridge_supplier_settings').selectAll().execute();
    expect(row.sealed_credentials).not.toContain('pa55-secret-word');
    expect(row.sealed_credentials).not.toContain('reseller-1');
    expect((await store.get('alpha'))?.credentials).toEqual({ login: 'reseller-1', password: 'pa55-secret-word' });
  });

  it('changes only the credentials given', async () => {
    await store.save(withTest, { credentials: { password: 'new-secret-word' }, mode: 'live' });
    expect(await store.get('alpha')).toMatchObject({ mode: 'live', credentials: { login: 'reseller-1', password: 'new-secret-word' } });
  });

  it('refuses test mode for a supplier without a test system, saying so', async () => {
    await expect(store.save(liveOnly, { mode: 'test', credentials: { login: 'a', password: 'b' } })).rejects.toMatchObject({ field: 'mode', message: expect.stringContaining('beta has no test system') });
    expect(await store.get('beta')).toBeUndefined();
  });

  it('names a missing or unknown credential and writes nothing', async () => {
    await expect(store.save(liveOnly, { credentials: { login: 'a' } })).rejects.toMatchObject({ field: 'credentials.password' });
    await expect(store.save(liveOnly, { credentials: { apikey: 'x' } })).rejects.toMatchObject({ field: 'credentials.apikey', message: expect.stringContaining('takes: login, password') });
    expect(await store.get('beta')).toBeUndefined();
  });

  it('builds enabled suppliers with their settings and drops disabled ones on refresh', async () => {
    const registry = new SupplierRegistry([], [withTest, liveOnly], store, { log: createLogger('silent'), callLog: NO_CALL_LOG, timeoutMs: 1000 });
    await registry.refresh();
    expect(registry.all().map((s) => s.code)).toEqual(['alpha']);
    expect(built.at(-1)).toEqual({ code: 'alpha', credentials: { login: 'reseller-1', password: 'new-secret-word' }, mode: 'live' });
    await store.save(withTest, { enabled: false });
    await registry.refresh();
    expect(() => registry.get('alpha')).toThrow(/not configured/);
  });
});
