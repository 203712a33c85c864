/**
 * A protocol-faithful fake of HEXONET's ISPAPI (suppliers.md §1.13, §6.5) for the contract suite,
 * the adapter tests and the vendor-client check: `POST /api/call.cgi` on 127.0.0.1 with a form
 * body (read as a form whatever the Content-Type), `[RESPONSE]` text back with HTTP 200 even for
 * errors, an in-memory account and certificate store, and injectable faults.
 *
 * startFakeHexonet never throws after the CA is created; a request the fake cannot serve gets
 * a HEXONET error code, and a bug in a handler is answered 421 (the API's own "try again").
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxCa } from '../../../server/suppliers/sandbox/ca';
import type { Fault, FakeControl } from '../fake-control';
import { COMMANDS, ORDERING } from './commands';
import { expireCert, issueCert, rejectCert } from './lifecycle';
import { decodeRequest, fail, renderReply, type Reply } from './protocol';
import { DEFAULT_PRICES, DEFAULT_RATES, type Cert, type ClassPrice, type Store } from './store';

export interface FakeHexonetOptions {
  login?: string;
  password?: string;
  /** System entity the fake plays: 1234 (OT&E, default) or 54cd (live). */
  entity?: string;
  allowedIps?: string[];
  accountCurrency?: string;
  balance?: number;
  credit?: number;
  prices?: Record<string, ClassPrice>;
  rates?: Record<string, Array<[string, number]>>;
  otherRelations?: Array<[string, string]>;
  /** Issue automatically on the Nth StatusSSLCert of a pending object. */
  autoIssueAfterPolls?: number;
}

export interface RecordedExchange {
  method: string;
  path: string;
  contentType: string;
  form: Record<string, string>;
  params: Record<string, string>;
  /** The exact response text sent (undefined while or when never answered). */
  responseText?: string;
}

export interface FakeHexonet extends FakeControl {
  readonly store: Store;
  readonly exchanges: RecordedExchange[];
  cert(id: string): Cert | undefined;
  balance(): number;
}

const MALFORMED = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>\n';

export async function startFakeHexonet(options: FakeHexonetOptions = {}): Promise<FakeHexonet> {
  const store: Store = {
    account: {
      login: options.login ?? 'certbridge-ote',
      // Characters that need url-encoding, to prove masking covers the encoded form too.
      password: options.password ?? 'S3cr3t pw&=+ü!',
      entity: options.entity ?? '1234',
      currency: options.accountCurrency ?? 'EUR',
      balance: options.balance ?? 2500,
      credit: options.credit ?? 0,
      prices: structuredClone(options.prices ?? DEFAULT_PRICES),
      rates: structuredClone(options.rates ?? DEFAULT_RATES),
      otherRelations: options.otherRelations ?? [
        ['PRICE_CLASS_DOMAIN_COM_ANNUAL', '8.50'],
        ['PRICE_CLASS_DOMAIN_COM_CURRENCY', 'USD'],
        ['PRICE_CLASS_SSLCERT_FANCYCA_NEWPRODUCT_ANNUAL', '5.00'],
        ['PRICE_CLASS_SSLCERT_FANCYCA_NEWPRODUCT_CURRENCY', 'EUR'],
      ],
    },
    certs: new Map(),
    sessions: new Set(),
    nextId: 3_029_900_396,
    ca: await createSandboxCa({ name: 'Fake HEXONET Test' }),
    autoIssueAfterPolls: options.autoIssueAfterPolls,
  };
  const allowedIps = options.allowedIps ?? ['127.0.0.1', '::1'];
  const exchanges: RecordedExchange[] = [];
  let fault: Fault | null = null;
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let orders = 0;

  const send = (res: ServerResponse, ex: RecordedExchange, text: string) => {
    ex.responseText = text;
    res.writeHead(200, { 'content-type': 'text/plain; charset=UTF-8' });
    res.end(text);
  };

  const authenticate = (req: IncomingMessage, form: Record<string, string>): Reply | undefined => {
    const ip = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
    if (fault?.kind === 'ip' || !allowedIps.includes(ip)) {
      return fail(531, `Authorization failed; Access denied from IP address ${ip} (IP filter active for this account)`);
    }
    if (fault?.kind === 'auth') return fail(530, 'Authentication failed');
    if ((form.s_entity ?? '54cd') !== store.account.entity) return fail(530, 'Authentication failed');
    if (form.s_session && store.sessions.has(form.s_session)) return undefined;
    if (form.s_session) return fail(530, 'SESSION NOT FOUND');
    if (form.s_login !== store.account.login || form.s_pw !== store.account.password) return fail(530, 'Authentication failed');
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    requests++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const decoded = decodeRequest(Buffer.concat(chunks).toString('utf8'));
    const ex: RecordedExchange = { method: req.method ?? '', path: req.url ?? '', contentType: String(req.headers['content-type'] ?? ''), form: decoded.form, params: decoded.params };
    exchanges.push(ex);
    const f = fault;

    if (f?.kind === 'latency') await new Promise((r) => setTimeout(r, f.ms));
    if (f?.kind === 'timeout') return; // never answers
    if (req.method !== 'POST' || !/^\/api\/call\.cgi(\?|$)/.test(req.url ?? '')) {
      res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not Found</body></html>');
      return;
    }
    if (f?.kind === 'http5xx') {
      res.writeHead(503, { 'content-type': 'text/html' }).end('<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>');
      return;
    }
    if (f?.kind === 'malformed') return send(res, ex, MALFORMED);

    const name = decoded.command.toLowerCase();
    let reply = authenticate(req, decoded.form);
    if (!reply) {
      const handler = COMMANDS[name];
      if (!handler) reply = fail(500, 'Invalid command name');
      else {
        try {
          const before = store.certs.size;
          reply = handler(decoded.params, store, { funds: f?.kind === 'funds' && ORDERING.has(name) });
          orders += store.certs.size - before;
        } catch (e) {
          reply = fail(421, `Command failed due to server error. Client should try again (${(e as Error).message})`);
        }
      }
    }
    if (f?.kind === 'acceptThenTimeout') return; // the work is done, the answer never comes
    const text = renderReply(reply);
    if (f?.kind === 'truncated') return send(res, ex, text.slice(0, Math.floor(text.length / 2)));
    send(res, ex, text);
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const certOrThrow = (id: string): Cert => {
    const c = store.certs.get(id);
    if (!c) throw new Error(`fake HEXONET has no certificate ${id}`);
    return c;
  };

  return {
    url: `http://127.0.0.1:${port}/api/call.cgi`,
    credentials: { login: store.account.login, password: store.account.password },
    store,
    exchanges,
    setFault: (next) => {
      fault = next;
    },
    issue: (id) => issueCert(store, certOrThrow(id)),
    reject: (id) => rejectCert(certOrThrow(id)),
    expire: (id) => expireCert(store, certOrThrow(id)),
    orderCount: () => orders,
    maxInFlight: () => maxInFlight,
    requestCount: () => requests,
    cert: (id) => store.certs.get(id),
    balance: () => store.account.balance,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
