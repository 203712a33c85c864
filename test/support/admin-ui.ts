/**
 * Browser tests of the admin app: the built app (built here only when missing or older than
 * its sources), Debian Chromium driven by playwright-core with a fresh profile, and a
 * stand-in WHMCS admin page that runs the real addon module's _output through the PHP
 * emulator on every load — so each page load gets a fresh sign-in token from the real
 * server, exactly as WHMCS would.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type BrowserContext, type Frame, type FrameLocator, type Page } from 'playwright-core';
import mysql from 'mysql2/promise';
import { runWhmcs } from './whmcs';
import { startTestServer, type TestServer } from './server';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ADMIN_DIST = join(ROOT, 'admin-ui/dist');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const CHROMIUM = process.env.CERTBRIDGE_CHROMIUM ?? '/usr/bin/chromium';

/** Files the build depends on besides admin-ui/src (the app imports these server files). */
const BUILD_INPUTS = ['admin-ui/index.html', 'vite.config.ts', 'server/admin/api-types.ts', 'server/certificates/states.ts'];

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), st.mtimeMs);
}

/** True when admin-ui/dist is missing or older than any source it is built from. */
export function adminBuildStale(): boolean {
  const index = join(ADMIN_DIST, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = Math.max(newestMtime(join(ROOT, 'admin-ui/src')), ...BUILD_INPUTS.map((p) => newestMtime(join(ROOT, p))));
  return sources > built;
}

const BUILD_LOCK = join(ROOT, '.local/admin-build.lock');

/**
 * Runs `npm run build` when the built app is stale; returns whether it built. Test files run
 * in parallel workers: a lock directory makes one build while the others wait for it (the
 * build empties dist/ first, so two at once would break each other).
 */
export async function ensureAdminBuild(): Promise<boolean> {
  if (!adminBuildStale()) return false;
  mkdirSync(join(ROOT, '.local'), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      break;
    } catch {
      // A lock older than two minutes belongs to a build that died.
      if (existsSync(BUILD_LOCK) && Date.now() - statSync(BUILD_LOCK).mtimeMs > 120_000) rmSync(BUILD_LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`gave up waiting for ${BUILD_LOCK}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    if (!adminBuildStale()) return false;
    await promisify(execFile)('npm', ['run', 'build'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    return true;
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
}

export interface Browser {
  context: BrowserContext;
  /** Dialogs (alert/confirm/prompt) any page opened; an XSS would show up here. */
  dialogs: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** Debian Chromium, headless, with a fresh user-data dir removed on close. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'cb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  const dialogs: string[] = [];
  // Also catches alert() called without a dialog ever opening (e.g. in a detached frame).
  // Also records Content-Security-Policy violations, for tests that serve the app under a CSP.
  await context.addInitScript(() => {
    const w = window as unknown as { __alerts: string[]; __csp: string[]; alert: (m?: unknown) => void };
    w.__alerts = [];
    w.__csp = [];
    w.alert = (m?: unknown) => void w.__alerts.push(String(m));
    document.addEventListener('securitypolicyviolation', (e) => void w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  context.on('page', (page) => {
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
  });
  return {
    context,
    dialogs,
    newPage: async () => {
      const page = await context.newPage();
      // Fail a step fast with Playwright's own message instead of hitting the test timeout.
      page.setDefaultTimeout(10_000);
      page.on('dialog', (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss().catch(() => undefined);
      });
      return page;
    },
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface WhmcsStandIn {
  /** http://127.0.0.1:port — the WHMCS origin. */
  origin: string;
  /** The addon page URL: addonmodules.php?module=certbridge. */
  addonPage: string;
  /** How many times the addon page ran the PHP module. */
  loads: number;
  stop(): Promise<void>;
}

/**
 * A stand-in WHMCS admin area on its own origin: /admin/addonmodules.php?module=certbridge
 * runs certbridge_output through the emulator (admin #adminId signed in) and wraps it in a
 * page like WHMCS's; /admin/configproducts.php answers so product links can be followed.
 */
export async function startWhmcsStandIn(opts: { database: string; bridgeUrl: string; secret: string; browserUrl?: string; adminId?: number }): Promise<WhmcsStandIn> {
  const settings = { bridgeUrl: opts.bridgeUrl, sharedSecret: opts.secret, browserUrl: opts.browserUrl ?? '' };
  const activated = await runWhmcs({ database: opts.database, call: 'addon', function: 'activate', settings });
  if (activated.error || activated.warnings.length) throw new Error(`addon activation failed: ${activated.error ?? activated.warnings.join('; ')}`);

  const standIn: WhmcsStandIn = { origin: '', addonPage: '', loads: 0, stop: async () => undefined };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/admin/addonmodules.php') {
      standIn.loads++;
      runWhmcs({
        database: opts.database,
        call: 'addon',
        function: 'output',
        adminId: opts.adminId ?? 1,
        settings,
        server: { HTTP_HOST: req.headers.host ?? '', SCRIPT_NAME: '/admin/addonmodules.php' },
      }).then(
        (r) => {
          const body = r.error || r.warnings.length ? `<pre>${escapeHtml(r.error ?? r.warnings.join('\n'))}</pre>` : r.output;
          res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
          res.end(whmcsChrome('certbridge SSL Certificates', body));
        },
        (e: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(e.message);
        },
      );
      return;
    }
    if (url.pathname === '/admin/configproducts.php') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(whmcsChrome('Products/Services', `<p id="product">Editing product #${escapeHtml(url.searchParams.get('id') ?? '')}</p>`));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  standIn.origin = `http://127.0.0.1:${port}`;
  standIn.addonPage = `${standIn.origin}/admin/addonmodules.php?module=certbridge`;
  standIn.stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return standIn;
}

/** A page shaped like WHMCS's admin area (header, sidebar width, content column). */
function whmcsChrome(title: string, content: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)} - WHMCS</title>
<style>
body{margin:0;font:13px "Open Sans",Helvetica,Arial,sans-serif;background:#f1f1f1;color:#333}
header{background:#1a4d80;color:#fff;padding:12px 20px;font-size:16px}
main{margin:0 20px 20px;padding:15px 20px;background:#fff;border:1px solid #ddd}
h1{font-size:22px;font-weight:400;margin:15px 20px}
.alert{padding:10px 14px;border:1px solid #ddd;border-radius:3px}.alert-danger{background:#f2dede;color:#a94442}
.alert-warning{background:#fcf8e3;color:#8a6d3b}.alert-info{background:#d9edf7;color:#31708f}
</style></head><body><header>WHMCS · Example Hosting</header><h1>${escapeHtml(title)}</h1><main>${content}</main></body></html>`;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The admin app inside the addon page's iframe. */
export function appFrame(page: Page): FrameLocator {
  return page.frameLocator('#certbridge-app');
}

/** The iframe's Frame object (for evaluate), once it navigated to the app. */
export async function appFrameHandle(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#certbridge-app');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the certbridge iframe has no frame');
  return frame;
}

/** Saves a full-page screenshot as test-artifacts/<name>.png (the directory is git-ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Opens the certbridge addon page in a new tab and waits until the app has signed in. */
export async function openAddon(browser: Browser, standIn: WhmcsStandIn): Promise<{ page: Page; app: FrameLocator }> {
  const page = await browser.newPage();
  await page.goto(standIn.addonPage);
  const app = appFrame(page);
  await app.locator('nav.topnav').waitFor();
  return { page, app };
}

/** What the admin reads in the first match (innerText: cells apart, hidden parts left out), whitespace collapsed. */
export async function readText(app: FrameLocator, selector: string): Promise<string> {
  return (await app.locator(selector).first().innerText()).replace(/\s+/g, ' ').trim();
}

export interface AdminBrowserEnv {
  srv: TestServer;
  conn: mysql.Connection;
  whmcs: WhmcsStandIn;
  browser: Browser;
  stop(): Promise<void>;
}

/**
 * Everything a browser test of the admin app needs: the built app, a real server on a fresh
 * seeded database, a direct database connection for checking rows, the WHMCS stand-in page
 * and Chromium. `before` runs against the server before the stand-in starts (seed orders…).
 */
export async function startAdminBrowserEnv(label: string, before?: (srv: TestServer) => Promise<void>): Promise<AdminBrowserEnv> {
  await ensureAdminBuild();
  const srv = await startTestServer({ label });
  const conn = await mysql.createConnection({ uri: srv.database.url, dateStrings: true });
  if (before) await before(srv);
  const whmcs = await startWhmcsStandIn({ database: srv.database.url, bridgeUrl: srv.url, secret: srv.secret });
  const browser = await launchBrowser();
  return {
    srv,
    conn,
    whmcs,
    browser,
    stop: async () => {
      await browser.close();
      await whmcs.stop();
      await conn.end();
      await srv.stop();
    },
  };
}

/** The wizard's Next button. */
export const clickNext = (app: FrameLocator) => app.getByRole('button', { name: 'Next', exact: true }).click();
