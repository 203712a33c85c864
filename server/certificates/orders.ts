/**
 * Reading certificate orders. The "current" order of a service is its newest order that
 * is not superseded; everything that shows or acts on a service starts here.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../db/connection';
import type { CbOrders } from '../../db/certbridge-types';
import type { Trx } from './transition';

export type OrderRow = Selectable<CbOrders>;

export async function currentOrder(db: Kysely<Database> | Trx, serviceId: number, lock = false): Promise<OrderRow | undefined> {
  let q = db
    .selectFrom('mod_certbridge_orders')
    .selectAll()
    .where('service_id', '=', serviceId)
    .where('state', '!=', 'superseded')
    .orderBy('id', 'desc')
    .limit(1);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** The newest issued order of a service: the certificate it serves and downloads. */
export async function latestIssuedOrder(db: Kysely<Database> | Trx, serviceId: number): Promise<OrderRow | undefined> {
  return db.selectFrom('mod_certbridge_orders').selectAll().where('service_id', '=', serviceId).where('state', '=', 'issued').orderBy('id', 'desc').limit(1).executeTakeFirst();
}

export async function orderById(db: Kysely<Database> | Trx, id: number): Promise<OrderRow | undefined> {
  return db.selectFrom('mod_certbridge_orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export function dnsNamesOf(order: Pick<OrderRow, 'dns_names'>): string[] {
  return order.dns_names ? (JSON.parse(order.dns_names) as string[]) : [];
}

export async function validationsOf(db: Kysely<Database>, orderId: number) {
  return db.selectFrom('mod_certbridge_validations').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}

export async function eventsOf(db: Kysely<Database>, orderId: number, limit = 50) {
  return db.selectFrom('mod_certbridge_order_events').selectAll().where('order_id', '=', orderId).orderBy('id', 'desc').limit(limit).execute();
}
