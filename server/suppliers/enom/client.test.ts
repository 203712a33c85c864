import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeEnom, type FakeEnom } from '../../../test/fakes/enom/server';
import { maskSecrets } from '../../logger';
import type { SupplierCallEntry } from '../call-log';
import { isSupplierError, type SupplierError } from '../errors';
import { HttpTransport } from '../http';
import { Limiter } from '../limiter';
import { EnomClient, envelope } from './client';
import { textAt } from './xml';

const ERROR_ANSWER = `<?xml version="1.0" encoding="utf-8"?>
<interface-response>
  <Command>GETBALANCE</Command>
  <Language>eng</Language>
  <ErrCount>2</ErrCount>
  <errors><Err2>second</Err2><Err1>User not permitted from this IP address - 4</Err1></errors>
  <ResponseCount>0</ResponseCount>
  <Done>true</Done>
</interface-response>`;

const caught = (fn: () => unknown): SupplierError => {
  try {
    fn();
  } catch (e) {
    if (isSupplierError(e)) return e;
    throw e;
  }
  throw new Error('expected a SupplierError');
};

describe('Enom envelope', () => {
  it('checks ErrCount before anything else and keeps the texts in Err order', () => {
    const e = caught(() => envelope('GetBalance', ERROR_ANSWER));
    expect({ code: e.code, kind: e.kind, supplierText: e.supplierText }).toEqual({ code: 'ip_not_allowed', kind: 'permanent', supplierText: 'User not permitted from this IP address - 4; second' });
    expect(e.message).toMatch(/^Enom says: User not permitted from this IP address - 4; second — add this server's IP address/);
  });

  it('reads the response numbers beside the texts', () => {
    const body = ERROR_ANSWER.replace('<ErrCount>2</ErrCount>', '<ErrCount>1</ErrCount>')
      .replace(/<errors>.*<\/errors>/, '<Errors><Err1>Order could not be processed</Err1></Errors>')
      .replace('<ResponseCount>0</ResponseCount>', '<responses><response><ResponseNumber>524181</ResponseNumber></response></responses>');
    expect(caught(() => envelope('InsertNewOrder', body)).code).toBe('insufficient_funds');
  });

  it('returns the root of a successful answer, payload nodes included', () => {
    const root = envelope('GetBalance', '<interface-response><AvailableBalance>1,939.50</AvailableBalance><ErrCount>0</ErrCount><Done>true</Done></interface-response>');
    expect(textAt(root, 'availablebalance')).toBe('1,939.50');
  });

  it('treats unreadable, foreign, incomplete and ErrCount-less bodies as transient', () => {
    for (const body of [
      ERROR_ANSWER.slice(0, 120),
      ';URL Interface\r\nErrCount=0\r\nDone=true\r\n',
      '<html><body>Runtime Error</body></html>',
      '<interface-response><ErrCount>0</ErrCount></interface-response>',
      '<interface-response><Done>true</Done></interface-response>',
    ]) {
      const e = caught(() => envelope('CertGetCerts', body));
      expect({ code: e.code, kind: e.kind }, body).toEqual({ code: 'temporary', kind: 'transient' });
      expect(e.message).toMatch(/^Enom sent an answer to CertGetCerts that certbridge cannot read/);
    }
  });
});

describe('Enom client on the wire', () => {
  let fake: FakeEnom;
  const calls: SupplierCallEntry[] = [];
  let client: EnomClient;

  beforeAll(async () => {
    fake = await startFakeEnom();
    const transport = new HttpTransport({ supplier: 'enom', displayName: 'Enom', limiter: new Limiter(2), callLog: { record: (e) => calls.push(e) }, timeoutMs: 2_000 });
    client = new EnomClient({ endpoint: `${fake.url}/interface.asp`, uid: fake.credentials.uid, pw: fake.credentials.pw, transport });
  });
  afterAll(() => fake.close());

  it('posts a form with uid, pw, command and responsetype=xml', async () => {
    await client.call('GetBalance');
    const last = fake.received.at(-1)!;
    expect(last.command).toBe('GetBalance');
    expect(last.params.get('uid')).toBe(fake.credentials.uid);
    expect(last.params.get('pw')).toBe(fake.credentials.pw);
    expect(last.params.get('responsetype')).toBe('xml');
  });

  it('sends the + of phone numbers encoded (Enom wants %2B)', async () => {
    await client.call('GetBalance', { AdminPhone: '+49.301234567' });
    expect(fake.received.at(-1)!.params.get('adminphone')).toBe('+49.301234567');
    expect(calls.at(-1)!.request).toContain('AdminPhone=%2B49.301234567');
  });

  it('never lets the password into the call log, in any spelling', async () => {
    const pw = fake.credentials.pw;
    expect(pw).toMatch(/[+/&=]/); // the fake's token needs form-encoding
    await client.call('CertGetCerts', { ProdType: 23 });
    await expect(client.call('CertGetCertDetail', { CertID: 1 })).rejects.toThrow(/not found/);
    for (const entry of calls) {
      const logged = maskSecrets(`${entry.request}\n${entry.response}`, entry.secrets);
      for (const spelling of [pw, encodeURIComponent(pw), new URLSearchParams({ pw }).toString().slice(3)]) expect(logged).not.toContain(spelling);
      expect(entry.request).toContain('uid=resellid');
    }
    expect(calls.length).toBeGreaterThanOrEqual(4);
  });

  it('repeats a read after a transient failure, but sends a purchase only once', async () => {
    // Each fault lasts for one answer: recording it in the call log clears it.
    const transport = new HttpTransport({ supplier: 'enom', displayName: 'Enom', limiter: new Limiter(1), callLog: { record: () => fake.setFault(null) }, timeoutMs: 2_000 });
    const retrying = new EnomClient({ endpoint: `${fake.url}/interface.asp`, uid: fake.credentials.uid, pw: fake.credentials.pw, transport, retry: { sleep: async () => undefined } });
    const before = fake.received.length;
    fake.setFault({ kind: 'http5xx' });
    await retrying.call('CertGetCerts');
    expect(fake.received.length - before).toBe(2);

    fake.setFault({ kind: 'http5xx' });
    await expect(retrying.call('InsertNewOrder', { EndUserIP: '203.0.113.1' })).rejects.toMatchObject({ code: 'temporary', kind: 'transient' });
    expect(fake.received.length - before).toBe(3);
  });

  it('reports an answer outside Enom\'s API (HTTP 404) as a permanent endpoint problem', async () => {
    const transport = new HttpTransport({ supplier: 'enom', displayName: 'Enom', limiter: new Limiter(1), callLog: { record: () => undefined }, timeoutMs: 2_000 });
    const wrong = new EnomClient({ endpoint: `${fake.url}/api.asp`, uid: 'u', pw: 'p', transport });
    await expect(wrong.call('GetBalance')).rejects.toMatchObject({ code: 'invalid_request', kind: 'permanent' });
  });
});
