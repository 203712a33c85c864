/**
 * Talking to the supplier after the client configured: placing the order (submit job) and
 * following it to issue (sync job or the admin's Sync Status). Supplier answers are
 * translated into state moves here and only here. An issued certificate is accepted only
 * when its public key is the CSR's and it covers every name ordered.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import { AppError } from '../http/errors';
import { describeCertificate } from '../crypto/pem';
import { parseCsr } from '../crypto/csr';
import { enqueue } from '../jobs/queue';
import { RetryableJobError, type JobOutcome } from '../jobs/runner';
import type { Logger } from '../logger';
import { isSupplierError } from '../suppliers/errors';
import type { SupplierRegistry } from '../suppliers/registry';
import type { Contact, OrderState } from '../suppliers/supplier';
import { dnsNamesOf, orderById, type OrderRow } from './orders';
import { SYNC_JOB } from './order-service';
import type { Lifecycle, Trx } from './transition';
import { mysqlTime } from '../jobs/queue';

/** Host-side effects of supplier progress (WHMCS: tblsslorders.remoteid). */
export interface SupplierMirror {
  supplierOrderPlaced(trx: Trx, hostOrderId: number, supplierOrderId: string): Promise<void>;
}

export interface SyncResult {
  state: string;
  changed: boolean;
  message: string;
  issued: boolean;
  /** The outbox item announcing the issue, when this sync issued the certificate. */
  outboxId?: number;
}

const FIRST_SYNC_MS = 10_000;
const MAX_SYNC_INTERVAL_MS = 3_600_000;

