/**
 * The one service that decides certificate order state (DESIGN §5). Hosts (WHMCS today)
 * call it with host-neutral inputs; supplier adapters are called from here only. Every
 * method validates everything before its first write and writes inside one transaction,
 * so bad input writes nothing. Slow supplier work (placing the order) happens in jobs.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import { AppError } from '../http/errors';
import { enqueue } from '../jobs/queue';
import type { SupplierRegistry } from '../suppliers/registry';
import type { DcvMethod, SupplierProduct } from '../suppliers/supplier';
import { CANCELLABLE_STATES, STATES, isOrderState } from './states';
import { currentOrder, type OrderRow } from './orders';
import type { Lifecycle, Trx } from './transition';
import type { CatalogueCache } from '../catalog/catalogue-cache';

export interface ProductChoice {
  supplier: string;
  productId: string;
}

export interface CreateOrderInput extends ProductChoice {
  serviceId: number;
  clientId: number;
  hostOrderId: number;
  termMonths: number;
  actor: string;
}

export interface SubmitInput {
  serviceId: number;
  actor: string;
  method: DcvMethod;
  approverEmail?: string;
}

export const SUBMIT_JOB = 'submit_order';
export const SYNC_JOB = 'sync_order';

export class OrderService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly suppliers: SupplierRegistry,
    private readonly catalogue: CatalogueCache,
    private readonly lifecycle: Lifecycle,
  ) {}

  /** Resolves a product choice against the live catalogue; throws naming the setting. */
  async product(choice: ProductChoice): Promise<SupplierProduct> {
    const supplier = this.suppliers.get(choice.supplier);
    const product = (await this.catalogue.products(supplier)).find((p) => p.id === choice.productId);
    if (!product) {
      throw new AppError('invalid_request', `${supplier.displayName} has no certificate product "${choice.productId}". Pick one in the product's Module Settings.`, 'configoption2');
    }
    return product;
  }

  /** Creates the initial order of a service inside the host's transaction. */
  async create(trx: Trx, input: CreateOrderInput): Promise<number> {
    const res = await trx
      .insertInto('mod_certbridge_orders')
      .values({
        service_id: input.serviceId,
        host_order_id: input.hostOrderId,
        client_id: input.clientId,
        kind: 'initial',
        parent_order_id: null,
        state: 'awaiting_configuration',
        supplier: input.supplier,
        supplier_product: input.productId,
        idempotency_key: `cb-${input.serviceId}-${input.hostOrderId}-initial`,
        term_months: input.termMonths,
      })
      .executeTakeFirstOrThrow();
    const orderId = Number(res.insertId);
    await this.lifecycle.note(trx, orderId, null, 'awaiting_configuration', input.actor, 'created', 'Order created; waiting for the client to configure the certificate');
    return orderId;
  }

  /** The service's current order, or a not_found error saying what to do. */
  async require(serviceId: number): Promise<OrderRow> {
    const order = await currentOrder(this.db, serviceId);
    if (!order) throw new AppError('not_found', `Service #${serviceId} has no certificate order yet: run Create (module command) first`);
    return order;
  }

  /**
   * The client finished configuressl step three: checks the validation choice, moves the
   * order to queued and queues the submission job.
   */
  async submit(input: SubmitInput, approverEmails: (order: OrderRow) => Promise<string[]>): Promise<OrderRow> {
    const order = await this.require(input.serviceId);
    if (order.state !== 'awaiting_configuration' || !order.csr_pem) {
      const why = order.csr_pem ? `it is already ${STATES[order.state as keyof typeof STATES]?.label.toLowerCase() ?? order.state}` : 'no CSR has been submitted yet (step two)';
      throw new AppError('conflict', `The certificate cannot be submitted: ${why}`);
    }
    const product = await this.product({ supplier: order.supplier, productId: order.supplier_product });
    if (!product.dcvMethods.includes(input.method)) {
      throw new AppError('invalid_request', `${product.name} cannot be validated by ${input.method}; choose one of: ${product.dcvMethods.join(', ')}`, 'approval_method');
    }
    let approver: string | null = null;
    if (input.method === 'email') {
      const allowed = await approverEmails(order);
      approver = (input.approverEmail ?? '').trim().toLowerCase();
      if (!approver) throw new AppError('invalid_request', 'Choose an approver e-mail address for e-mail validation', 'approveremail');
      if (!allowed.includes(approver)) {
        throw new AppError('invalid_request', `${approver} is not an allowed approver address for ${order.common_name}; choose one of: ${allowed.join(', ')}`, 'approveremail');
      }
    }
    await this.db.transaction().execute(async (trx) => {
      await this.lifecycle.move(trx, {
        orderId: order.id,
        to: 'queued',
        actor: input.actor,
        reason: 'submitted',
        message: input.method === 'email' ? `Validation by e-mail to ${approver}` : `Validation by ${input.method === 'dns_txt' ? 'DNS TXT record' : 'HTTP file'}`,
        set: { validation_method: input.method, approver_email: approver },
      });
      await enqueue(trx, SUBMIT_JOB, { orderId: order.id }, { dedupeKey: `submit:${order.id}` });
    });
    return (await this.require(input.serviceId))!;
  }

  /** Cancels the current order while it is not yet issued (TerminateAccount, admin button). */
  async cancel(serviceId: number, actor: string, reason: string): Promise<{ cancelled: boolean; message: string }> {
    const order = await currentOrder(this.db, serviceId);
    if (!order) return { cancelled: false, message: 'No certificate order exists; nothing to cancel' };
    if (!isOrderState(order.state) || !CANCELLABLE_STATES.includes(order.state)) {
      return { cancelled: false, message: `The certificate is ${STATES[order.state as keyof typeof STATES]?.label.toLowerCase() ?? order.state}; it was left as it is` };
    }
    if (order.supplier_order_id) {
      const supplier = this.suppliers.get(order.supplier);
      if (supplier.cancel) await supplier.cancel(order.supplier_order_id, reason);
    }
    await this.db.transaction().execute(async (trx) => {
      await this.lifecycle.move(trx, { orderId: order.id, to: 'cancelled', actor, reason: 'cancelled', message: reason });
    });
    return { cancelled: true, message: 'The certificate order was cancelled' };
  }

  /**
   * A renewal was paid. With an issued certificate the renewal is a new order with the same
   * CSR, key and validation method, queued at once; before the first issue there is
   * nothing to reorder and the paid term simply extends.
   */
  async renew(serviceId: number, actor: string, termMonths: number): Promise<string> {
    const order = await this.require(serviceId);
    if (order.state !== 'issued') {
      await this.db.transaction().execute((trx) => this.lifecycle.note(trx, order.id, order.state, order.state, actor, 'renewal_paid', 'Renewal paid before the first certificate was issued; the term is extended, nothing is reordered'));
      return 'Renewal recorded; the certificate has not been issued yet, so nothing was reordered';
    }
    await this.db.transaction().execute(async (trx) => {
      const res = await trx
        .insertInto('mod_certbridge_orders')
        .values({
          service_id: order.service_id,
          host_order_id: order.host_order_id,
          client_id: order.client_id,
          kind: 'renewal',
          parent_order_id: order.id,
          state: 'queued',
          supplier: order.supplier,
          supplier_product: order.supplier_product,
          idempotency_key: `cb-${order.service_id}-${order.id}-renewal-${Date.now()}`,
          term_months: termMonths,
          common_name: order.common_name,
          dns_names: order.dns_names,
          csr_pem: order.csr_pem,
          csr_source: order.csr_source,
          key_id: order.key_id,
          validation_method: order.validation_method,
          approver_email: order.approver_email,
          contacts: order.contacts,
        })
        .executeTakeFirstOrThrow();
      const renewalId = Number(res.insertId);
      await this.lifecycle.note(trx, renewalId, null, 'queued', actor, 'renewal', `Renewal of order #${order.id} queued with the same CSR and validation method`);
      await enqueue(trx, SUBMIT_JOB, { orderId: renewalId }, { dedupeKey: `submit:${renewalId}` });
    });
    return 'success';
  }
}
