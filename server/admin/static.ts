/**
 * Serves the built admin app (admin-ui/dist, built by `vite build`) under /admin/: files as
 * they are (hashed assets cached for a year, everything else revalidated), and index.html
 * for any other GET below /admin/ so the app's client-side routes survive a reload. When the
 * app was not built, /admin/ answers 404 like any unknown path. The API (/admin/api) is
 * mounted before this and never falls through to it. Mounted by app.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { Router } from 'express';

export const ADMIN_DIST = fileURLToPath(new URL('../../admin-ui/dist', import.meta.url));

/**
 * The page's Content-Security-Policy: the app loads nothing but its own files. WHMCS pages
 * that may frame it come from CERTBRIDGE_ADMIN_FRAME_ANCESTORS (config.ts; space-separated origins);
 * without it framing is not restricted here — the app is useless to a framing site anyway,
 * since it needs a sign-in token only WHMCS's addon page can obtain.
 */
export function adminPagePolicy(frameAncestors = ''): string {
  const policy = ["default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'", "base-uri 'none'", "form-action 'none'", "object-src 'none'"];
  if (frameAncestors.trim()) policy.push(`frame-ancestors ${frameAncestors.trim()}`);
  return policy.join('; ');
}

export function adminStatic(dist = ADMIN_DIST, frameAncestors = ''): Router {
  const r = Router();
  const policy = adminPagePolicy(frameAncestors);
  const index = join(dist, 'index.html');
  r.use((req, res, next) => {
    if (req.path !== '/admin') return next();
    res.redirect(302, `/admin/${req.url.slice('/admin'.length)}`);
  });
  r.use(
    '/admin',
    express.static(dist, {
      index: false,
      fallthrough: true,
      setHeaders: (res, path) => {
        res.set('Cache-Control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  r.use('/admin', (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/api/') || !existsSync(index)) {
      next();
      return;
    }
    res.set({ 'Cache-Control': 'no-cache', 'Content-Security-Policy': policy, 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' });
    res.sendFile(index);
  });
  return r;
}
