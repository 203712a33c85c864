/**
 * Reads and writes of WHMCS's own tables for the WHMCS edge. Every insert names every
 * NOT NULL column, so the writes behave the same under WHMCS's non-strict sql_mode and
 * under a strict one. Nothing here decides anything; hook handlers and the mirrors call it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/connection';
import { AppError } from '../../http/errors';
import type { Trx } from '../../certificates/transition';
import type { OrderRow } from '../../certificates/orders';

export const MODULE_NAME = 'certbridge';

export interface ServiceFacts {
  serviceId: number;
  clientId: number;
  productId: number;
  productName: string;
  domain: string;
  status: string;
  billingCycle: string;
  supplier: string;
  supplierProduct: string;
  requireDomainMatch: boolean;
  keySpec: string;
}

/** The months a WHMCS billing cycle pays for; certificates are sold by the year. */
export function termMonths(billingCycle: string): number {
  switch (billingCycle.toLowerCase()) {
    case 'biennially':
      return 24;
    case 'triennially':
      return 36;
    default:
      return 12;
  }
}

export async function serviceFacts(db: Kysely<Database> | Trx, serviceId: number, lock = false): Promise<ServiceFacts> {
  let q = db
    .selectFrom('tblhosting as h')
    .innerJoin('tblproducts as p', 'p.id', 'h.packageid')
    .select(['h.id', 'h.userid', 'h.packageid', 'h.domain', 'h.domainstatus', 'h.billingcycle', 'p.name', 'p.servertype', 'p.configoption1', 'p.configoption2', 'p.configoption3', 'p.configoption4'])
    .where('h.id', '=', serviceId);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) throw new AppError('not_found', `Service #${serviceId} does not exist in WHMCS`, 'serviceid');
  return factsFrom(row);
}

/**
 * The product's supplier and supplier product. The Module Settings product list offers
 * "supplier:product" values (product ids of different suppliers can collide), while older
 * or imported products carry the supplier in configoption1 and the bare id in configoption2.
 */
export function productChoice(configoption1: string, configoption2: string): { supplier: string; supplierProduct: string } {
  const qualified = /^([a-z][a-z0-9_-]*):(.+)$/.exec(configoption2.trim());
  if (qualified) return { supplier: qualified[1], supplierProduct: qualified[2] };
  return { supplier: configoption1.trim(), supplierProduct: configoption2.trim() };
}

function factsFrom(row: { id: number; userid: number; packageid: number; domain: string; domainstatus: string; billingcycle: string; name: string; configoption1: string; configoption2: string; configoption3: string; configoption4: string }): ServiceFacts {
  return {
    serviceId: row.id,
    clientId: row.userid,
    productId: row.packageid,
    productName: row.name,
    domain: row.domain.trim(),
    status: row.domainstatus,
    billingCycle: row.billingcycle,
    ...productChoice(row.configoption1, row.configoption2),
    requireDomainMatch: row.configoption3 === 'on',
    keySpec: row.configoption4.trim() || 'rsa2048',
  };
}

/**
 * The service and its current certificate order in one round trip: the client-area page
 * runs on every page load, and under load each round trip costs more than the query.
 */
export async function serviceWithCurrentOrder(db: Kysely<Database>, serviceId: number): Promise<{ facts: ServiceFacts; order: OrderRow | undefined }> {
  const row = await db
    .selectFrom('tblhosting as h')
    .innerJoin('tblproducts as p', 'p.id', 'h.packageid')
    .leftJoin('mod_certbridge_orders as o', (join) =>
      join.on('o.id', '=', (eb) =>
        eb.selectFrom('mod_certbridge_orders as c').select((c) => c.fn.max('c.id').as('id')).where('c.service_id', '=', serviceId).where('c.state', '!=', 'superseded'),
      ),
    )
    .selectAll('o')
    .select([
      'h.id as svc_id', 'h.userid as svc_userid', 'h.packageid as svc_packageid', 'h.domain as svc_domain', 'h.domainstatus as svc_domainstatus',
      'h.billingcycle as svc_billingcycle', 'p.name as svc_name', 'p.configoption1 as svc_co1', 'p.configoption2 as svc_co2', 'p.configoption3 as svc_co3', 'p.configoption4 as svc_co4',
    ])
    .where('h.id', '=', serviceId)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', `Service #${serviceId} does not exist in WHMCS`, 'serviceid');
  const { svc_id, svc_userid, svc_packageid, svc_domain, svc_domainstatus, svc_billingcycle, svc_name, svc_co1, svc_co2, svc_co3, svc_co4, ...order } = row;
  const facts = factsFrom({ id: svc_id, userid: svc_userid, packageid: svc_packageid, domain: svc_domain, domainstatus: svc_domainstatus, billingcycle: svc_billingcycle, name: svc_name, configoption1: svc_co1, configoption2: svc_co2, configoption3: svc_co3, configoption4: svc_co4 });
  return { facts, order: order.id === null ? undefined : (order as OrderRow) };
}

export async function sslOrderFor(db: Kysely<Database> | Trx, serviceId: number) {
  return db
    .selectFrom('tblsslorders')
    .select(['id', 'status', 'remoteid'])
    .where('serviceid', '=', serviceId)
    .where('addon_id', '=', 0)
    .where('module', '=', MODULE_NAME)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function insertSslOrder(trx: Trx, input: { clientId: number; serviceId: number; certType: string }): Promise<number> {
  const res = await trx
    .insertInto('tblsslorders')
    .values({
      userid: input.clientId,
      serviceid: input.serviceId,
      addon_id: 0,
      remoteid: '',
      module: MODULE_NAME,
      certtype: input.certType,
      configdata: '',
      authdata: null,
      completiondate: '0000-00-00 00:00:00',
      status: 'Awaiting Configuration',
    })
    .executeTakeFirstOrThrow();
  return Number(res.insertId);
}

export async function systemUrl(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('tblconfiguration').select('value').where('setting', '=', 'SystemURL').executeTakeFirst();
  const url = (row?.value ?? '').trim();
  if (!url) throw new AppError('invalid_request', 'WHMCS has no System URL (Setup → General Settings → General): the configuration link cannot be built');
  return url.endsWith('/') ? url : `${url}/`;
}
