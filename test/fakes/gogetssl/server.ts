/**
 * A protocol-faithful fake of GoGetSSL's REST API v1 (suppliers.md §3.8, §6.5) for the
 * contract suite, the adapter's tests and the sync benchmark. node:http on 127.0.0.1:0,
 * paths under /api with or without a trailing slash.
 *
 * Quirks reproduced: POST /auth/ (form user, pass) → {"key"}; every other call must carry
 * auth_key in the QUERY (a key in the body is ignored, as a POST's query is what GoGetSSL
 * reads); 403 + error JSON for a missing, unknown or expired key (keys expire after
 * `keyUses` uses or via expireAuthKeys()); business errors as HTTP 200 {"error": true,
 * "message", "description"}; PHP JSON ("\/", ids as strings, [] for an empty object,
 * PEMs with "\n"); comma-joined lists in requests and answers.
 *
 * Faults (FakeControl.setFault) apply to every request until cleared; acceptThenTimeout
 * only to the order-creating calls (the order is stored and charged, the answer never
 * comes), so the adapter's look-up before a retry still gets answers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createSandboxCa, type SandboxCaMaterial } from '../../../server/suppliers/sandbox/ca';
import type { Fault, FakeControl } from '../fake-control';
import { allPrices, FAKE_PRODUCTS, fakeProduct } from './catalogue';
import { FakeApiError, FakeStore, type FakeOrder } from './store';
import { addOrderAnswer, phpJson, statusAnswer } from './wire';

export interface FakeGoGetSslOptions {
  login?: string;
  password?: string;
  balance?: string;
  /** Uses after which an auth key expires. Default: never. */
  keyUses?: number;
  /** Addresses allowed to call the API; the 'ip' fault refuses every caller. */
  allowedIps?: string[];
  /** Shared CA (saves generating one per fake). */
  ca?: SandboxCaMaterial;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
}

export interface FakeGoGetSsl extends FakeControl {
  readonly ca: SandboxCaMaterial;
  readonly store: FakeStore;
  /** Stores an order directly, without HTTP (benchmarks); returns its id. */
  addOrder(csrPem: string, productId?: number): string;
  /** Marks every auth key expired: the next call gets 403 and must log in again. */
  expireAuthKeys(): void;
  /** Forces a raw GoGetSSL status onto an order (to test unusual values). */
  setStatus(supplierOrderId: string, status: string): void;
  order(supplierOrderId: string): FakeOrder;
  logins(): number;
  /** The last 200 requests, oldest first. */
  requests(): RecordedRequest[];
}

type Handler = (ctx: { query: URLSearchParams; form: Record<string, string>; match: RegExpExecArray }) => Record<string, unknown>;
interface Route {
  method: 'GET' | 'POST';
  path: RegExp;
  handler: Handler;
  /** Calls that create an order (acceptThenTimeout applies). */
  creates?: boolean;
}

const LOOPBACK = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];

function approverList(domain: string): string[] {
  const labels = domain.toLowerCase().replace(/^\*\./, '').replace(/^www\./, '').split('.');
  const bases: string[] = [];
  for (let i = 0; i <= labels.length - 2; i++) bases.push(labels.slice(i).join('.'));
  return bases.flatMap((b) => ['admin', 'administrator', 'hostmaster', 'postmaster', 'webmaster'].map((l) => `${l}@${b}`));
}

