/**
 * Supplier status sync: getOrder for every open order at once (as the sync job does),
 * against the fake GoGetSSL answering each call after 100 ms, with the supplier's
 * concurrency cap at 20. Baseline = the floor that cap allows: orders × 0.1 s / 20 (50 s
 * for the default 10,000). Also checks that the fake never saw more than 20 requests at
 * once — the cap is what keeps a real reseller API from rate-limiting us. Throws if it did.
 * BENCH_SYNC_ORDERS sets the order count (e.g. 2000 for a quick run).
 */
import { performance } from 'node:perf_hooks';
import { buildCsr } from '../../server/crypto/csr';
import { generatePrivateKey } from '../../server/crypto/keys';
import { createLogger } from '../../server/logger';
import { NO_CALL_LOG } from '../../server/suppliers/call-log';
import { definition } from '../../server/suppliers/gogetssl';
import { startFakeGoGetSsl } from '../fakes/gogetssl/server';
import { printTable } from './stats';

const LATENCY_MS = 100;
const CAP = 20;

export async function benchSupplierSync(orders = Number(process.env.BENCH_SYNC_ORDERS ?? 10_000)): Promise<void> {
  const fake = await startFakeGoGetSsl({ balance: '100000000.00' });
  try {
    // One CSR for all orders: the benchmark measures the sync, not key generation.
    const key = await generatePrivateKey({ type: 'ec', curve: 'P-256' });
    const csr = buildCsr({ privateKeyPem: key, subject: { commonName: 'sync.bench.example' }, altNames: ['sync.bench.example'] });
    const ids = Array.from({ length: orders }, () => fake.addOrder(csr));

    const supplier = definition.create(
      { mode: 'test', credentials: fake.credentials, baseUrl: fake.url, maxConcurrency: CAP },
      { log: createLogger('silent'), callLog: NO_CALL_LOG, timeoutMs: 60_000 },
    );
    fake.setFault({ kind: 'latency', ms: LATENCY_MS });
    const requestsBefore = fake.requestCount();
    const t0 = performance.now();
    const states = await Promise.all(ids.map((id) => supplier.getOrder(id)));
    const seconds = (performance.now() - t0) / 1000;

    const wrong = states.filter((s) => s.status !== 'pending_validation').length;
    if (wrong) throw new Error(`${wrong} of ${orders} orders came back in an unexpected state`);
    const floor = (orders * LATENCY_MS) / 1000 / CAP;
    printTable(`Supplier status sync, GoGetSSL fake: ${orders} orders, ${LATENCY_MS} ms per call, cap ${CAP} (baseline = floor ${orders} × ${LATENCY_MS / 1000} s / ${CAP}; ${fake.requestCount() - requestsBefore} requests)`, [
      { metric: 'time to sync all orders', baseline: floor, ours: seconds, unit: 's', target: '≤ 1.2×' },
      { metric: 'max requests in flight', baseline: CAP, ours: fake.maxInFlight(), unit: 'req', target: '≤ 1.00× (never above the cap)' },
    ]);
    if (fake.maxInFlight() > CAP) throw new Error(`the fake saw ${fake.maxInFlight()} requests at once; the cap is ${CAP}`);
  } finally {
    await fake.close();
  }
}
