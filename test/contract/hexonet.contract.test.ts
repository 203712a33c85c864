import { createLogger } from '../../server/logger';
import type { SupplierCallEntry } from '../../server/suppliers/call-log';
import { definition } from '../../server/suppliers/hexonet';
import { startFakeHexonet } from '../fakes/hexonet/server';
import { describeSupplierContract } from './supplier-contract';

describeSupplierContract(
  'hexonet',
  async () => {
    const fake = await startFakeHexonet();
    const calls: SupplierCallEntry[] = [];
    const supplier = definition.create(
      { mode: 'test', credentials: fake.credentials, baseUrl: fake.url },
      { log: createLogger('silent'), callLog: { record: (e) => calls.push(e) }, timeoutMs: 1500 },
    );
    return { supplier, fake, product: { id: 'COMODO_POSITIVESSL', months: 12 } };
  },
  { cancel: 'HEXONET cannot cancel or refund an order once it is executed (suppliers.md §1.9, §6.3)' },
);
