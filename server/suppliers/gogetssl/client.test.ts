import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskSecrets } from '../../logger';
import type { SupplierCallEntry } from '../call-log';
import { SupplierError } from '../errors';
import { HttpTransport } from '../http';
import { Limiter } from '../limiter';
import { startFakeGoGetSsl, type FakeGoGetSsl } from '../../../test/fakes/gogetssl/server';
import { GoGetSslApi } from './api';
import { GoGetSslClient, maskingCallLog, readEnvelope, wireForms } from './client';

const reply = (text: string, status = 200, contentType = 'application/json') => ({ status, contentType, text });

function errorOf(fn: () => unknown): SupplierError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SupplierError);
    return e as SupplierError;
  }
  throw new Error('expected a SupplierError');
}

describe('GoGetSSL envelope', () => {
  it('reads PHP JSON: escaped slashes, PEMs with \\n inside strings, ids as strings', () => {
    const body = readEnvelope(reply('{"order_id":"1234567","crt_code":"-----BEGIN CERTIFICATE-----\\nMIIB\\/+A=\\n-----END CERTIFICATE-----\\n","success":true}'));
    expect(body.order_id).toBe('1234567');
    expect(body.crt_code).toBe('-----BEGIN CERTIFICATE-----\nMIIB/+A=\n-----END CERTIFICATE-----\n');
  });

  it('turns HTTP 200 {"error": true} into a SupplierError keeping both texts', () => {
    const e = errorOf(() => readEnvelope(reply('{"error":true,"message":"Insufficient funds","description":"Please top up your balance."}')));
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'insufficient_funds', kind: 'permanent' });
    expect(e.supplierText).toBe('Insufficient funds: Please top up your balance.');
    expect(e.message).toMatch(/^GoGetSSL says: Insufficient funds: Please top up your balance — top up/);
  });

  it('accepts PHP truthy error flags', () => {
    expect(errorOf(() => readEnvelope(reply('{"error":"1","message":"Order not found"}'))).code).toBe('not_found');
    expect(errorOf(() => readEnvelope(reply('{"error":1,"description":"CSR is invalid"}'))).kind).toBe('action_required');
    expect(readEnvelope(reply('{"error":false,"success":true}')).success).toBe(true);
  });

  it.each([
    ['truncated', '{"products":[{"id":71,"bra'],
    ['HTML', '<!DOCTYPE html><html><body>Maintenance</body></html>'],
    ['empty', ''],
    ['an array', '[1,2]'],
    ['a scalar', '"ok"'],
  ])('a %s body is temporary/transient with the text kept', (_what, text) => {
    const e = errorOf(() => readEnvelope(reply(text)));
    expect({ code: e.code, kind: e.kind }).toEqual({ code: 'temporary', kind: 'transient' });
    expect(e.supplierText).toBe(text.slice(0, 500));
    expect(e.message).toMatch(/^GoGetSSL sent an answer certbridge cannot read/);
  });

  it('masks secrets in every wire form, and auth keys found in answers', () => {
    expect(wireForms(['p@ss w/rd+'])).toEqual(expect.arrayContaining(['p@ss w/rd+', 'p%40ss%20w%2Frd%2B', 'p%40ss+w%2Frd%2B', 'p@ss w\\/rd+']));
    const seen: SupplierCallEntry[] = [];
    maskingCallLog({ record: (e) => seen.push(e) }).record({ supplier: 'gogetssl', action: 'auth', request: 'POST', response: 'HTTP 200\n{"key":"abcdef123456","success":true}', secrets: [] });
    expect(maskSecrets(seen[0].response, seen[0].secrets)).not.toContain('abcdef123456');
  });
});

describe('GoGetSSL client against the fake', () => {
  let fake: FakeGoGetSsl;
  let entries: SupplierCallEntry[];
  let api: GoGetSslApi;

  const build = (password = fake.credentials.password) => {
    entries = [];
    const transport = new HttpTransport({ supplier: 'gogetssl', displayName: 'GoGetSSL', limiter: new Limiter(20), callLog: maskingCallLog({ record: (e) => entries.push(e) }), timeoutMs: 2_000 });
    return new GoGetSslApi(new GoGetSslClient({ baseUrl: `${fake.url}/`, login: fake.credentials.login, password, transport }));
  };

  beforeAll(async () => {
    // A password with characters that change under URL encoding.
    fake = await startFakeGoGetSsl({ password: 'S3cr+t p@ss/wörd&x=1', keyUses: 3 });
    api = build();
  });
  afterAll(() => fake.close());

  it('sends auth_key in the query, also on POST, and the form in the body', async () => {
    await api.domainEmails('example.org', false);
    const post = fake.requests().filter((r) => r.path === '/api/tools/domain/emails/').at(-1)!;
    expect(post.method).toBe('POST');
    expect(post.query.auth_key).toMatch(/^[0-9a-f]{32}$/);
    expect(post.form).toEqual({ domain: 'example.org' });
    const auth = fake.requests().find((r) => r.path === '/api/auth/')!;
    expect(auth.form).toEqual({ user: fake.credentials.login, pass: 'S3cr+t p@ss/wörd&x=1' });
  });

  it('logs in again once when the key expires after its uses, and repeats the call', async () => {
    const before = fake.logins();
    for (let i = 0; i < 7; i++) await api.balance();
    // 3 uses per key: 7 calls need two more keys.
    expect(fake.logins() - before).toBeGreaterThanOrEqual(2);
    expect(fake.requests().some((r) => r.path === '/api/account/balance/' && r.query.auth_key)).toBe(true);
  });

  it('shares one re-login among concurrent calls when the key is expired on demand', async () => {
    const fresh = build();
    await fresh.balance();
    fake.expireAuthKeys();
    const before = fake.logins();
    const results = await Promise.all(Array.from({ length: 3 }, () => fresh.products()));
    expect(results.every((r) => r.length > 0)).toBe(true);
    expect(fake.logins() - before).toBe(1);
  });

  it('reports refused credentials as auth_failed without retrying forever', async () => {
    const wrong = build('not-the-password');
    const e = await wrong.balance().then(() => undefined, (x: unknown) => x as SupplierError);
    expect({ code: e?.code, kind: e?.kind }).toEqual({ code: 'auth_failed', kind: 'permanent' });
    expect(e?.message).toMatch(/^GoGetSSL says: Authorization error: Wrong login or password — check the API login/);
  });

  it('never lets the login, the password or an auth key into the call log', async () => {
    const logged = build();
    await logged.balance(); // login, call
    fake.expireAuthKeys();
    await logged.balance(); // 403 (expired), login again, repeat
    await logged.domainEmails('example.net', false);
    const keys = new Set(fake.requests().map((r) => r.query.auth_key).filter(Boolean));
    expect(keys.size).toBeGreaterThan(0);
    const secrets = wireForms([fake.credentials.login, fake.credentials.password, ...keys]);
    expect(entries.length).toBe(6);
    for (const e of entries) {
      const text = maskSecrets(`${e.request}\n${e.response}`, e.secrets);
      for (const s of secrets) expect(text).not.toContain(s);
    }
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['auth', 'balance', 'domain_emails']));
  });
});
