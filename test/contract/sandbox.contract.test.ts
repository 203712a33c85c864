import { randomBytes } from 'node:crypto';
import { openDatabase, type DbHandle } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { createSecretBox } from '../../server/crypto/secret-box';
import { SandboxSupplier } from '../../server/suppliers/sandbox/adapter';
import { SandboxCaStore } from '../../server/suppliers/sandbox/ca-store';
import { createScratchDatabase, type ScratchDatabase } from '../support/mysql';
import { describeSupplierContract } from './supplier-contract';

let scratch: ScratchDatabase;
let h: DbHandle;
const idOf = (supplierOrderId: string) => Number(supplierOrderId.replace('SBX-', ''));
const NETWORK = 'the sandbox CA runs in-process and talks to MySQL only: there is no network or account to fail';

describeSupplierContract(
  'sandbox',
  async () => {
    scratch = await createScratchDatabase({ label: 'csbx', seed: false });
    h = openDatabase(scratch.url);
    await migrateToLatest(h.db);
    const box = createSecretBox({ keys: { k: randomBytes(32) }, activeKeyId: 'k' });
    const supplier = new SandboxSupplier(h.db, new SandboxCaStore(h.db, box), { issueDelaySeconds: 3600 });
    let orders = 0;
    const pending: Promise<unknown>[] = [];
    const place = supplier.placeOrder.bind(supplier);
    supplier.placeOrder = async (req) => {
      const before = await h.db.selectFrom('mod_certbridge_sandbox_orders').select('id').execute();
      const state = await place(req);
      const after = await h.db.selectFrom('mod_certbridge_sandbox_orders').select('id').execute();
      orders += after.length - before.length;
      return state;
    };
    const setStatus = (id: string, set: Record<string, string>) => {
      pending.push(h.db.updateTable('mod_certbridge_sandbox_orders').set(set).where('id', '=', idOf(id)).execute());
    };
    // The sandbox's own control: issue_after moves into the past, or the status is set directly.
    const originalGet = supplier.getOrder.bind(supplier);
    supplier.getOrder = async (id) => {
      await Promise.all(pending.splice(0));
      return originalGet(id);
    };
    return {
      supplier,
      product: { id: 'sandbox-dv-single', months: 12 },
      fake: {
        url: '',
        credentials: {},
        setFault: () => undefined,
        issue: (id) => setStatus(id, { issue_after: '2000-01-01 00:00:00' }),
        reject: (id) => setStatus(id, { status: 'rejected' }),
        expire: () => undefined,
        orderCount: () => orders,
        maxInFlight: () => 1,
        requestCount: () => 0,
        close: async () => {
          await h.close();
          await scratch.drop();
        },
      },
    };
  },
  {
    approvers: undefined,
    expire: 'sandbox certificates live at least 47 days and the sandbox has no clock control for expiry',
    auth: NETWORK,
    ip: NETWORK,
    funds: 'the sandbox CA has no account balance',
    http5xx: NETWORK,
    malformed: NETWORK,
    truncated: NETWORK,
    timeout: NETWORK,
    acceptThenTimeout: NETWORK,
  },
);
