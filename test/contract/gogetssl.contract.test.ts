/**
 * The supplier contract against GoGetSSL's adapter talking to the protocol-faithful fake
 * (test/fakes/gogetssl). Nothing is skipped: GoGetSSL lists approver addresses before the
 * order, cancels pending orders, and every fault can be staged on its wire format.
 */
import { createLogger } from '../../server/logger';
import type { SupplierCallEntry } from '../../server/suppliers/call-log';
import { definition } from '../../server/suppliers/gogetssl';
import { startFakeGoGetSsl } from '../fakes/gogetssl/server';
import { describeSupplierContract } from './supplier-contract';

describeSupplierContract('gogetssl', async () => {
  const fake = await startFakeGoGetSsl();
  const calls: SupplierCallEntry[] = [];
  const supplier = definition.create(
    { mode: 'test', credentials: fake.credentials, baseUrl: fake.url },
    { log: createLogger('silent'), callLog: { record: (e) => calls.push(e) }, timeoutMs: 1500 },
  );
  return { supplier, fake, product: { id: '71', months: 12 } };
});
