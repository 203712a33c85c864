/**
 * A protocol-faithful fake of ispmanager's billing API (BILLmanager) for the contract suite
 * and the adapter tests: node:http on 127.0.0.1, port 0, route GET|POST /billmgr (and the
 * older /manager/billmgr), parameters from the query and/or a form body.
 *
 * Quirks reproduced on purpose: the `out` switch (bjson / json with "doc" and "$" /
 * xml / the HTML panel without out); business errors as a top-level error object with
 * HTTP 200; authinfo=EMAIL:PASSWORD on every call, or func=auth then auth=<session>;
 * pricelist.export answering without credentials; a paid order answering a bare ok without
 * the new id (unless returnItemId); a function without sok=ok only returning its form;
 * certificate.file answering the raw file; deleted certificates staying listed with status 4.
 *
 * Control: issue (a real leaf for the CSR's key from an embedded CA, plus its chain),
 * reject, expire; faults from FakeControl; counters. startFakeIspmanager is the entry point.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeCertificate } from '../../../server/crypto/pem';
import { createSandboxCa, issueLeafCertificate, type SandboxCaMaterial } from '../../../server/suppliers/sandbox/ca';
import type { Fault, FakeControl } from '../fake-control';
import { BillFault, handle, type Params } from './functions';
import { LOGIN_PAGE, renderDoc, renderError, type Rendered } from './render';
import { FakeStore, isoDate, type FakeCertificate } from './store';

export interface FakeIspmanagerOptions {
  email?: string;
  password?: string;
  /** Caller addresses allowed to use the API (the account's access restriction). */
  allowedIps?: string[];
  balance?: number;
  firstId?: number;
  returnItemId?: boolean;
  showCsr?: boolean;
  now?: () => Date;
}

export interface FakeIspmanager extends FakeControl {
  balance(): number;
  certificate(id: string): FakeCertificate | undefined;
  /** Every call received: function and parameters, credentials removed. */
  readonly calls: { func: string; params: Params }[];
  readonly ca: SandboxCaMaterial;
  setReturnItemId(on: boolean): void;
}

const LOCAL = ['127.0.0.1', '::1', '::ffff:127.0.0.1'];
/** One CA for every fake in a test process: generating an RSA intermediate takes a while. */
let sharedCa: Promise<SandboxCaMaterial> | undefined;

