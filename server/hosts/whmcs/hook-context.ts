/**
 * What every WHMCS hook handler receives: the parsed body and the services it may use.
 * Built once by the composition root.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/connection';
import type { CatalogueCache } from '../../catalog/catalogue-cache';
import type { ConfigureService } from '../../certificates/configure';
import type { DownloadService } from '../../certificates/downloads';
import type { Fulfilment } from '../../certificates/fulfilment';
import type { KeyStore } from '../../certificates/key-store';
import type { OrderService } from '../../certificates/order-service';
import type { Lifecycle } from '../../certificates/transition';
import type { CsrDrafts } from '../../certificates/csr-drafts';
import type { Logger } from '../../logger';
import type { SupplierRegistry } from '../../suppliers/registry';
import type { HookReply } from './effects';
import type { HookBody } from './params';

export interface WhmcsDeps {
  db: Kysely<Database>;
  orders: OrderService;
  configure: ConfigureService;
  fulfilment: Fulfilment;
  downloads: DownloadService;
  drafts: CsrDrafts;
  keys: KeyStore;
  lifecycle: Lifecycle;
  suppliers: SupplierRegistry;
  catalogue: CatalogueCache;
  log: Logger;
}

export interface HookCall {
  body: HookBody;
  deps: WhmcsDeps;
}

export type HookHandler = (call: HookCall) => Promise<HookReply>;

/** "admin:3", "client:7" or "whmcs": who an event row says acted. */
export function actorOf(body: HookBody): string {
  if (body.context.adminId) return `admin:${body.context.adminId}`;
  if (body.context.clientId) return `client:${body.context.clientId}`;
  return 'whmcs';
}
