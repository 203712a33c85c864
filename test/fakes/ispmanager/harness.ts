/**
 * Test helpers around the fake: an ispmanager supplier wired to it with a recording call
 * log, and order requests with fresh keys. Used by the adapter and client tests in
 * server/suppliers/ispmanager/.
 */
import { buildCsr } from '../../../server/crypto/csr';
import { generatePrivateKey, publicKeyFingerprint } from '../../../server/crypto/keys';
import { createLogger } from '../../../server/logger';
import type { SupplierCallEntry } from '../../../server/suppliers/call-log';
import type { SupplierSettings } from '../../../server/suppliers/definition';
import { HttpTransport } from '../../../server/suppliers/http';
import { IspmanagerSupplier } from '../../../server/suppliers/ispmanager/adapter';
import { IspmanagerApi } from '../../../server/suppliers/ispmanager/api';
import { IspmanagerClient } from '../../../server/suppliers/ispmanager/client';
import { Limiter } from '../../../server/suppliers/limiter';
import { definition } from '../../../server/suppliers/ispmanager';
import type { DcvMethod, OrderRequest } from '../../../server/suppliers/supplier';
import { startFakeIspmanager, type FakeIspmanager, type FakeIspmanagerOptions } from './server';

export interface Harness {
  fake: FakeIspmanager;
  supplier: IspmanagerSupplier;
  calls: SupplierCallEntry[];
  close(): Promise<void>;
}

/**
 * The fake plus a supplier built by definition.create, or — when the fake runs on a test
 * clock — built by hand so the adapter shares that clock.
 */
export async function startHarness(options: FakeIspmanagerOptions = {}, settings: Partial<SupplierSettings> = {}): Promise<Harness> {
  const fake = await startFakeIspmanager(options);
  const calls: SupplierCallEntry[] = [];
  const callLog = { record: (e: SupplierCallEntry) => calls.push(e) };
  const context = { log: createLogger('silent'), callLog, timeoutMs: 1000 };
  const supplier = options.now
    ? new IspmanagerSupplier(
        new IspmanagerApi(
          new IspmanagerClient({
            baseUrl: fake.url,
            email: fake.credentials.email,
            password: fake.credentials.password,
            transport: new HttpTransport({ supplier: 'ispmanager', displayName: 'ispmanager', limiter: new Limiter(10), callLog, timeoutMs: context.timeoutMs }),
          }),
        ),
        { currency: 'EUR', now: options.now },
      )
    : (definition.create({ mode: 'live', baseUrl: fake.url, ...settings, credentials: { ...fake.credentials, ...settings.credentials } }, context) as IspmanagerSupplier);
  return { fake, supplier, calls, close: () => fake.close() };
}

let counter = 0;

export async function csrFor(names: string[]): Promise<{ csrPem: string; fingerprint: string }> {
  const key = await generatePrivateKey({ type: 'ec', curve: 'P-256' });
  return { csrPem: buildCsr({ privateKeyPem: key, subject: { commonName: names[0] }, altNames: names }), fingerprint: publicKeyFingerprint(key) };
}

export async function orderFor(names: string[], opts: { productId?: string; months?: number; method?: DcvMethod; csrPem?: string } = {}): Promise<OrderRequest> {
  const method = opts.method ?? 'email';
  return {
    idempotencyKey: `isp-test-${process.pid}-${++counter}`,
    productId: opts.productId ?? (names.length > 1 ? '5002' : '5001'),
    months: opts.months ?? 12,
    csrPem: opts.csrPem ?? (await csrFor(names)).csrPem,
    commonName: names[0],
    dnsNames: names,
    dcv: names.map((domain) => ({ domain, method, ...(method === 'email' && { email: `admin@${domain.replace(/^\*\./, '')}` }) })),
    admin: { firstName: 'Olga', lastName: 'Operator', email: 'olga@host.example', phone: '+7.4951234567', address1: 'Tverskaya 1', city: 'Moscow', state: 'Moscow', postcode: '125009', country: 'RU' },
  };
}
