/**
 * Admin API helpers for integration tests: sign in the way the addon page and the app do
 * (signed AdminSession hook → login token → POST /admin/api/session), call the API with the
 * bearer token, and build a second HTTP front on the same database with extra suppliers
 * (the running app only knows the sandbox).
 */
import express, { type Express } from 'express';
import request from 'supertest';
import { callHook } from './hooks';
import type { TestServer } from './server';
import { adminRoutes } from '../../server/admin/routes';
import { errorHandler } from '../../server/http/errors';
import { SupplierRegistry } from '../../server/suppliers/registry';
import type { Supplier } from '../../server/suppliers/supplier';

export async function loginToken(srv: TestServer, adminId = 1): Promise<string> {
  const res = await callHook(srv, 'AdminSession', {}, { adminId });
  if (res.status !== 200) throw new Error(`AdminSession failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.result.token as string;
}

export async function signIn(srv: TestServer, adminId = 1): Promise<string> {
  const token = await loginToken(srv, adminId);
  const res = await request(srv.running.app.http).post('/admin/api/session').send({ token });
  if (res.status !== 200) throw new Error(`session exchange failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.sessionToken as string;
}

export interface AdminClient {
  get(path: string): request.Test;
  post(path: string, body?: unknown): request.Test;
}

export function adminClient(http: Express, session: string): AdminClient {
  const auth = `Bearer ${session}`;
  return {
    get: (path) => request(http).get(`/admin/api${path}`).set('authorization', auth),
    post: (path, body = {}) => request(http).post(`/admin/api${path}`).set('authorization', auth).send(body as object),
  };
}

/** The admin API over the test server's database with these suppliers besides the sandbox. */
export function adminFront(srv: TestServer, extra: Supplier[]): Express {
  const app = srv.running.app;
  const suppliers = new SupplierRegistry([app.sandbox, ...extra]);
  const http = express();
  http.use('/admin/api', adminRoutes({ db: app.dbHandle.db, suppliers, log: app.log }));
  http.use(errorHandler(app.log));
  return http;
}
