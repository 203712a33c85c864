/**
 * The fake checked by HEXONET's own Node SDK (@hexonet/ispapi-apiconnector): the vendor client,
 * pointed at the fake with useOTESystem() (entity 1234) and then setURL(), sends StatusUser,
 * CreateSSLCert and StatusSSLCert; the fake must accept its requests (text/plain body, arrays
 * flattened by the SDK), and what the SDK parses from each answer must equal what our wire
 * parser and client parse from the very same text.
 */
import { APIClient, Response as VendorResponse } from '@hexonet/ispapi-apiconnector';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCsr } from '../../../server/crypto/csr';
import { generatePrivateKey } from '../../../server/crypto/keys';
import { HexonetApi } from '../../../server/suppliers/hexonet/api';
import { HexonetClient, OTE_ENTITY } from '../../../server/suppliers/hexonet/client';
import { parseResponse, recordsOf, type HexonetResponse } from '../../../server/suppliers/hexonet/wire';
import { isSupplierError } from '../../../server/suppliers/errors';
import { HttpTransport } from '../../../server/suppliers/http';
import { Limiter } from '../../../server/suppliers/limiter';
import { startFakeHexonet, type FakeHexonet, type RecordedExchange } from './server';

let fake: FakeHexonet;
let vendor: APIClient;
let ours: HexonetClient;
let csrPem: string;

beforeAll(async () => {
  // SDK 9.0.8 prints every raw response with console.log (left-over debugging); keep test output clean.
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  fake = await startFakeHexonet();
  vendor = new APIClient();
  vendor.useOTESystem(); // system entity 1234 (and the OT&E host, replaced next)
  vendor.setURL(fake.url);
  vendor.setCredentials(fake.credentials.login, fake.credentials.password);
  const transport = new HttpTransport({ supplier: 'hexonet', displayName: 'HEXONET', limiter: new Limiter(2), callLog: { record: () => undefined }, timeoutMs: 2000 });
  ours = new HexonetClient({ url: fake.url, entity: OTE_ENTITY, login: fake.credentials.login, password: fake.credentials.password, transport });
  const key = await generatePrivateKey({ type: 'rsa', bits: 2048 });
  csrPem = buildCsr({ privateKeyPem: key, subject: { commonName: 'vendor.example', organization: 'Vendor Check Ltd', country: 'DE' }, altNames: ['vendor.example'] });
});
afterAll(async () => {
  vi.restoreAllMocks();
  await fake.close();
});

/** Sends a command with the vendor SDK; returns its parsed Response and what the fake saw and sent. */
async function viaVendor(command: Record<string, unknown>): Promise<{ r: VendorResponse; ex: RecordedExchange }> {
  const seen = fake.exchanges.length;
  const r: unknown = await vendor.request(command);
  // The SDK resolves with the Error itself when the request fails at the network level.
  if (!(r instanceof VendorResponse)) throw r;
  expect(fake.exchanges.length).toBe(seen + 1);
  return { r, ex: fake.exchanges[seen] };
}

function parsedByUs(text: string): HexonetResponse {
  const p = parseResponse(text);
  if (!p.ok) throw new Error(`our parser refused the fake's answer: ${p.problem}`);
  return p.response;
}

/** Code, description, every column and every record as the vendor SDK sees them. */
function vendorView(r: VendorResponse) {
  return {
    code: r.getCode(),
    description: r.getDescription(),
    columns: Object.fromEntries(r.getColumnKeys().map((k) => [k, r.getColumn(k)!.getData()])),
    records: r.getRecords().map((rec) => rec.getData()),
  };
}

function ourView(p: HexonetResponse) {
  return { code: p.code, description: p.description, columns: p.columns, records: recordsOf(p) };
}

/** The vendor accepted the answer as sent (no template substitution) and parsed it as we do. */
function expectSameParse(r: VendorResponse, ex: RecordedExchange) {
  expect(ex.responseText).toBeDefined();
  expect(r.getPlain()).toBe(ex.responseText);
  expect(vendorView(r)).toEqual(ourView(parsedByUs(ex.responseText!)));
}

