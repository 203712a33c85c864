import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { adminPagePolicy, adminStatic } from './static';

let dist: string;
const app = () => express().use(adminStatic(dist));

beforeAll(() => {
  dist = mkdtempSync(join(tmpdir(), 'cb-admin-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="app"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('admin app serving', () => {
  it('serves index.html at /admin/ and for client routes, revalidated', async () => {
    for (const path of ['/admin/', '/admin/orders/12', '/admin/wizard?step=3']) {
      const res = await request(app()).get(path);
      expect(res.status, path).toBe(200);
      expect(res.text).toContain('id="app"');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('sends a policy that lets the page load only its own files', async () => {
    const res = await request(app()).get('/admin/');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('frame-ancestors');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(adminPagePolicy('https://billing.example.com')).toContain('frame-ancestors https://billing.example.com');
  });

  it('serves hashed assets with a long cache', async () => {
    const res = await request(app()).get('/admin/assets/index-abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('redirects /admin to /admin/ keeping the query', async () => {
    const res = await request(app()).get('/admin?x=1');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin/?x=1');
  });

  it('never answers for the API or for writes, and 404s when the app was not built', async () => {
    expect((await request(app()).get('/admin/api/orders')).status).toBe(404);
    expect((await request(app()).post('/admin/orders')).status).toBe(404);
    const missing = express().use(adminStatic(join(dist, 'nope')));
    expect((await request(missing).get('/admin/')).status).toBe(404);
  });
});
