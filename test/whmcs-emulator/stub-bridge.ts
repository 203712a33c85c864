/**
 * A tiny stand-in for the certbridge server used by the emulator tests: it checks every
 * request against the hook protocol (path, timestamp, nonce, HMAC over the exact body bytes —
 * recomputed here independently of server/) and answers with canned replies per hook.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StubRequest {
  name: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  body: { params: Record<string, any>; context: Record<string, any> };
}

export interface StubReply {
  status?: number;
  /** Sent as JSON; ignored when `text` is given. */
  json?: unknown;
  /** Sent verbatim (for non-JSON replies). */
  text?: string;
  /** Wait this long before answering (timeout tests). */
  delayMs?: number;
}

export type StubHandler = (req: StubRequest) => StubReply;

const MAX_SKEW_SECONDS = 300;

export class StubBridge {
  secret: string;
  /** Path prefix the bridge is mounted under, e.g. '/certbridge' ('' = root). */
  pathPrefix = '';
  readonly requests: StubRequest[] = [];
  /** Protocol violations seen; every test expects this to stay empty. */
  readonly rejections: string[] = [];
  private readonly handlers = new Map<string, StubHandler>();
  private fallback: StubHandler = (req) => ({ status: 404, json: { error: { code: 'not_found', message: `stub has no reply for ${req.name}` } } });
  private readonly nonces = new Set<string>();
  private server: Server | undefined;
  port = 0;

  constructor(secret: string) {
    this.secret = secret;
  }

  /** Answers hook `name` with `handler` (or a fixed reply). */
  on(name: string, reply: StubHandler | StubReply): this {
    this.handlers.set(name, typeof reply === 'function' ? reply : () => reply);
    return this;
  }

  /** Answers every hook without its own handler. */
  otherwise(reply: StubHandler | StubReply): this {
    this.fallback = typeof reply === 'function' ? reply : () => reply;
    return this;
  }

  /** Forgets handlers and recorded traffic between tests. */
  reset(secret: string): void {
    this.secret = secret;
    this.pathPrefix = '';
    this.handlers.clear();
    this.requests.length = 0;
    this.rejections.length = 0;
    this.fallback = (req) => ({ status: 404, json: { error: { code: 'not_found', message: `stub has no reply for ${req.name}` } } });
  }

  names(): string[] {
    return this.requests.map((r) => r.name);
  }

  last(name: string): StubRequest {
    const found = [...this.requests].reverse().find((r) => r.name === name);
    if (!found) throw new Error(`stub saw no ${name} request (saw ${this.names().join(', ') || 'nothing'})`);
    return found;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const path = req.url ?? '';
        const problem = this.verify(req.method ?? '', path, req.headers, raw);
        if (problem) {
          this.rejections.push(`${path}: ${problem}`);
          res.writeHead(401, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'unauthorized', message: `stub rejected the request: ${problem}` } }));
          return;
        }
        const name = path.slice(`${this.pathPrefix}/whmcs/v1/hooks/`.length);
        const request: StubRequest = { name, path, headers: req.headers, raw, body: JSON.parse(raw.toString('utf8')) };
        this.requests.push(request);
        const reply = (this.handlers.get(name) ?? this.fallback)(request);
        const send = () => {
          if (res.destroyed) return;
          if (reply.text !== undefined) {
            res.writeHead(reply.status ?? 200, { 'content-type': 'text/plain' });
            res.end(reply.text);
          } else {
            res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
            res.end(JSON.stringify(reply.json ?? { result: null }));
          }
        };
        if (reply.delayMs) setTimeout(send, reply.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** The protocol, checked the way the real server must: returns a problem or null. */
  private verify(method: string, path: string, headers: IncomingHttpHeaders, raw: Buffer): string | null {
    if (method !== 'POST') return `method ${method}`;
    if (!new RegExp(`^${this.pathPrefix}/whmcs/v1/hooks/[A-Za-z]+$`).test(path)) return 'unexpected path';
    if (headers['content-type'] !== 'application/json') return `content-type ${headers['content-type']}`;
    if (headers.accept !== 'application/json') return `accept ${headers.accept}`;
    const timestamp = String(headers['x-certbridge-timestamp'] ?? '');
    const nonce = String(headers['x-certbridge-nonce'] ?? '');
    const signature = String(headers['x-certbridge-signature'] ?? '');
    if (!/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS) return `timestamp ${timestamp}`;
    if (!/^[0-9a-f]{32}$/.test(nonce)) return `nonce ${nonce}`;
    if (this.nonces.has(nonce)) return 'nonce reused';
    this.nonces.add(nonce);
    const expected = expectedSignature(this.secret, path, timestamp, nonce, raw);
    if (signature !== expected) return 'signature mismatch';
    try {
      const body = JSON.parse(raw.toString('utf8'));
      if (!body || typeof body.params !== 'object' || typeof body.context !== 'object') return 'body is not {params, context}';
    } catch {
      return 'body is not JSON';
    }
    return null;
  }
}

/** HMAC-SHA256(secret, "POST\n{path}\n{timestamp}\n{nonce}\n{sha256 hex of body}") as lowercase hex. */
export function expectedSignature(secret: string, path: string, timestamp: string, nonce: string, raw: Buffer): string {
  const bodyHash = createHash('sha256').update(raw).digest('hex');
  return createHmac('sha256', secret).update(`POST\n${path}\n${timestamp}\n${nonce}\n${bodyHash}`).digest('hex');
}