export async function startFakeIspmanager(options: FakeIspmanagerOptions = {}): Promise<FakeIspmanager> {
  const email = options.email ?? 'reseller@example.net';
  const password = options.password ?? 'fake-Pa55 word&more';
  const allowedIps = options.allowedIps ?? LOCAL;
  const now = options.now ?? (() => new Date());
  const store = new FakeStore(options.balance ?? 1000, options.firstId ?? 4100001);
  const ca = await (sharedCa ??= createSandboxCa({ name: 'Fake ispmanager CA' }));
  const calls: { func: string; params: Params }[] = [];
  let returnItemId = options.returnItemId ?? false;
  let fault: Fault | null = null;
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;

  const reply = (res: ServerResponse, status: number, r: Rendered) => {
    res.writeHead(status, { 'content-type': r.contentType, 'content-length': Buffer.byteLength(r.body) });
    res.end(r.body);
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const params: Params = Object.fromEntries(url.searchParams);
    const body = await readBody(req);
    if (req.method === 'POST' && /urlencoded/.test(req.headers['content-type'] ?? '')) Object.assign(params, Object.fromEntries(new URLSearchParams(body)));
    const current = fault;
    if (current?.kind === 'latency') await new Promise((r) => setTimeout(r, current.ms));
    if (current?.kind === 'timeout') return; // never answers
    if (current?.kind === 'http5xx') return reply(res, 502, { contentType: 'text/html', body: '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n' });
    if (current?.kind === 'malformed') return reply(res, 200, { contentType: 'text/html; charset=utf-8', body: LOGIN_PAGE });
    if (url.pathname !== '/billmgr' && url.pathname !== '/manager/billmgr') return reply(res, 404, { contentType: 'text/html', body: '<html><body>404 Not Found</body></html>' });

    const out = params.out ?? '';
    const func = params.func ?? '';
    const visible = Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'authinfo' && k !== 'password'));
    calls.push({ func, params: visible });
    let rendered: Rendered;
    let hang = false;
    try {
      if (func === 'auth') {
        rendered = renderDoc(login(params), out);
      } else {
        authorize(params, func, req.socket.remoteAddress ?? '');
        const handled = await handle(func, params, { store, now: now(), account: email, noFunds: current?.kind === 'funds', returnItemId, showCsr: options.showCsr ?? true });
        rendered = handled.kind === 'file' ? { contentType: handled.contentType, body: handled.body } : renderDoc(handled.tree, out);
        // The order is stored and paid; only the answer is lost.
        hang = current?.kind === 'acceptThenTimeout' && func === 'certificate.order.param';
      }
    } catch (e) {
      if (!(e instanceof BillFault)) throw e;
      rendered = renderError({ type: e.type, object: e.object, msg: e.message }, out || 'bjson');
    }
    if (hang) return;
    if (current?.kind === 'truncated') rendered = { ...rendered, body: rendered.body.slice(0, Math.floor(rendered.body.length / 2)) };
    reply(res, 200, rendered);
  }

  function login(p: Params) {
    if (p.username !== email || p.password !== password || fault?.kind === 'auth') throw new BillFault('auth', 'badpassword', 'Invalid username or password');
    const session = randomBytes(12).toString('hex');
    store.sessions.add(session);
    return { auth: session };
  }

  function authorize(p: Params, func: string, ip: string): void {
    // The public price widget reads pricelist.export without any credentials.
    if (func === 'pricelist.export' && !p.authinfo && !p.auth) return;
    const sep = (p.authinfo ?? '').indexOf(':');
    const valid = p.auth ? store.sessions.has(p.auth) : sep > 0 && p.authinfo.slice(0, sep) === email && p.authinfo.slice(sep + 1) === password;
    if (!valid || fault?.kind === 'auth') throw new BillFault('auth', 'badpassword', 'Invalid username or password');
    if (fault?.kind === 'ip' || !allowedIps.includes(ip)) {
      throw new BillFault('access', 'ip', `Access denied: API access for this account is not allowed from IP address ${ip.replace('::ffff:', '')}`);
    }
  }

  const server = createServer((req, res) => {
    requests++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let done = false;
    const finish = () => {
      if (!done) inFlight--;
      done = true;
    };
    res.on('finish', finish);
    res.on('close', finish);
    serve(req, res).catch((e: Error) => {
      if (!res.headersSent) reply(res, 500, { contentType: 'text/plain', body: `fake ispmanager crashed: ${e.stack ?? e.message}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const mustGet = (id: string) => {
    const c = store.get(id);
    if (!c) throw new Error(`fake ispmanager has no certificate ${id}`);
    return c;
  };

  return {
    url: `http://127.0.0.1:${port}/billmgr`,
    credentials: { email, password },
    calls,
    ca,
    setFault: (f) => {
      fault = f;
    },
    setReturnItemId: (on) => {
      returnItemId = on;
    },
    issue(id) {
      const c = mustGet(id);
      const certificatePem = issueLeafCertificate(ca, { csrPem: c.csrPem, dnsNames: [c.commonName, ...c.altNames], issuedAt: now() });
      // The processing module stores the certificate and sets the item's end date to the certificate's.
      Object.assign(c, { serviceStatus: '5', itemStatus: '2', certificatePem, chainPems: [ca.intermediate.certificatePem], expiredate: isoDate(describeCertificate(certificatePem).notAfter), statusMsg: '' });
    },
    reject(id) {
      Object.assign(mustGet(id), { serviceStatus: '6', statusMsg: 'The CA rejected the request: the CAA records of the domain do not allow issuance' });
    },
    expire(id) {
      // Past its end date the billing suspends the item.
      Object.assign(mustGet(id), { expiredate: isoDate(new Date(now().getTime() - 86_400_000)), itemStatus: '3' });
    },
    balance: () => store.balance,
    certificate: (id) => store.get(id),
    orderCount: () => store.count(),
    maxInFlight: () => maxInFlight,
    requestCount: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
