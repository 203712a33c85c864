import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHexonet, type FakeHexonet } from '../../../test/fakes/hexonet/server';
import { createLogger, maskSecrets } from '../../logger';
import type { SupplierCallEntry } from '../call-log';
import { isSupplierError, type SupplierError } from '../errors';
import { HttpTransport } from '../http';
import { Limiter } from '../limiter';
import { definition } from './index';
import { HexonetClient } from './client';

let fake: FakeHexonet;
beforeAll(async () => {
  fake = await startFakeHexonet();
});
afterAll(() => fake.close());

function client(calls: SupplierCallEntry[], overrides: Partial<{ entity: string; password: string; url: string }> = {}) {
  const transport = new HttpTransport({ supplier: 'hexonet', displayName: 'HEXONET', limiter: new Limiter(4), callLog: { record: (e) => calls.push(e) }, timeoutMs: 1500 });
  return new HexonetClient({ url: overrides.url ?? fake.url, entity: overrides.entity ?? '1234', login: fake.credentials.login, password: overrides.password ?? fake.credentials.password, transport });
}

const failure = async (p: Promise<unknown>): Promise<SupplierError> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!isSupplierError(e)) throw new Error(`expected a SupplierError, got ${String(e)}`);
  return e;
};

describe('HexonetClient', () => {
  it('posts a form with the OT&E entity and credentials and returns the parsed response', async () => {
    const r = await client([]).call({ COMMAND: 'StatusUser', RELATIONS: 0 });
    expect(r.code).toBe(200);
    expect(r.columns.ACCOUNTCURRENCY).toEqual(['EUR']);
    const ex = fake.exchanges.at(-1)!;
    expect(ex.contentType).toContain('application/x-www-form-urlencoded');
    expect(ex.form.s_entity).toBe('1234');
    expect(ex.params).toEqual({ COMMAND: 'StatusUser', RELATIONS: '0' });
  });

  it('never lets the password reach the call log, raw or url-encoded', async () => {
    const calls: SupplierCallEntry[] = [];
    const c = client(calls);
    await c.call({ COMMAND: 'StatusUser' });
    await failure(c.call({ COMMAND: 'StatusSSLCert', SSLCERTID: '1' }));
    fake.setFault({ kind: 'timeout' });
    await failure(c.call({ COMMAND: 'StatusUser' }));
    fake.setFault(null);
    const pw = fake.credentials.password;
    const spellings = [pw, encodeURIComponent(pw), new URLSearchParams({ p: pw }).toString().slice(2)];
    expect(calls.length).toBe(3);
    // Unmasked, the body does carry the encoded password: the masking is what removes it.
    expect(calls[0].request).toContain(new URLSearchParams({ p: pw }).toString().slice(2));
    for (const entry of calls) {
      const logged = maskSecrets(`${entry.request}\n${entry.response}`, entry.secrets);
      for (const s of spellings) expect(logged).not.toContain(s);
      expect(logged).toContain('s_login=certbridge-ote');
    }
  });

  it('maps refused credentials and a live/test mix-up to auth_failed', async () => {
    expect((await failure(client([], { password: 'wrong' }).call({ COMMAND: 'StatusUser' }))).code).toBe('auth_failed');
    const e = await failure(client([], { entity: '54cd' }).call({ COMMAND: 'StatusUser' }));
    expect({ code: e.code, kind: e.kind, text: e.supplierText }).toEqual({ code: 'auth_failed', kind: 'permanent', text: '530 Authentication failed' });
  });

  it('treats an unknown command and a 404 page correctly', async () => {
    expect((await failure(client([]).call({ COMMAND: 'NoSuchCommand' }))).code).toBe('invalid_request');
    const e = await failure(client([], { url: fake.url.replace('/api/call.cgi', '/elsewhere') }).call({ COMMAND: 'StatusUser' }));
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'temporary', kind: 'transient' });
    expect(e.message).toContain('HTTP 404');
  });
});

describe('definition', () => {
  const context = { log: createLogger('silent'), callLog: { record: () => undefined }, timeoutMs: 1500 };

  it('appends call.cgi to a host-only override and uses the live entity in live mode', async () => {
    const live = await startFakeHexonet({ entity: '54cd' });
    try {
      const supplier = definition.create({ mode: 'live', credentials: live.credentials, baseUrl: live.url.replace('/api/call.cgi', '') }, context);
      expect((await supplier.checkConnection()).detail).toContain('HEXONET live as certbridge-ote');
      expect(live.exchanges.at(-1)).toMatchObject({ path: '/api/call.cgi', form: { s_entity: '54cd' } });
    } finally {
      await live.close();
    }
  });

  it('declares what HEXONET can and cannot do', () => {
    expect(definition.capabilities).toEqual({ reissue: true, renew: true, cancel: false, revoke: true, resendValidation: true, changeValidation: false, balance: true });
    expect(definition.testSystem.available).toBe(true);
    expect(definition.credentialFields.find((f) => f.key === 'password')?.secret).toBe(true);
  });
});
