/**
 * Keeps WHMCS's tblsslorders in step with certbridge's orders, so WHMCS's own pages
 * (service view, SSL order list, configuressl.php) tell the truth. Called by the
 * lifecycle and fulfilment inside their transactions.
 */
import type { StateMirror, Trx } from '../../certificates/transition';
import type { SupplierMirror } from '../../certificates/fulfilment';
import { STATES, type OrderStateName } from '../../certificates/states';

export class WhmcsMirror implements StateMirror, SupplierMirror {
  async stateChanged(trx: Trx, hostOrderId: number, to: OrderStateName): Promise<void> {
    await trx.updateTable('tblsslorders').set({ status: STATES[to].whmcsStatus }).where('id', '=', hostOrderId).execute();
  }

  async supplierOrderPlaced(trx: Trx, hostOrderId: number, supplierOrderId: string): Promise<void> {
    await trx.updateTable('tblsslorders').set({ remoteid: supplierOrderId }).where('id', '=', hostOrderId).execute();
  }
}
