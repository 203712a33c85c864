/**
 * Calls the server's WHMCS hooks directly over signed HTTP (as the shim would), for
 * integration tests that do not need PHP in the loop.
 */
import request from 'supertest';
import { signedHeaders } from '../../server/http/hook-signature';
import type { TestServer } from './server';

export interface HookResponse {
  status: number;
  body: any;
}

export async function callHook(srv: TestServer, name: string, params: Record<string, unknown>, context: Record<string, unknown> = {}): Promise<HookResponse> {
  const path = `/whmcs/v1/hooks/${name}`;
  const body = JSON.stringify({ params, context });
  const res = await request(srv.running.app.http).post(path).set(signedHeaders(srv.secret, path, body)).send(body);
  return { status: res.status, body: res.body };
}