export class Fulfilment {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly suppliers: SupplierRegistry,
    private readonly lifecycle: Lifecycle,
    private readonly mirror: SupplierMirror,
    private readonly log: Logger,
  ) {}

  /** Job handler: place the queued order with its supplier. */
  async submit(orderId: number): Promise<JobOutcome | void> {
    const order = await orderById(this.db, orderId);
    if (!order || order.state !== 'queued') return;
    const supplier = this.suppliers.get(order.supplier);
    const contacts = JSON.parse(order.contacts ?? '{}') as { admin: Contact };
    const dnsNames = dnsNamesOf(order);
    let state: OrderState;
    // A renewal goes through the supplier's renew call when it has one (it may keep
    // validation or add remaining time); otherwise (Enom) it is a new order, linked to the
    // old one through parent_order_id on our side.
    const parentSupplierId = order.kind === 'renewal' && order.parent_order_id ? (await orderById(this.db, order.parent_order_id))?.supplier_order_id : null;
    const place = (req: Parameters<typeof supplier.placeOrder>[0]) =>
      parentSupplierId && supplier.renew ? supplier.renew(parentSupplierId, req) : supplier.placeOrder(req);
    try {
      state = await place({
        idempotencyKey: order.idempotency_key,
        productId: order.supplier_product,
        months: order.term_months,
        csrPem: order.csr_pem!,
        commonName: order.common_name!,
        dnsNames,
        dcv: dnsNames.map((domain) => ({
          domain,
          method: order.validation_method as never,
          ...(order.validation_method === 'email' ? { email: approverFor(order, domain) } : {}),
        })),
        admin: contacts.admin,
      });
    } catch (e) {
      if (!isSupplierError(e)) throw e;
      this.log.warn({ orderId, supplier: supplier.code, code: e.code, kind: e.kind, supplierText: e.supplierText }, `placing the order failed: ${e.message}`);
      if (e.kind === 'transient') throw new RetryableJobError(`${supplier.displayName}: ${e.message}`);
      await this.db.transaction().execute((trx) =>
        e.kind === 'action_required'
          ? this.lifecycle.move(trx, { orderId, to: 'awaiting_configuration', actor: 'system', reason: 'supplier_refused', message: `${supplier.displayName} needs a change: ${e.message}`, set: { last_error: e.message } })
          : this.lifecycle.move(trx, { orderId, to: 'failed', actor: 'system', reason: 'supplier_refused', message: `${supplier.displayName} refused the order: ${e.message}`, set: { last_error: e.message } }),
      );
      return;
    }
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('mod_certbridge_orders').set({ supplier_order_id: state.supplierOrderId, last_error: null }).where('id', '=', orderId).execute();
      await this.mirror.supplierOrderPlaced(trx, order.host_order_id, state.supplierOrderId);
      await this.lifecycle.move(trx, { orderId, to: 'pending_validation', actor: 'system', reason: 'submitted', message: `${supplier.displayName} accepted the order as ${state.supplierOrderId}` });
      await this.saveValidations(trx, orderId, state);
      await enqueue(trx, SYNC_JOB, { orderId }, { dedupeKey: `sync:${orderId}`, delayMs: FIRST_SYNC_MS });
    });
  }

  /** Job handler: poll until the order reaches a final answer, with growing intervals. */
  async syncJob(orderId: number, attemptsSoFar: number): Promise<JobOutcome | void> {
    try {
      const result = await this.sync(orderId, 'system');
      if (['pending_validation', 'processing', 'queued'].includes(result.state)) {
        return { rescheduleMs: Math.min(MAX_SYNC_INTERVAL_MS, FIRST_SYNC_MS * 2 ** Math.min(attemptsSoFar, 8)) };
      }
    } catch (e) {
      if (isSupplierError(e) && e.kind === 'transient') throw new RetryableJobError(e.message);
      throw e;
    }
  }

  /** Asks the supplier for the order's status and applies it. */
  async sync(orderId: number, actor: string): Promise<SyncResult> {
    const order = await orderById(this.db, orderId);
    if (!order) throw new AppError('not_found', `Certificate order #${orderId} does not exist`);
    if (!order.supplier_order_id) {
      return { state: order.state, changed: false, issued: false, message: order.state === 'queued' ? 'The order is queued for submission to the supplier' : 'The order has not been submitted to a supplier yet' };
    }
    if (!['pending_validation', 'processing'].includes(order.state)) {
      return { state: order.state, changed: false, issued: order.state === 'issued', message: `Nothing to sync: the order is ${order.state.replace('_', ' ')}` };
    }
    const supplier = this.suppliers.get(order.supplier);
    const remote = await supplier.getOrder(order.supplier_order_id);
    return this.db.transaction().execute((trx) => this.apply(trx, order, remote, actor, supplier.displayName));
  }

  private async apply(trx: Trx, order: OrderRow, remote: OrderState, actor: string, supplierName: string): Promise<SyncResult> {
    // A background sync and an admin's Sync Status may race: whoever locks second sees the
    // state the first one wrote and leaves it alone (one issue, one e-mail).
    const now = await trx.selectFrom('mod_certbridge_orders').select('state').where('id', '=', order.id).forUpdate().executeTakeFirst();
    if (now?.state !== order.state) {
      return { state: now?.state ?? order.state, changed: false, issued: now?.state === 'issued', message: `Already updated: the order is ${now?.state ?? 'gone'}` };
    }
    await this.saveValidations(trx, order.id, remote);
    const move = (to: Parameters<Lifecycle['move']>[1]['to'], message: string, set?: Record<string, string | number | null>) =>
      this.lifecycle.move(trx, { orderId: order.id, to, actor, reason: 'supplier_status', message, set });
    switch (remote.status) {
      case 'issued': {
        const checked = this.checkIssued(order, remote);
        if (typeof checked === 'string') {
          await this.lifecycle.note(trx, order.id, order.state, order.state, actor, 'certificate_rejected', checked);
          await trx.updateTable('mod_certbridge_orders').set({ last_error: checked }).where('id', '=', order.id).execute();
          return { state: order.state, changed: false, issued: false, message: checked };
        }
        await move('issued', `Certificate issued by ${checked.issuerCommonName}, valid until ${checked.notAfter.toISOString().slice(0, 10)}`, {
          certificate_pem: remote.certificatePem!.trim() + '\n',
          chain_pem: (remote.chainPems ?? []).map((p) => p.trim()).join('\n') + '\n',
          valid_from: mysqlTime(checked.notBefore),
          valid_to: mysqlTime(checked.notAfter),
          serial_number: checked.serialNumber,
          sha256_fingerprint: checked.sha256Fingerprint,
          last_error: null,
        });
        if (order.parent_order_id) {
          const parent = await trx.selectFrom('mod_certbridge_orders').select('state').where('id', '=', order.parent_order_id).executeTakeFirst();
          if (parent?.state === 'issued') {
            await this.lifecycle.move(trx, { orderId: order.parent_order_id, to: 'superseded', actor, reason: 'superseded', message: `Replaced by order #${order.id}` });
          }
        }
        const notice = await trx.insertInto('mod_certbridge_outbox').values({ kind: 'certificate_issued', payload: JSON.stringify({ serviceId: order.service_id, orderId: order.id }) }).executeTakeFirstOrThrow();
        return { state: 'issued', changed: true, issued: true, message: 'The certificate was issued', outboxId: Number(notice.insertId) };
      }
      case 'processing':
        if (order.state !== 'processing') await move('processing', `${supplierName}: domain validation complete; the certificate is being issued`);
        return { state: 'processing', changed: order.state !== 'processing', issued: false, message: 'Validated; the certificate authority is issuing' };
      case 'pending_validation':
        if (order.state === 'processing') await move('pending_validation', `${supplierName}: validation is pending again`);
        return { state: 'pending_validation', changed: order.state === 'processing', issued: false, message: 'Still waiting for domain validation' };
      case 'rejected':
        await move('failed', `${supplierName} rejected the order${remote.message ? `: ${remote.message}` : ''}`, { last_error: remote.message ?? remote.rawStatus });
        return { state: 'failed', changed: true, issued: false, message: 'The certificate authority rejected the order' };
      case 'cancelled':
        await move('cancelled', `${supplierName} reports the order as cancelled`);
        return { state: 'cancelled', changed: true, issued: false, message: 'The supplier cancelled the order' };
      default:
        // 'unknown' (and states that cannot occur before issue) never move state.
        await this.lifecycle.note(trx, order.id, order.state, order.state, actor, 'supplier_status', `${supplierName} reported status "${remote.rawStatus}", which certbridge does not act on`);
        return { state: order.state, changed: false, issued: false, message: `The supplier reported "${remote.rawStatus}"; nothing changed` };
    }
  }

  /** Returns the certificate's facts, or why it cannot be accepted. */
  private checkIssued(order: OrderRow, remote: OrderState) {
    if (!remote.certificatePem) return 'The supplier reported the certificate as issued but sent no certificate; will retry';
    let cert;
    try {
      cert = describeCertificate(remote.certificatePem);
    } catch {
      return 'The supplier sent a certificate that cannot be read; kept the order as it was';
    }
    const csr = parseCsr(order.csr_pem!);
    if (cert.publicKeyFingerprint !== csr.publicKeyFingerprint) {
      return "The supplier's certificate does not belong to this order's CSR (different public key); it was not accepted";
    }
    const missing = dnsNamesOf(order).filter((n) => !cert.dnsNames.map((d) => d.toLowerCase()).includes(n));
    if (missing.length) return `The supplier's certificate does not cover ${missing.join(', ')}; it was not accepted`;
    return cert;
  }

  private async saveValidations(trx: Trx, orderId: number, state: OrderState): Promise<void> {
    for (const v of state.dcv) {
      const row = {
        method: v.method,
        email: v.email ?? null,
        dns_host: v.dns?.host ?? null,
        dns_type: v.dns?.type ?? null,
        dns_value: v.dns?.value ?? null,
        http_url: v.http?.url ?? null,
        http_content: v.http?.content ?? null,
        status: v.status,
      };
      await trx.insertInto('mod_certbridge_validations').values({ order_id: orderId, domain: v.domain, ...row }).onDuplicateKeyUpdate(row).execute();
    }
  }
}

function approverFor(order: OrderRow, domain: string): string {
  // One approver was chosen for the common name; other names use the same local part on their own domain.
  const chosen = order.approver_email ?? '';
  if (domain === order.common_name) return chosen;
  const local = chosen.split('@')[0] || 'admin';
  return `${local}@${domain.replace(/^\*\./, '')}`;
}
