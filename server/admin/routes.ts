/**
 * The admin app's JSON API under /admin/api (contract: api-types.ts). POST /session trades
 * the addon's login token for a session; every other route needs `Authorization: Bearer
 * <session token>` and answers 401 — having read and written nothing — without a valid one.
 * Bodies are validated before anything else (422 naming the field). Express only: the work
 * happens in wizard.ts, catalogue-loader.ts, reference.ts and orders.ts. Mounted by app.ts.
 */
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import { AppError } from '../http/errors';
import type { SupplierRegistry } from '../suppliers/registry';
import type { Logger } from '../logger';
import type { SupplierSettingsStore } from '../suppliers/settings-store';
import { SupplierSettingsAdmin, supplierSettingsSchema } from './supplier-settings';
import { answerApply } from './apply-stream';
import { CatalogueLoader } from '../catalog/catalogue-loader';
import { Previewer } from '../catalog/preview';
import { ProductWriter } from '../catalog/product-writer';
import { ApplyLock } from './apply-lock';
import { AdminAuth, type AdminSessionInfo } from './auth';
import { AdminOrders } from './orders';
import { ReferenceData } from './reference';
import { ImportWizard } from './wizard';
import { applySchema, catalogueLoadSchema, importSchema, orderQuerySchema, parse, repriceApplySchema, repriceSchema, sessionSchema } from './validation';

export interface AdminDeps {
  db: Kysely<Database>;
  suppliers: SupplierRegistry;
  log?: Logger;
  supplierSettings?: SupplierSettingsStore;
}

const admin = (res: Response): AdminSessionInfo => res.locals.admin as AdminSessionInfo;

export function adminRoutes(deps: AdminDeps): Router {
  const auth = new AdminAuth(deps.db);
  const loader = new CatalogueLoader(deps.db, deps.suppliers);
  const wizard = new ImportWizard(deps.db, new Previewer(deps.db, loader), new ProductWriter(deps.db), new ApplyLock(deps.db));
  const reference = new ReferenceData(deps.db, deps.suppliers);
  const orders = new AdminOrders(deps.db);

  const r = Router();
  r.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  r.use(express.json({ limit: '1mb' }));

  r.post('/session', async (req, res) => {
    const { token } = parse(sessionSchema, req.body);
    res.json(await auth.exchange(token));
  });

  // Everything below needs a session.
  r.use(async (req: Request, res: Response, next: NextFunction) => {
    res.locals.admin = await auth.authenticate(req.header('authorization'));
    next();
  });

  r.get('/session', (_req, res) => {
    const a = admin(res);
    res.json({ adminId: a.adminId, expiresAt: a.expiresAt });
  });
  r.delete('/session', async (req, res) => {
    await auth.end(req.header('authorization'));
    res.status(204).end();
  });

  r.get('/suppliers', async (_req, res) => {
    res.json(await reference.suppliersList());
  });
  r.get('/currencies', async (_req, res) => {
    res.json(await reference.currencies());
  });
  r.get('/product-groups', async (_req, res) => {
    res.json(await reference.productGroups());
  });
  r.get('/products', async (_req, res) => {
    res.json(await reference.importedProducts());
  });

  r.post('/catalogue/load', async (req, res) => {
    const body = parse(catalogueLoadSchema, req.body);
    res.json(await loader.load(body.supplier, body.refresh));
  });

  r.post('/import/preview', async (req, res) => {
    res.json(await wizard.previewImport(parse(importSchema, req.body)));
  });
  r.post('/import/apply', async (req, res) => {
    const body = parse(applySchema, req.body);
    await answerApply(req, res, async (onProgress) => {
      const result = await wizard.applyImport(body, admin(res), onProgress);
      deps.log?.info({ adminId: admin(res).adminId, created: result.created, updated: result.updated, groupId: result.groupId }, 'import applied');
      return result;
    }, deps.log);
  });
  r.post('/reprice/preview', async (req, res) => {
    res.json(await wizard.previewReprice(parse(repriceSchema, req.body)));
  });
  r.post('/reprice/apply', async (req, res) => {
    const body = parse(repriceApplySchema, req.body);
    await answerApply(req, res, async (onProgress) => {
      const result = await wizard.applyReprice(body, admin(res), onProgress);
      deps.log?.info({ adminId: admin(res).adminId, updated: result.updated }, 're-price applied');
      return result;
    }, deps.log);
  });

  if (deps.supplierSettings) {
    const settings = new SupplierSettingsAdmin(deps.suppliers, deps.supplierSettings);
    r.get('/supplier-settings', async (_req, res) => {
      res.json(await settings.list());
    });
    r.put('/supplier-settings/:code', async (req, res) => {
      const saved = await settings.save(String(req.params.code), parse(supplierSettingsSchema, req.body));
      deps.log?.info({ adminId: admin(res).adminId, supplier: req.params.code, enabled: saved.settings.enabled, mode: saved.settings.mode }, 'supplier settings saved');
      res.json(saved);
    });
  }

  r.get('/orders', async (req, res) => {
    res.json(await orders.list(parse(orderQuerySchema, req.query, 'query')));
  });
  r.get('/orders/:id', async (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id) || id <= 0) throw new AppError('invalid_request', 'The order id must be a positive whole number', 'id');
    res.json(await orders.detail(id));
  });

  // An unknown API path is a JSON 404, never the admin app's index.html.
  r.use((req, _res, next) => {
    next(new AppError('not_found', `There is no admin API route ${req.method} /admin/api${req.path}`));
  });
  return r;
}
