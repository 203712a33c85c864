import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCsr } from '../../../server/crypto/csr';
import { generatePrivateKey } from '../../../server/crypto/keys';
import { describeCertificate, splitPemBlocks } from '../../../server/crypto/pem';
import { startFakeHexonet, type FakeHexonet } from './server';

let fake: FakeHexonet;
let csrPem: string;
beforeAll(async () => {
  fake = await startFakeHexonet();
  const key = await generatePrivateKey({ type: 'ec', curve: 'P-256' });
  csrPem = buildCsr({ privateKeyPem: key, subject: { commonName: 'quirks.example' }, altNames: ['quirks.example'] });
});
afterAll(() => fake.close());

/** Posts a raw s_command the way a given SDK would, returning status, headers and text. */
async function post(command: string, opts: { contentType?: string; form?: Record<string, string> } = {}) {
  const body = new URLSearchParams({ s_entity: '1234', s_login: fake.credentials.login, s_pw: fake.credentials.password, ...opts.form, s_command: command }).toString();
  const headers: Record<string, string> = opts.contentType ? { 'content-type': opts.contentType } : {};
  const res = await fetch(fake.url, { method: 'POST', body, headers });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

const prop = (text: string, name: string) => [...text.matchAll(new RegExp(`^PROPERTY\\[${name}\\]\\[(\\d+)\\] =(?: (.*))?$`, 'gm'))].map((m) => m[2] ?? '');
const code = (text: string) => /^CODE = (\d+)$/m.exec(text)?.[1];

describe('fake HEXONET request quirks', () => {
  it('reads the body as a form whatever the Content-Type says (PHP SDK: text/html)', async () => {
    const r = await post('COMMAND=StatusUser', { contentType: 'text/html; charset=UTF-8' });
    expect(r.status).toBe(200);
    expect(code(r.text)).toBe('200');
    expect(r.contentType).toContain('text/plain');
  });

  it('accepts [COMMAND]/EOF framing, spaces around "=" and any command-name case', async () => {
    expect(code((await post('[COMMAND]\nCOMMAND = StatusUser\nRELATIONS = 0\nEOF', { contentType: 'text/plain' })).text)).toBe('200');
    expect(code((await post('command=statususer')).text)).toBe('200');
    const both = ['QuerySSLCertDCVEmailAddressList', 'QuerySSLCertDCVEMailAddressList'];
    for (const c of both) expect(prop((await post(`COMMAND=${c}\nSSLCERTCLASS=COMODO_POSITIVESSL\nDOMAIN=quirks.example`)).text, 'LEVEL')).toContain('MANUAL');
  });

  it('answers in the real layout: CODE/DESCRIPTION first, sorted properties, empty values, EOF', async () => {
    const r = await post('COMMAND=StatusUser');
    const lines = r.text.trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual(['[RESPONSE]', 'CODE = 200', 'DESCRIPTION = Command completed successfully']);
    expect(lines.at(-1)).toBe('EOF');
    const names = lines.filter((l) => l.startsWith('PROPERTY[')).map((l) => /^PROPERTY\[([^\]]+)\]/.exec(l)![1]);
    expect(names).toEqual([...names].sort());
    expect(prop(r.text, 'RELATIONTYPE')).toContain('PRICE_CLASS_SSLCERT_THAWTE_SSL123_ANNUAL1');
  });

  it('takes a CSR split over CSR0..n (a trailing empty line too) and returns PEM split per line', async () => {
    const lines = csrPem.split('\n'); // ends with '' like the vendor SDK's split of a PEM
    const cmd = ['COMMAND=CreateSSLCert', 'SSLCERTCLASS=COMODO_POSITIVESSL', 'PERIOD=1', ...lines.map((l, i) => `CSR${i}=${l}`), 'DOMAIN0=quirks.example', 'EMAIL=a@quirks.example'].join('\n');
    const created = await post(cmd);
    expect(code(created.text)).toBe('200');
    expect(prop(created.text, 'STATUS')).toEqual(['REQUESTEDCREATE']);
    expect(`${prop(created.text, 'CSR').join('\n')}\n`).toBe(csrPem);
    const id = prop(created.text, 'SSLCERTID')[0];
    expect(prop((await post(`COMMAND=StatusSSLCert\nSSLCERTID=${id}`)).text, 'STATUS')).toEqual(['PENDINGCREATE']);

    fake.issue(id);
    const status = (await post(`COMMAND=StatusSSLCert\nSSLCERTID=${id}`)).text;
    const crt = prop(status, 'CRT');
    expect(crt[0]).toBe('-----BEGIN CERTIFICATE-----');
    expect(crt.at(-1)).toBe('-----END CERTIFICATE-----');
    expect(describeCertificate(crt.join('\n')).dnsNames).toEqual(['quirks.example']);
    expect(splitPemBlocks(prop(status, 'CACRT').join('\n'), 'CERTIFICATE')).toHaveLength(2);
    expect(prop(status, 'STATUSDETAILS')).toEqual(['Valid']);
  });

  it('uses the documented error codes', async () => {
    expect(code((await post('COMMAND=StatusSSLCert')).text)).toBe('504');
    expect(code((await post('COMMAND=StatusSSLCert\nSSLCERTID=42')).text)).toBe('545');
    expect(code((await post('COMMAND=Frobnicate')).text)).toBe('500');
    expect(code((await post('COMMAND=StatusUser', { form: { s_pw: 'wrong' } })).text)).toBe('530');
    expect(code((await post('COMMAND=StatusUser', { form: { s_entity: '54cd' } })).text)).toBe('530');
    expect(code((await post('COMMAND=ParseSSLCertCSR\nCSR0=garbage')).text)).toBe('505');
  });

  it('supports a session instead of login and password', async () => {
    const session = prop((await post('COMMAND=StartSession')).text, 'SESSION')[0];
    expect(code((await post('COMMAND=StatusUser', { form: { s_login: '', s_pw: '', s_session: session } })).text)).toBe('200');
    expect((await post('COMMAND=StatusUser', { form: { s_login: '', s_pw: '', s_session: 'expired' } })).text).toContain('SESSION NOT FOUND');
  });
});