export async function startFakeGoGetSsl(options: FakeGoGetSslOptions = {}): Promise<FakeGoGetSsl> {
  const credentials = { login: options.login ?? 'reseller@certbridge.example', password: options.password ?? 'Api-Pa$$ w/ord+1' };
  const ca = options.ca ?? (await createSandboxCa({ name: 'Fake GoGetSSL' }));
  const store = new FakeStore({ ...credentials, balance: options.balance ?? '1000.00', keyUses: options.keyUses ?? Number.POSITIVE_INFINITY }, ca);
  const allowed = new Set(options.allowedIps ?? LOOPBACK);
  let fault: Fault | null = null;
  let requestCount = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const recorded: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const routes: Route[] = [
    { method: 'GET', path: /^\/products\/ssl$/, handler: () => ({ products: FAKE_PRODUCTS, success: true }) },
    {
      method: 'GET',
      path: /^\/products\/ssl\/(\d+)$/,
      handler: ({ match }) => {
        const p = fakeProduct(match[1]);
        if (!p) throw new FakeApiError('Product error', 'Product not found');
        return { product: p, success: true };
      },
    },
    { method: 'GET', path: /^\/products\/all_prices$/, handler: () => ({ product_prices: allPrices(), success: true }) },
    { method: 'GET', path: /^\/account\/balance$/, handler: () => ({ balance: store.balanceText(), currency: 'USD', success: true }) },
    {
      method: 'POST',
      path: /^\/tools\/domain\/emails(\/geotrust)?$/,
      handler: ({ form, match }) => {
        if (!form.domain) throw new FakeApiError('Domain error', 'Domain is required');
        return { [match[1] ? 'GeotrustApprovalEmails' : 'ComodoApprovalEmails']: approverList(form.domain), success: true };
      },
    },
    { method: 'POST', path: /^\/orders\/add_ssl_order$/, creates: true, handler: ({ form }) => addOrderAnswer(store.addOrder(form, false)) },
    { method: 'POST', path: /^\/orders\/add_ssl_renew_order$/, creates: true, handler: ({ form }) => addOrderAnswer(store.addOrder(form, true)) },
    { method: 'GET', path: /^\/orders\/status\/([^/]+)$/, handler: ({ match }) => statusAnswer(store.get(match[1])) },
    {
      method: 'GET',
      path: /^\/orders\/ssl\/all$/,
      handler: ({ query }) => {
        const limit = Number(query.get('limit') ?? 100);
        const offset = Number(query.get('offset') ?? 0);
        // Oldest first: the adapter must cope with either order.
        const all = [...store.orders.values()].sort((a, b) => a.id - b.id);
        return { orders: all.slice(offset, offset + limit).map((o) => ({ order_id: o.id, status: o.status })), limit, offset, count: all.length, success: true };
      },
    },
    {
      method: 'POST',
      path: /^\/orders\/ssl\/reissue\/(\d+)$/,
      handler: ({ match, form }) => {
        store.reissue(match[1], form);
        return { order_id: match[1], order_status: 'reissue', success: true };
      },
    },
    {
      method: 'POST',
      path: /^\/orders\/cancel_ssl_order$/,
      handler: ({ form }) => {
        store.cancel(form.order_id ?? '', form.reason ?? '');
        return { order_id: form.order_id, success: true };
      },
    },
    {
      method: 'POST',
      path: /^\/orders\/ssl\/change_domains_validation_method\/(\d+)$/,
      handler: ({ match, form }) => {
        const split = (v: string | undefined) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean);
        store.changeValidation(match[1], split(form.domains), split(form.new_methods));
        return { success: true, message: 'Validation method changed' };
      },
    },
    {
      method: 'GET',
      path: /^\/orders\/ssl\/resend_validation_email\/(\d+)$/,
      handler: ({ match }) => {
        store.resend(match[1]);
        return { message: 'Validation email sent', success: true };
      },
    },
  ];

  const send = (res: ServerResponse, status: number, body: string, contentType = 'application/json') => {
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const apiError = (res: ServerResponse, e: FakeApiError) => send(res, e.httpStatus, phpJson({ error: true, message: e.apiMessage, description: e.description }));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const form = Object.fromEntries(new URLSearchParams(raw));
    const path = url.pathname.replace(/^\/api(?=\/)/, '').replace(/\/+$/, '') || '/';
    recorded.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), form });
    if (recorded.length > 200) recorded.shift();

    if (fault?.kind === 'latency') await new Promise((r) => setTimeout(r, fault && fault.kind === 'latency' ? fault.ms : 0));
    if (fault?.kind === 'timeout') return; // never answers
    if (fault?.kind === 'http5xx') return send(res, 502, '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>', 'text/html');
    if (fault?.kind === 'malformed') return send(res, 200, '<!DOCTYPE html><html><body><h1>We are upgrading our systems</h1><p>Back soon.</p></body></html>', 'text/html; charset=UTF-8');
    const ip = req.socket.remoteAddress ?? '';
    if (fault?.kind === 'ip' || !allowed.has(ip)) {
      return apiError(res, new FakeApiError('Access denied', `API access from IP ${ip.replace('::ffff:', '')} is not allowed. Add it to the allowed IP list in API settings.`, 403));
    }

    let body: Record<string, unknown>;
    let hangAfter = false;
    try {
      if (path === '/auth' && req.method === 'POST') {
        if (fault?.kind === 'auth') throw new FakeApiError('Authorization error', 'Wrong login or password', 401);
        body = { key: store.login(form.user ?? '', form.pass ?? ''), success: true };
      } else {
        const route = routes.find((r) => r.method === req.method && r.path.test(path));
        if (!route) throw new FakeApiError('Not found', `Unknown API method ${req.method} ${url.pathname}`, 404);
        // Only the query's auth_key counts (GoGetSSL reads it there even on POST).
        if (fault?.kind === 'auth') {
          store.revokeKeys();
          throw new FakeApiError('Auth error', 'Invalid auth_key. Please authorize first.', 403);
        }
        store.useKey(url.searchParams.get('auth_key'));
        store.broke = fault?.kind === 'funds';
        hangAfter = !!route.creates && fault?.kind === 'acceptThenTimeout';
        body = route.handler({ query: url.searchParams, form, match: route.path.exec(path)! });
      }
    } catch (e) {
      if (e instanceof FakeApiError) return apiError(res, e);
      throw e;
    }
    if (hangAfter) return; // stored and charged; the answer is never sent
    const text = phpJson(body);
    if (fault?.kind === 'truncated') {
      // Chunked, so the HTTP exchange completes: only the JSON is cut.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(text.slice(0, Math.floor(text.length / 2)));
      return;
    }
    send(res, 200, text);
  }

  const server = createServer((req, res) => {
    requestCount++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let counted = true;
    const done = () => {
      if (counted) inFlight--;
      counted = false;
    };
    res.on('finish', done);
    res.on('close', done);
    handle(req, res).catch((e: unknown) => send(res, 500, phpJson({ error: true, message: 'Internal error', description: String(e) })));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/api`,
    credentials,
    ca,
    store,
    setFault: (f) => {
      fault = f;
      if (!f) store.broke = false;
    },
    issue: (id) => store.issue(id),
    reject: (id) => store.reject(id),
    expire: (id) => store.expire(id),
    orderCount: () => store.orders.size,
    maxInFlight: () => maxInFlight,
    requestCount: () => requestCount,
    addOrder: (csrPem, productId) => String(store.insertOrder(csrPem, productId).id),
    expireAuthKeys: () => store.expireKeys(),
    setStatus: (id, status) => {
      store.get(id).status = status;
    },
    order: (id) => store.get(id),
    logins: () => store.logins,
    requests: () => [...recorded],
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
