/**
 * The HTTP transport every supplier client uses: undici with a per-request timeout, the
 * supplier's concurrency cap, a call-log entry per request (secrets masked), and network
 * failures turned into transient SupplierErrors ("HEXONET did not answer within 30 s").
 * Clients add their own encoding, auth and error mapping on top.
 */
import { request } from 'undici';
import { SupplierError } from './errors';
import type { Limiter } from './limiter';
import type { SupplierCallLog } from './call-log';

export interface HttpCall {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** Short name for logs, e.g. the remote command. */
  action: string;
  /** Values to mask in the call log. */
  secrets: string[];
}

export interface HttpReply {
  status: number;
  contentType: string;
  text: string;
}

export interface HttpTransportOptions {
  supplier: string;
  displayName: string;
  limiter: Limiter;
  callLog: SupplierCallLog;
  timeoutMs: number;
}

export class HttpTransport {
  constructor(private readonly o: HttpTransportOptions) {}

  async send(call: HttpCall): Promise<HttpReply> {
    return this.o.limiter.run(async () => {
      let reply: HttpReply;
      try {
        const res = await request(call.url, {
          method: call.method,
          headers: call.headers,
          body: call.body,
          headersTimeout: this.o.timeoutMs,
          bodyTimeout: this.o.timeoutMs,
          // undici's own timers are coarse (about a second); the signal makes the limit exact.
          signal: AbortSignal.timeout(this.o.timeoutMs),
        });
        reply = { status: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), text: await res.body.text() };
      } catch (e) {
        const err = e as { code?: string; message?: string; name?: string };
        const timedOut = /TIMEOUT/i.test(err.code ?? '') || err.name === 'TimeoutError' || err.name === 'AbortError';
        const message = timedOut
          ? `${this.o.displayName} did not answer within ${this.o.timeoutMs >= 1000 ? `${Math.round(this.o.timeoutMs / 1000)} s` : `${this.o.timeoutMs} ms`}`
          : `${this.o.displayName} could not be reached (${err.code ?? err.message ?? 'network error'})`;
        this.o.callLog.record({ supplier: this.o.supplier, action: call.action, request: describe(call), response: message, secrets: call.secrets });
        throw new SupplierError(this.o.supplier, 'temporary', 'transient', message);
      }
      this.o.callLog.record({ supplier: this.o.supplier, action: call.action, request: describe(call), response: `HTTP ${reply.status}\n${reply.text}`, secrets: call.secrets });
      if (reply.status >= 500) {
        throw new SupplierError(this.o.supplier, 'temporary', 'transient', `${this.o.displayName} answered HTTP ${reply.status}; will retry`, reply.text.slice(0, 500));
      }
      return reply;
    });
  }
}

function describe(call: HttpCall): string {
  return `${call.method} ${call.url}${call.body ? `\n${call.body}` : ''}`;
}
