/**
 * The orders view: every certificate order (initial, reissue, renewal) with its state,
 * supplier, client, domain and expiry, filtered and paged, and one order's detail with its
 * full event history (the audit trail). Read only. Called by routes.ts.
 * Errors: 422 naming `state` for an unknown state; 404 for an unknown order id.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import { AppError } from '../http/errors';
import { ORDER_STATES, STATES, type OrderStateName } from '../certificates/states';
import type { OrderDetail, OrderListItem, OrderListResponse } from './api-types';

export interface OrderFilters {
  /** One state or several, comma-separated. */
  state?: string;
  supplier?: string;
  /** Matches domain, client name or company, supplier order id, or an exact order/service id. */
  q?: string;
  page: number;
  pageSize: number;
}

const iso = (mysql: string | null) => (mysql ? `${mysql.replace(' ', 'T')}Z` : null);

export class AdminOrders {
  constructor(private readonly db: Kysely<Database>) {}

  private base() {
    return this.db
      .selectFrom('mod_certbridge_orders as o')
      .leftJoin('tblclients as c', 'c.id', 'o.client_id')
      .leftJoin('tblhosting as h', 'h.id', 'o.service_id')
      .leftJoin('tblproducts as p', 'p.id', 'h.packageid');
  }

  async list(f: OrderFilters): Promise<OrderListResponse> {
    const states = f.state ? f.state.split(',').map((s) => s.trim()).filter(Boolean) : [];
    for (const s of states) {
      if (!(ORDER_STATES as readonly string[]).includes(s)) throw new AppError('invalid_request', `state "${s}" is not an order state (${ORDER_STATES.join(', ')})`, 'state');
    }
    let q = this.base();
    if (states.length) q = q.where('o.state', 'in', states);
    if (f.supplier) q = q.where('o.supplier', '=', f.supplier);
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      const id = /^\d+$/.test(f.q) ? Number(f.q) : -1;
      q = q.where((eb) =>
        eb.or([
          eb('o.common_name', 'like', like),
          eb('o.dns_names', 'like', like),
          eb('h.domain', 'like', like),
          eb('o.supplier_order_id', 'like', like),
          eb(sql<string>`CONCAT(c.firstname, ' ', c.lastname)`, 'like', like),
          eb('c.companyname', 'like', like),
          eb('o.id', '=', id),
          eb('o.service_id', '=', id),
        ]),
      );
    }
    const [{ total }] = await q.select((eb) => eb.fn.countAll<number>().as('total')).execute();
    const rows = await q
      .select(['o.id', 'o.service_id', 'o.client_id', 'o.common_name', 'o.supplier', 'o.supplier_product', 'o.state', 'o.valid_to', 'o.updated_at', 'c.firstname', 'c.lastname', 'c.companyname', 'h.domain', 'p.name as product_name'])
      .orderBy('o.id', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute();
    return { orders: rows.map((r) => this.item(r)), total: Number(total) };
  }

  async detail(id: number): Promise<OrderDetail> {
    const r = await this.base()
      .selectAll('o')
      .select(['c.firstname', 'c.lastname', 'c.companyname', 'h.domain', 'p.name as product_name'])
      .where('o.id', '=', id)
      .executeTakeFirst();
    if (!r) throw new AppError('not_found', `There is no certificate order #${id}`);
    const events = await this.db.selectFrom('mod_certbridge_order_events').selectAll().where('order_id', '=', id).orderBy('id').execute();
    return {
      ...this.item(r),
      supplierOrderId: r.supplier_order_id,
      kind: r.kind,
      dnsNames: r.dns_names ? (JSON.parse(r.dns_names) as string[]) : [],
      validationMethod: r.validation_method,
      lastError: r.last_error,
      events: events.map((e) => ({ at: iso(e.created_at)!, actor: e.actor, from: e.from_state, to: e.to_state, reason: e.reason, message: e.message })),
    };
  }

  private item(r: {
    id: number;
    service_id: number;
    client_id: number;
    common_name: string | null;
    supplier: string;
    supplier_product: string;
    state: string;
    valid_to: string | null;
    updated_at: string;
    firstname: string | null;
    lastname: string | null;
    companyname: string | null;
    domain: string | null;
    product_name: string | null;
  }): OrderListItem {
    const person = [r.firstname, r.lastname].filter(Boolean).join(' ');
    return {
      id: r.id,
      serviceId: r.service_id,
      clientId: r.client_id,
      clientName: r.companyname ? `${person} (${r.companyname})` : person || `client #${r.client_id}`,
      domain: r.common_name || r.domain || null,
      supplier: r.supplier,
      product: r.product_name ?? r.supplier_product,
      state: r.state,
      stateLabel: STATES[r.state as OrderStateName]?.label ?? r.state,
      validTo: iso(r.valid_to),
      updatedAt: iso(r.updated_at)!,
    };
  }
}
