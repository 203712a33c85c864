import { describe, expect, it } from 'vitest';
import { createLogger, maskSecrets } from '../../server/logger';
import type { SupplierCallEntry } from '../../server/suppliers/call-log';
import { definition } from '../../server/suppliers/enom';
import { startFakeEnom } from '../fakes/enom/server';
import { describeSupplierContract } from './supplier-contract';

const calls: SupplierCallEntry[] = [];
let password = '';

describeSupplierContract(
  'enom',
  async () => {
    const fake = await startFakeEnom();
    password = fake.credentials.pw;
    const supplier = definition.create(
      { mode: 'test', credentials: fake.credentials, baseUrl: fake.url },
      { log: createLogger('silent'), callLog: { record: (e) => calls.push(e) }, timeoutMs: 1500 },
    );
    // RapidSSL: DV, one name, e-mail validation.
    return { supplier, fake, product: { id: '23', months: 12 } };
  },
  {
    cancel: 'Enom has no API call that cancels or refunds an SSL order: CertModifyOrder only resets the configuration (suppliers.md §2.6, §6.3)',
  },
);

// Runs after the suite above: every call it made, faults included, as the module log stores it.
describe('supplier contract: enom call log', () => {
  it('never shows the API token once masked', () => {
    expect(calls.length).toBeGreaterThan(50);
    const spellings = [password, encodeURIComponent(password), new URLSearchParams({ pw: password }).toString().slice(3)];
    for (const c of calls) {
      const stored = maskSecrets(`${c.request}\n${c.response}`, c.secrets);
      for (const s of spellings) expect(stored).not.toContain(s);
    }
  });
});
