/**
 * GoGetSSL's transport (REST API v1, suppliers.md §3.1). api.ts is the only caller.
 *
 * Wire rules: POST /auth/ (form user, pass) returns an auth_key; every other call carries
 * `auth_key` in the QUERY string, also on POST, whose body is form-urlencoded. Answers are
 * JSON objects; business errors come as HTTP 200 {"error": true, "message", "description"}.
 * The key is cached and shared by concurrent calls (one login at a time); when GoGetSSL
 * refuses it (HTTP 401/403, or an "auth key expired" answer) the client logs in again once
 * and repeats the call — safe even for writes, because a refused key means nothing ran.
 *
 * Errors (all SupplierError): a body that is not a JSON object → temporary/transient; the
 * rest via map.ts classifyError (auth_failed, ip_not_allowed, insufficient_funds,
 * not_found, invalid_request, temporary). Network failures, timeouts and HTTP 5xx come from
 * HttpTransport as temporary/transient.
 */
import { SupplierError } from '../errors';
import type { HttpReply, HttpTransport } from '../http';
import type { SupplierCallEntry, SupplierCallLog } from '../call-log';
import { classifyError, DISPLAY_NAME, isIpRefusalText, isKeyRefusedText, staffMessage } from './map';

export const SUPPLIER_CODE = 'gogetssl';

export type Json = Record<string, unknown>;

export interface GoGetSslCall {
  method: 'GET' | 'POST';
  /** Path below the API base, e.g. `/orders/status/123`. */
  path: string;
  query?: Record<string, string>;
  form?: Record<string, string>;
  /** Name for the call log. */
  action: string;
}

export interface GoGetSslClientOptions {
  baseUrl: string;
  login: string;
  password: string;
  transport: HttpTransport;
}

export class GoGetSslClient {
  private key: string | undefined;
  private loggingIn: Promise<string> | undefined;
  private readonly baseUrl: string;

  constructor(private readonly o: GoGetSslClientOptions) {
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
  }

  /** One API call with the cached key; one fresh login and repeat if the key is refused. */
  async call(call: GoGetSslCall): Promise<Json> {
    let key = await this.authKey();
    let reply = await this.send(call, key);
    if (keyRefused(reply)) {
      this.forget(key);
      key = await this.authKey();
      reply = await this.send(call, key);
    }
    return readEnvelope(reply);
  }

  /** A fresh login (the connection check): proves the credentials, not just a cached key. */
  async relogin(): Promise<void> {
    this.key = undefined;
    await this.authKey();
  }

  private async authKey(): Promise<string> {
    if (this.key) return this.key;
    // Concurrent callers share one login instead of each starting their own.
    this.loggingIn ??= this.login().finally(() => {
      this.loggingIn = undefined;
    });
    return this.loggingIn;
  }

  /** Drops `key` unless another caller already replaced it (one re-login per expiry). */
  private forget(key: string): void {
    if (this.key === key) this.key = undefined;
  }

  private async login(): Promise<string> {
    const reply = await this.o.transport.send({
      method: 'POST',
      url: `${this.baseUrl}/auth/`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user: this.o.login, pass: this.o.password }).toString(),
      action: 'auth',
      secrets: this.secrets(),
    });
    let body: Json;
    try {
      body = readEnvelope(reply);
    } catch (e) {
      // Whatever the login answer said (other than "try later" or an IP refusal), the
      // credentials were not accepted.
      if (e instanceof SupplierError && (e.kind === 'transient' || e.code === 'ip_not_allowed')) throw e;
      const text = e instanceof SupplierError ? (e.supplierText ?? '') : '';
      throw authFailed(text || `HTTP ${reply.status}`);
    }
    const key = typeof body.key === 'string' ? body.key : '';
    if (!key) throw authFailed('login accepted but no auth key returned');
    this.key = key;
    return key;
  }

  private async send(call: GoGetSslCall, key: string): Promise<HttpReply> {
    const query = new URLSearchParams({ ...call.query, auth_key: key }).toString();
    return this.o.transport.send({
      method: call.method,
      url: `${this.baseUrl}${call.path}?${query}`,
      ...(call.method === 'POST' ? { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(call.form ?? {}).toString() } : {}),
      action: call.action,
      secrets: this.secrets(key),
    });
  }

  /** Every secret in the forms it can take on the wire (raw, %-encoded, form-encoded). */
  private secrets(key?: string): string[] {
    return wireForms([this.o.login, this.o.password, ...(key ? [key] : [])]);
  }
}

export function wireForms(values: string[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    out.add(v);
    out.add(encodeURIComponent(v));
    out.add(new URLSearchParams({ v }).toString().slice(2));
    out.add(JSON.stringify(v).slice(1, -1).replace(/\//g, '\\/'));
  }
  return [...out];
}

/**
 * A call log that also masks auth keys found in answers: the key GoGetSSL returns from
 * /auth/ is unknown until the answer arrives, after the transport built its entry.
 */
export function maskingCallLog(inner: SupplierCallLog): SupplierCallLog {
  return {
    record(entry: SupplierCallEntry) {
      const keys = [...entry.response.matchAll(/"key"\s*:\s*"([^"]+)"/g)].map((m) => m[1]);
      inner.record(keys.length ? { ...entry, secrets: [...entry.secrets, ...wireForms(keys)] } : entry);
    },
  };
}

/** HTTP 401/403 or an expired-key text, but not an IP refusal (a new key cannot fix that). */
function keyRefused(reply: HttpReply): boolean {
  if (isIpRefusalText(reply.text)) return false;
  if (reply.status === 401 || reply.status === 403) return true;
  if (reply.status !== 200) return false;
  const body = tryParse(reply.text);
  return !!body && isErrorFlag(body.error) && isKeyRefusedText(errorText(body));
}

/** The JSON object of an answer, or the SupplierError it stands for. */
export function readEnvelope(reply: HttpReply): Json {
  const body = tryParse(reply.text);
  if (!body) {
    throw new SupplierError(
      SUPPLIER_CODE,
      'temporary',
      'transient',
      `${DISPLAY_NAME} sent an answer certbridge cannot read (HTTP ${reply.status}, ${reply.contentType || 'no content type'}, ${reply.text.length} bytes) — certbridge will try again; if it persists, GoGetSSL's API may be down`,
      reply.text.slice(0, 500),
    );
  }
  if (isErrorFlag(body.error) || reply.status >= 400) {
    const text = errorText(body) || `HTTP ${reply.status}`;
    const c = classifyError(text, reply.status);
    throw new SupplierError(SUPPLIER_CODE, c.code, c.kind, staffMessage(text, c.hint), text);
  }
  return body;
}

function authFailed(text: string): SupplierError {
  const c = classifyError(text, 401);
  return new SupplierError(SUPPLIER_CODE, c.code, c.kind, staffMessage(text, c.hint), text);
}

function tryParse(text: string): Json | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** PHP sends true, 1 or "1"/"true". */
function isErrorFlag(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

/** "message: description", without repeating one inside the other. */
function errorText(body: Json): string {
  const message = typeof body.message === 'string' ? body.message.trim() : '';
  const description = typeof body.description === 'string' ? body.description.trim() : '';
  if (!description || message.includes(description)) return message;
  if (!message || description.includes(message)) return description;
  return `${message}: ${description}`;
}
