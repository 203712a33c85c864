/**
 * Composition root: builds every service from the configuration and wires them together.
 * Wiring only; no logic. Used by main.ts (serve/worker), the CLI and the tests.
 */
import { randomBytes } from 'node:crypto';
import express, { type Express } from 'express';
import type { Config } from './config';
import { openDatabase, type DbHandle } from '../db/connection';
import { createLogger, type Logger } from './logger';
import { createSecretBox, keyIdForMasterKey } from './crypto/secret-box';
import { Lifecycle } from './certificates/transition';
import { KeyStore } from './certificates/key-store';
import { OrderService, SUBMIT_JOB, SYNC_JOB } from './certificates/order-service';
import { ConfigureService } from './certificates/configure';
import { Fulfilment } from './certificates/fulfilment';
import { DownloadService } from './certificates/downloads';
import { CsrDrafts } from './certificates/csr-drafts';
import { CatalogueCache } from './catalog/catalogue-cache';
import { SupplierRegistry } from './suppliers/registry';
import { SandboxSupplier } from './suppliers/sandbox/adapter';
import { SandboxCaStore } from './suppliers/sandbox/ca-store';
import { WhmcsMirror } from './hosts/whmcs/mirror';
import { WhmcsModuleLog } from './hosts/whmcs/module-log';
import { SupplierSettingsStore } from './suppliers/settings-store';
import { SUPPLIER_DEFINITIONS } from './suppliers/definitions';
import type { WhmcsDeps } from './hosts/whmcs/hook-context';
import { JobQueue } from './jobs/queue';
import { JobRunner } from './jobs/runner';
import { MysqlNonceStore } from './http/nonce-store';
import { whmcsRoutes } from './http/whmcs-routes';
import { healthRoutes } from './http/health';
import { errorHandler } from './http/errors';
import { requestLogger } from './http/request-log';
import { adminRoutes } from './admin/routes'; // admin wizard API
import { adminStatic } from './admin/static'; // admin wizard app

export interface App {
  config: Config;
  http: Express;
  dbHandle: DbHandle;
  deps: WhmcsDeps;
  sandbox: SandboxSupplier;
  supplierSettings: SupplierSettingsStore;
  moduleLog: WhmcsModuleLog;
  runner: JobRunner;
  nonces: MysqlNonceStore;
  log: Logger;
  close(): Promise<void>;
}

export function buildApp(config: Config, options: { log?: Logger; sqlMode?: string } = {}): App {
  const log = options.log ?? createLogger(config.logLevel);
  const dbHandle = openDatabase(config.databaseUrl, { sqlMode: options.sqlMode });
  const db = dbHandle.db;
  const box = createSecretBox({ keys: { [keyIdForMasterKey(config.masterKey)]: config.masterKey }, activeKeyId: keyIdForMasterKey(config.masterKey) });

  const mirror = new WhmcsMirror();
  const lifecycle = new Lifecycle(mirror);
  const sandbox = new SandboxSupplier(db, new SandboxCaStore(db, box), { issueDelaySeconds: config.sandboxIssueDelaySeconds });
  const moduleLog = new WhmcsModuleLog(db, log);
  const supplierSettings = new SupplierSettingsStore(db, box);
  const suppliers = new SupplierRegistry([sandbox], SUPPLIER_DEFINITIONS, supplierSettings, { log, callLog: moduleLog, timeoutMs: config.supplierTimeoutMs });
  const catalogue = new CatalogueCache();
  const keys = new KeyStore(db, box);
  const orders = new OrderService(db, suppliers, catalogue, lifecycle);
  const configure = new ConfigureService(db, orders, suppliers, keys, lifecycle);
  const fulfilment = new Fulfilment(db, suppliers, lifecycle, mirror, log);
  const deps: WhmcsDeps = { db, orders, configure, fulfilment, downloads: new DownloadService(keys), drafts: new CsrDrafts(keys), keys, lifecycle, suppliers, catalogue, log };

  const nonces = new MysqlNonceStore(db);
  const queue = new JobQueue(db, `worker-${process.pid}-${randomBytes(3).toString('hex')}`);
  const runner = new JobRunner(queue, {
    [SUBMIT_JOB]: (p: { orderId: number }) => fulfilment.submit(p.orderId),
    [SYNC_JOB]: (p: { orderId: number }, job) => fulfilment.syncJob(p.orderId, job.attempts),
    housekeeping: async () => {
      await nonces.purge();
      await suppliers.refresh();
      return { rescheduleMs: 60_000 };
    },
  }, log);

  const http = express();
  http.disable('x-powered-by');
  http.set('trust proxy', 'loopback');
  http.use(requestLogger(log));
  http.use(healthRoutes(db));
  http.use(whmcsRoutes(config.hookSecret, nonces, deps));
  // --- admin import-and-pricing wizard: JSON API, then the built Vue app (server/admin) ---
  http.use('/admin/api', adminRoutes({ db, suppliers, log, supplierSettings }));
  http.use(adminStatic(undefined, config.adminFrameAncestors));
  // --- end admin wizard ---
  http.use(errorHandler(log));

  return {
    config,
    http,
    dbHandle,
    deps,
    sandbox,
    supplierSettings,
    moduleLog,
    runner,
    nonces,
    log,
    close: async () => {
      await runner.stop();
      await dbHandle.close();
    },
  };
}
