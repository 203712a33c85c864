import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/fakes/ispmanager/harness';
import { createLogger, maskSecrets } from '../../logger';
import { isSupplierError, type SupplierError } from '../errors';
import type { HttpCall, HttpReply, HttpTransport } from '../http';
import { IspmanagerClient } from './client';
import { definition } from './index';

async function failure(p: Promise<unknown>): Promise<SupplierError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isSupplierError(e), `expected a SupplierError, got ${String(e)}`).toBe(true);
  return e as SupplierError;
}

/** A client whose transport answers with a fixed reply and records what was sent. */
function stubbed(reply: Partial<HttpReply>, sent: HttpCall[] = []): IspmanagerClient {
  const transport = { send: async (call: HttpCall) => (sent.push(call), { status: 200, contentType: 'application/json', text: '{}', ...reply }) } as unknown as HttpTransport;
  return new IspmanagerClient({ baseUrl: 'https://billing.test/billmgr', email: 'r@example.net', password: 'pw: a&b=c', transport });
}

describe('ispmanager client against the fake', () => {
  const password = 'S3cret pass&word=+%/:é';
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ password });
  });
  afterAll(() => h.close());

  it('posts func, out=bjson, lang=en and authinfo as a form', async () => {
    await h.supplier.checkConnection();
    const call = h.fake.calls.at(-1)!;
    expect(call).toEqual({ func: 'certificate', params: { func: 'certificate', out: 'bjson', lang: 'en' } });
  });

  it('never writes the password or authinfo into the call log, in any encoding', async () => {
    await h.supplier.listProducts();
    await h.supplier.getOrder('123').catch(() => undefined);
    h.fake.setFault({ kind: 'auth' });
    await h.supplier.checkConnection().catch(() => undefined);
    h.fake.setFault(null);
    expect(h.calls.length).toBeGreaterThanOrEqual(3);
    // What a call-log sink stores: the entry masked with the secrets the client declared.
    const logged = h.calls.map((c) => maskSecrets(`${c.request}\n${c.response}`, c.secrets)).join('\n');
    const forms = [password, encodeURIComponent(password), new URLSearchParams({ x: password }).toString().slice(2)];
    for (const s of forms) expect(logged).not.toContain(s);
    expect(logged).toContain('authinfo=');
    expect(logged).toContain('func=certificate');
  });

  it('says the endpoint is wrong when the path answers 404', async () => {
    const wrong = definition.create({ mode: 'live', credentials: h.fake.credentials, baseUrl: h.fake.url.replace('/billmgr', '/nothing') }, { log: createLogger('silent'), callLog: { record: () => undefined }, timeoutMs: 1000 });
    const e = await failure(wrong.checkConnection());
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'invalid_request', kind: 'permanent' });
    expect(e.message).toContain('HTTP 404');
  });
});

describe('ispmanager client wire handling', () => {
  it('maps an error document to the SupplierError map.ts chooses', async () => {
    const e = await failure(stubbed({ text: '{"error":{"type":"balance","msg":"Insufficient funds"}}' }).call('certificate.order.param'));
    expect(e.code).toBe('insufficient_funds');
    expect(e.message).toMatch(/^ispmanager says: Insufficient funds — /);
  });

  it('treats an unreadable body as temporary and keeps an excerpt', async () => {
    const e = await failure(stubbed({ text: '<html>BILLmanager login</html>' }).call('certificate'));
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'temporary', kind: 'transient' });
    expect(e.supplierText).toContain('BILLmanager login');
  });

  it('returns a file as text, and maps an error document sent instead', async () => {
    expect(await stubbed({ text: '-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n' }).file('certificate.file')).toMatch(/^-----BEGIN/);
    expect((await failure(stubbed({ text: '{"error":{"type":"missed","object":"elid","msg":"not found"}}' }).file('certificate.file'))).code).toBe('not_found');
    expect((await failure(stubbed({ text: '<!DOCTYPE html><html></html>' }).file('certificate.file'))).kind).toBe('transient');
    expect((await failure(stubbed({ text: '{"ok":true}' }).file('certificate.file'))).kind).toBe('transient');
  });

  it('says plainly that a ZIP certificate cannot be read yet', async () => {
    const e = await failure(stubbed({ text: 'PK\u0003\u0004\u0014\u0000binary' }).file('certificate.file'));
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'unsupported', kind: 'permanent' });
  });

  it.each([
    [401, 'auth_failed', 'permanent'],
    [403, 'auth_failed', 'permanent'],
    [429, 'temporary', 'transient'],
    [404, 'invalid_request', 'permanent'],
  ])('HTTP %i → %s', async (status, code, kind) => {
    const e = await failure(stubbed({ status, text: 'nope' }).call('certificate'));
    expect({ code: e.code, kind: e.kind }).toEqual({ code, kind });
  });

  it('lists both spellings of the password among the secrets to mask', async () => {
    const sent: HttpCall[] = [];
    await stubbed({ text: '{}' }, sent).call('certificate', { elid: '1', skip: undefined });
    expect(sent[0].secrets).toEqual(expect.arrayContaining(['pw: a&b=c', 'r@example.net:pw: a&b=c', 'pw%3A+a%26b%3Dc', encodeURIComponent('pw: a&b=c')]));
    expect(sent[0].body).not.toContain('skip=');
  });
});

describe('ispmanager definition', () => {
  const ctx = { log: createLogger('silent'), callLog: { record: () => undefined }, timeoutMs: 1000 };

  it('has no test system, and test mode never reaches the real API', async () => {
    expect(definition.testSystem.available).toBe(false);
    expect(definition.testSystem.note).toMatch(/no test system.*real and charged/);
    const s = definition.create({ mode: 'test', credentials: { email: 'a@b.c', password: 'secret' } }, ctx);
    const e = await failure(s.listProducts());
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'unsupported', kind: 'permanent' });
    expect(e.message).toMatch(/no test system/);
  });

  it('asks for credentials instead of calling without them', async () => {
    const e = await failure(definition.create({ mode: 'live', credentials: {} }, ctx).checkConnection());
    expect(e.message).toMatch(/e-mail and password/);
  });

  it('declares its credentials, the password secret', () => {
    expect(definition.credentialFields.filter((f) => f.secret).map((f) => f.key)).toEqual(['password']);
    expect(definition.credentialFields.filter((f) => f.required).map((f) => f.key)).toEqual(['email', 'password']);
  });
});