describe('HEXONET fake, checked with the vendor Node SDK', () => {
  it('accepts the SDK request for StatusUser (text/plain body, OT&E entity) and both sides parse the answer alike', async () => {
    const { r, ex } = await viaVendor({ COMMAND: 'StatusUser' });
    expect(ex.contentType).toMatch(/^text\/plain/); // the SDK never says it is a form
    expect(ex.form).toMatchObject({ s_entity: '1234', s_login: fake.credentials.login, s_pw: fake.credentials.password });
    expect(ex.params).toEqual({ COMMAND: 'StatusUser' });
    expect(r.isSuccess()).toBe(true);
    expectSameParse(r, ex);
    expect(r.getColumn('RELATIONTYPE')!.getData()).toContain('PRICE_CLASS_SSLCERT_COMODO_POSITIVESSL_ANNUAL');
    // Our own client, asking the same thing, ends up with the same values.
    expect(ourView(await ours.call({ COMMAND: 'StatusUser' }))).toEqual(vendorView(r));
  });

  it('accepts the SDK request for CreateSSLCert (CSR and DCV arrays flattened by the SDK) and both sides parse the answer alike', async () => {
    const before = fake.orderCount();
    const { r, ex } = await viaVendor({
      COMMAND: 'CreateSSLCert',
      SSLCERTCLASS: 'COMODO_POSITIVESSL',
      PERIOD: 1,
      CSR: csrPem.split('\n'),
      SSLCERTDOMAIN: 'vendor.example',
      DOMAIN: ['vendor.example'],
      VALIDATION: ['EMAIL'],
      VALIDATIONEMAIL: ['admin@vendor.example'],
      SERVERSOFTWARE: 'OTHER',
      EMAIL: 'anna@vendor.example',
    });
    expect(ex.params.CSR0).toBe('-----BEGIN CERTIFICATE REQUEST-----');
    expect(ex.params.DOMAIN0).toBe('vendor.example');
    expect(r.getCode()).toBe(200);
    expect(fake.orderCount()).toBe(before + 1);
    expectSameParse(r, ex);
    const id = r.getColumnIndex('SSLCERTID', 0)!;
    expect(fake.cert(id)?.csrPem).toBe(csrPem);
    expect(r.getColumn('CSR')!.getData().join('\n') + '\n').toBe(csrPem);
    expect(r.getColumnIndex('VALIDATIONEMAIL', 0)).toBe('admin@vendor.example');
  });

  it('StatusSSLCert of an issued certificate parses alike, PEM lines included, in the SDK, our parser and our api', async () => {
    const created = await viaVendor({ COMMAND: 'CreateSSLCert', SSLCERTCLASS: 'GEOTRUST_RAPIDSSL', CSR: csrPem.split('\n'), DOMAIN: ['vendor.example'] });
    const id = created.r.getColumnIndex('SSLCERTID', 0)!;
    fake.issue(id);
    const { r, ex } = await viaVendor({ COMMAND: 'StatusSSLCert', SSLCERTID: id });
    expect(ex.params).toEqual({ COMMAND: 'StatusSSLCert', SSLCERTID: id });
    expectSameParse(r, ex);
    expect(r.getColumnIndex('STATUS', 0)).toBe('ACTIVE');
    const mine = await new HexonetApi(ours).statusSslCert(id);
    expect(mine.crtPem).toBe(`${r.getColumn('CRT')!.getData().join('\n')}\n`);
    expect(mine.caCrtPem).toBe(`${r.getColumn('CACRT')!.getData().join('\n')}\n`);
    expect(mine.status).toBe(r.getColumnIndex('STATUS', 0));
    expect(ourView(await ours.call({ COMMAND: 'StatusSSLCert', SSLCERTID: id }))).toEqual(vendorView(r));
  });

  it('an error answer is an error for both: code, description and class (5xx permanent, 4xx temporary)', async () => {
    const { r, ex } = await viaVendor({ COMMAND: 'StatusSSLCert', SSLCERTID: '999999999' });
    expectSameParse(r, ex);
    expect(r.isError()).toBe(true);
    const mine = await ours.call({ COMMAND: 'StatusSSLCert', SSLCERTID: '999999999' }).then(() => undefined, (e: unknown) => e);
    expect(isSupplierError(mine) && { code: mine.code, kind: mine.kind, text: mine.supplierText }).toEqual({ code: 'not_found', kind: 'permanent', text: `${r.getCode()} ${r.getDescription()}` });

    fake.setFault({ kind: 'http5xx' });
    try {
      const { r: down } = await viaVendor({ COMMAND: 'StatusUser' });
      expect(down.isTmpError()).toBe(true); // the SDK's own 421 template for an HTTP failure
      const e = await ours.call({ COMMAND: 'StatusUser' }).then(() => undefined, (x: unknown) => x);
      expect(isSupplierError(e) && e.kind).toBe('transient');
    } finally {
      fake.setFault(null);
    }
  });
});
