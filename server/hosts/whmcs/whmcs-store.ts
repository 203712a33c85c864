/**
 * Reads and writes of WHMCS's own tables for the WHMCS edge. Every insert names every
 * NOT NULL column, so the writes behave the same under WHMCS's non-strict sql_mode and
 * under a strict one. Nothing here decides anything; hook handlers and the mirrors call it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/connection';
import { AppError } from '../../http/errors';
import type { Trx } from '../../certificates/transition';

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
  return {
    serviceId: row.id,
    clientId: row.userid,
    productId: row.packageid,
    productName: row.name,
    domain: row.domain.trim(),
    status: row.domainstatus,
    billingCycle: row.billingcycle,
    supplier: row.configoption1.trim(),
    supplierProduct: row.configoption2.trim(),
    requireDomainMatch: row.configoption3 === 'on',
    keySpec: row.configoption4.trim() || 'rsa2048',
  };
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
