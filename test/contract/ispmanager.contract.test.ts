/**
 * The supplier contract run against the ispmanager adapter talking to the fake BILLmanager
 * (test/fakes/ispmanager). Nothing is skipped: ispmanager can cancel (certificate.delete),
 * has no approver lookup but a fixed generic list, and the fake stages every fault.
 */
import { createLogger } from '../../server/logger';
import type { SupplierCallEntry } from '../../server/suppliers/call-log';
import { definition } from '../../server/suppliers/ispmanager';
import { startFakeIspmanager } from '../fakes/ispmanager/server';
import { describeSupplierContract } from './supplier-contract';

describeSupplierContract('ispmanager', async () => {
  const fake = await startFakeIspmanager();
  const calls: SupplierCallEntry[] = [];
  const supplier = definition.create(
    { mode: 'live', credentials: fake.credentials, baseUrl: fake.url },
    { log: createLogger('silent'), callLog: { record: (e) => calls.push(e) }, timeoutMs: 1500 },
  );
  return { supplier, fake, product: { id: '5001', months: 12 } };
});