describe('fake HEXONET account', () => {
  it('refuses callers outside the IP allow-list with 531 naming the IP', async () => {
    const strict = await startFakeHexonet({ allowedIps: ['192.0.2.10'] });
    try {
      const res = await fetch(strict.url, { method: 'POST', body: new URLSearchParams({ s_entity: '1234', s_login: strict.credentials.login, s_pw: strict.credentials.password, s_command: 'COMMAND=StatusUser' }) });
      const text = await res.text();
      expect(code(text)).toBe('531');
      expect(text).toContain('IP address 127.0.0.1');
    } finally {
      await strict.close();
    }
  });

  it('refuses an order the balance and credit cannot cover, storing nothing', async () => {
    const poor = await startFakeHexonet({ balance: 5 });
    try {
      const body = new URLSearchParams({ s_entity: '1234', s_login: poor.credentials.login, s_pw: poor.credentials.password, s_command: ['COMMAND=CreateSSLCert', 'SSLCERTCLASS=GEOTRUST_RAPIDSSL', ...csrPem.trim().split('\n').map((l, i) => `CSR${i}=${l}`)].join('\n') });
      const text = await (await fetch(poor.url, { method: 'POST', body })).text();
      expect(/^DESCRIPTION = (.*)$/m.exec(text)?.[1]).toBe('Credit limit exceeded');
      expect(code(text)).toBe('546');
      expect(poor.orderCount()).toBe(0);
      expect(poor.balance()).toBe(5);
    } finally {
      await poor.close();
    }
  });

  it('counts requests and the most in flight at once', async () => {
    const before = fake.requestCount();
    fake.setFault({ kind: 'latency', ms: 100 });
    await Promise.all([1, 2, 3].map(() => post('COMMAND=StatusUser')));
    fake.setFault(null);
    expect(fake.requestCount()).toBe(before + 3);
    expect(fake.maxInFlight()).toBeGreaterThanOrEqual(3);
  });
});
