/**
 * A protocol-faithful fake of Enom's reseller API for tests: node:http on 127.0.0.1 (port 0),
 * `GET|POST /interface.asp` with case-insensitive parameter names, always HTTP 200 with an
 * `<interface-response>` XML envelope (errors as ErrCount + `<errors><ErrN>`), Enom's
 * quirks (varying node case, True/False, "5,000.00" amounts, PEM in indented CDATA), one
 * account (uid/pw, IP allow-list, balance) and a real CA: `issue` signs a leaf for the CSR's
 * key with the sandbox CA and serves the intermediate in CACerts.
 *
 * Faults (FakeControl): latency, http5xx, timeout (never answers), truncated, malformed (Enom's
 * plain-text format instead of XML), auth ("Bad User name or Password"), ip ("User not
 * permitted from this IP address …"), funds (InsertNewOrder refused), acceptThenTimeout
 * (InsertNewOrder stores the order, then never answers; other commands answer).
 *
 * Used by the Enom contract and adapter tests. `startFakeEnom` rejects only if the server
 * cannot listen.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parseCsr } from '../../../server/crypto/csr';
import { createSandboxCa, issueLeafCertificate, type SandboxCaMaterial } from '../../../server/suppliers/sandbox/ca';
import type { Fault, FakeControl } from '../fake-control';
import { runCommand, type Params } from './commands';
import { FakeEnomStore, type FakeCert } from './store';
import { envelope } from './xml';

export interface FakeEnomOptions {
  uid?: string;
  pw?: string;
  /** Caller addresses allowed to use the API (Enom's per-account IP list). */
  allowedIps?: string[];
  /** Starting balance in USD (Enom's test accounts get $5,000). */
  balance?: number;
  now?: () => Date;
}

export interface FakeEnom extends FakeControl {
  readonly store: FakeEnomStore;
  /** Every command received, parameter names lower-cased (pw included: the fake is the supplier). */
  readonly received: Array<{ command: string; params: Params }>;
  /** Hide new certificate rows from CertGetCerts for this many listings (Enom's lag). */
  setListingLag(listings: number): void;
  cert(certId: string | number): FakeCert | undefined;
  caCertificates(): SandboxCaMaterial;
}

