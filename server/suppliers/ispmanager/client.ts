/**
 * The ispmanager transport: every call is a form POST to /billmgr carrying func=…,
 * out=bjson, lang=en and authinfo=EMAIL:PASSWORD (stateless auth, so nothing expires between
 * calls), sent through HttpTransport (timeout, concurrency cap, masked call log). api.ts is
 * the only caller.
 *
 * Errors (all SupplierError): network failure, timeout or HTTP 5xx → temporary/transient
 * (from HttpTransport); a body that is not BILLmanager JSON (HTML page, truncated text) →
 * temporary/transient; a top-level `error` object → whatever map.ts says for its type
 * (auth, IP, funds, not found, invalid value …); other HTTP 4xx → the endpoint is wrong.
 */
import { SupplierError } from '../errors';
import type { HttpTransport } from '../http';
import { parseEnvelope, UnreadableBody, type BillDoc } from './envelope';
import { CODE, DISPLAY_NAME } from './identity';
import { supplierError } from './map';

export type Params = Record<string, string | undefined>;

export interface IspmanagerClientOptions {
  /** Full URL of the billing API, e.g. https://api-eu.ispmanager.com/billmgr */
  baseUrl: string;
  email: string;
  password: string;
  transport: HttpTransport;
  /** When set, every call fails with this reason instead of reaching ispmanager. */
  refuse?: string;
}

export class IspmanagerClient {
  private readonly secrets: string[];

  constructor(private readonly o: IspmanagerClientOptions) {
    const authinfo = `${o.email}:${o.password}`;
    // The password travels form-encoded; mask it in every spelling the log could show.
    this.secrets = [...new Set([o.password, authinfo].flatMap((s) => [s, encodeURIComponent(s), formEncode(s)]))];
  }

  get endpoint(): string {
    return this.o.baseUrl;
  }

  get account(): string {
    return this.o.email;
  }

  /** Calls a function whose answer is a BILLmanager document. */
  async call(func: string, params: Params = {}): Promise<BillDoc> {
    const body = await this.send(func, params);
    return this.read(body);
  }

  /**
   * Calls a function that answers with a file (certificate.file): the file text on success,
   * the usual error document on failure.
   */
  async file(func: string, params: Params = {}): Promise<string> {
    const body = await this.send(func, params);
    const start = body.trimStart();
    if (start.startsWith('{') || start.startsWith('<')) {
      this.read(body); // throws the mapped error, or says the body is unreadable
      throw new SupplierError(CODE, 'temporary', 'transient', `${DISPLAY_NAME} answered ${func} with a document instead of the file; will retry`, body.slice(0, 300));
    }
    if (start.startsWith('PK\u0003\u0004')) {
      throw new SupplierError(CODE, 'unsupported', 'permanent', `${DISPLAY_NAME} sent the certificate as a ZIP archive, which certbridge cannot unpack yet — download it from the ispmanager panel and upload it to the order`, 'ZIP archive');
    }
    return body;
  }

  private async send(func: string, params: Params): Promise<string> {
    if (this.o.refuse) throw new SupplierError(CODE, 'unsupported', 'permanent', this.o.refuse);
    const form = new URLSearchParams({ authinfo: `${this.o.email}:${this.o.password}`, out: 'bjson', lang: 'en', func });
    for (const [k, v] of Object.entries(params)) if (v !== undefined) form.set(k, v);
    const reply = await this.o.transport.send({
      method: 'POST',
      url: this.o.baseUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: form.toString(),
      action: func,
      secrets: this.secrets,
    });
    if (reply.status === 401 || reply.status === 403) {
      throw new SupplierError(CODE, 'auth_failed', 'permanent', `${DISPLAY_NAME} refused access (HTTP ${reply.status}) — check the API address and the account's e-mail and password`, reply.text.slice(0, 300));
    }
    if (reply.status === 429) {
      throw new SupplierError(CODE, 'temporary', 'transient', `${DISPLAY_NAME} asked certbridge to slow down (HTTP 429); will retry`, reply.text.slice(0, 300));
    }
    if (reply.status >= 400) {
      throw new SupplierError(CODE, 'invalid_request', 'permanent', `${DISPLAY_NAME} answered HTTP ${reply.status} at ${this.o.baseUrl} — check the API address in the ispmanager settings`, reply.text.slice(0, 300));
    }
    return reply.text;
  }

  private read(body: string): BillDoc {
    try {
      const env = parseEnvelope(body);
      if (!env.ok) throw supplierError(env.error);
      return env.doc;
    } catch (e) {
      if (e instanceof UnreadableBody) {
        throw new SupplierError(CODE, 'temporary', 'transient', `${DISPLAY_NAME} sent an answer certbridge could not read (not BILLmanager JSON, or cut short); will retry`, e.excerpt);
      }
      throw e;
    }
  }
}

function formEncode(s: string): string {
  return new URLSearchParams({ x: s }).toString().slice(2);
}