export async function startFakeEnom(options: FakeEnomOptions = {}): Promise<FakeEnom> {
  const uid = options.uid ?? 'resellid';
  const pw = options.pw ?? 'T0ken+With/Odd&Chars=1';
  const allowed = new Set(options.allowedIps ?? ['127.0.0.1', '::1', '::ffff:127.0.0.1']);
  const now = options.now ?? (() => new Date());
  const store = new FakeEnomStore(options.balance ?? 5000);
  const ca = await fakeCa();
  const received: FakeEnom['received'] = [];
  let fault: Fault | null = null;
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let seq = 0;
  let lagListings = 0;
  let lagFromCertId = Number.POSITIVE_INFINITY;
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const reply = (res: ServerResponse, body: string, status = 200, type = 'text/xml; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'private' });
    res.end(body);
  };
  const hang = (res: ServerResponse): void => {
    hanging.add(res);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    if (url.pathname.toLowerCase() !== '/interface.asp') return reply(res, '<html><body>404 - File or directory not found.</body></html>', 404, 'text/html');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const params: Params = new Map();
    for (const source of [url.searchParams, new URLSearchParams(Buffer.concat(chunks).toString('utf8'))]) for (const [k, v] of source) params.set(k.toLowerCase(), v);
    const command = params.get('command') ?? '';
    received.push({ command, params });

    const f = fault;
    if (f?.kind === 'latency') await new Promise((r) => setTimeout(r, f.ms));
    if (f?.kind === 'timeout') return hang(res);
    if (f?.kind === 'http5xx') return reply(res, '<html><head><title>Service Unavailable</title></head><body><h2>Service Unavailable</h2></body></html>', 503, 'text/html');
    if (f?.kind === 'malformed') return reply(res, ';URL Interface\r\n;Machine is FAKEVWAPI01\r\nCommand=' + command.toUpperCase() + '\r\nErrCount=0\r\nDone=true\r\n', 200, 'text/plain');

    const ip = req.socket.remoteAddress ?? '';
    const at = now();
    const answer = (result: { payload?: string; errors?: string[]; responseNumbers?: Array<{ number: string; text: string }> }) => envelope({ command, ...result, seq: ++seq, now: at });
    let body: string;
    if (f?.kind === 'ip' || !allowed.has(ip)) {
      body = answer({ errors: [`User not permitted from this IP address ${ip.replace(/^::ffff:/, '')}`] });
    } else if (f?.kind === 'auth' || params.get('uid') !== uid || params.get('pw') !== pw) {
      body = answer({ errors: ['Bad User name or Password'], responseNumbers: [{ number: '304155', text: 'Invalid login ID or password' }] });
    } else {
      const result = runCommand(command, params, { store, now: at, noFunds: f?.kind === 'funds' });
      if (command.toLowerCase() === 'certgetcerts' && lagListings > 0 && result.payload) {
        lagListings--;
        result.payload = hideNewRows(result.payload, lagFromCertId);
      }
      if (result.ordered && f?.kind === 'acceptThenTimeout') return hang(res);
      body = answer(result);
    }
    if (f?.kind === 'truncated') return reply(res, body.slice(0, Math.floor(body.length / 2)));
    reply(res, body);
  }

  const server = createServer((req, res) => {
    requests++;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
      hanging.delete(res);
    });
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) reply(res, `<html><body>${String(e)}</body></html>`, 500, 'text/html');
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const certOf = (id: string | number): FakeCert => {
    const c = store.certs.get(Number(id));
    if (!c) throw new Error(`fake Enom has no certificate ${id}`);
    return c;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    credentials: { uid, pw },
    store,
    received,
    setFault: (next) => {
      fault = next;
    },
    setListingLag(listings) {
      lagListings = listings;
      lagFromCertId = Math.max(0, ...[...store.certs.keys()]) + 1;
    },
    cert: (id) => store.certs.get(Number(id)),
    caCertificates: () => ca,
    issue(id) {
      const c = certOf(id);
      if (!c.csr) throw new Error(`fake Enom certificate ${id} was never configured`);
      const csrPem = c.reissueCsr ?? c.csr;
      c.certificatePem = issueLeafCertificate(ca, { csrPem, dnsNames: parseCsr(csrPem).dnsNames, issuedAt: now() });
      c.caCertsPem = ca.intermediate.certificatePem;
      c.csr = csrPem;
      c.reissueCsr = undefined;
      c.reissueStatus = '';
      c.statusId = 4;
    },
    reject(id) {
      certOf(id).statusId = 6;
    },
    expire(id) {
      const c = certOf(id);
      c.expirationDate = new Date(now().getTime() - 86_400_000);
      c.isExpired = true;
    },
    orderCount: () => store.orders.size,
    maxInFlight: () => maxInFlight,
    requestCount: () => requests,
    async close() {
      for (const res of hanging) res.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let sharedCa: Promise<SandboxCaMaterial> | undefined;

/** One CA per test process: generating its RSA key is the slowest part of starting a fake. */
function fakeCa(): Promise<SandboxCaMaterial> {
  sharedCa ??= createSandboxCa({ name: 'Fake Enom Test' });
  return sharedCa;
}

/** Drops <Cert> rows with CertID ≥ `fromId` (a listing that lags behind new orders). */
function hideNewRows(payload: string, fromId: number): string {
  return payload.replace(/<Cert>[\s\S]*?<\/Cert>/g, (row) => {
    const id = Number(/<CertID>(\d+)<\/CertID>/.exec(row)?.[1]);
    return id >= fromId ? '' : row;
  });
}
