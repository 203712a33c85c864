/**
 * fetch wrapper for /admin/api/*: JSON in and out, the session as a bearer header, the
 * server's error shape turned into ApiError, a 401 ending the session.
 */
import { ApiError, type ApiErrorCode } from './errors';
import { endSession, session } from './session';

/** '/admin/api/' — derived from Vite's base so the app works under any mount path. */
export const API_BASE = `${import.meta.env.BASE_URL}api/`;

export interface RequestOptions {
  /** Sent as query parameters; undefined and '' values are left out. */
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** The sign-in exchange is the one call made without a session. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (!opts.anonymous) {
    if (!session.value) throw new ApiError('unauthorized', 'You are not signed in to certbridge. Open the certbridge page in WHMCS again.', 401);
    headers.authorization = `Bearer ${session.value.token}`;
  }

  let res: Response;
  try {
    res = await fetch(API_BASE + path + queryString(opts.query), {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      credentials: 'omit',
      cache: 'no-store',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError('network', 'The certbridge server could not be reached. Check your connection and try again; nothing was changed.', 0);
  }

  const text = await res.text();
  let data: unknown = undefined;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    // Handled below: a non-JSON reply (e.g. a proxy's error page) is reported as such.
  }
  if (res.ok) {
    if (data === undefined) throw new ApiError('bad_reply', `The certbridge server answered ${path} without data (HTTP ${res.status}).`, res.status);
    return data as T;
  }
  const err = errorOf(data);
  if (res.status === 401 && !opts.anonymous) endSession();
  if (err) throw new ApiError(err.code, err.message, res.status, err.field);
  throw new ApiError(res.status === 401 ? 'unauthorized' : 'bad_reply', `The certbridge server answered HTTP ${res.status} with no explanation.`, res.status);
}

function errorOf(data: unknown): { code: ApiErrorCode; message: string; field?: string } | null {
  if (!data || typeof data !== 'object' || !('error' in data)) return null;
  const e = (data as { error: unknown }).error;
  if (!e || typeof e !== 'object') return null;
  const { code, message, field } = e as Record<string, unknown>;
  if (typeof message !== 'string' || !message) return null;
  return { code: (typeof code === 'string' ? code : 'internal') as ApiErrorCode, message, field: typeof field === 'string' ? field : undefined };
}

function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/**
 * POSTs and reads an NDJSON answer line by line (the apply endpoints' progress format,
 * api-types.ts): each `{progress}` goes to onProgress, `{result}` is returned, `{error}` is
 * thrown as ApiError. A reply that is ordinary JSON (an error found before work started) is
 * handled like request() does.
 */
export async function requestStream<T, P>(path: string, body: unknown, onProgress: (p: P) => void): Promise<T> {
  if (!session.value) throw new ApiError('unauthorized', 'You are not signed in to certbridge. Open the certbridge page in WHMCS again.', 401);
  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method: 'POST',
      headers: { accept: 'application/x-ndjson', 'content-type': 'application/json', authorization: `Bearer ${session.value.token}` },
      body: JSON.stringify(body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('network', 'The certbridge server could not be reached. Check your connection and try again; nothing was changed.', 0);
  }
  if (!res.ok || !(res.headers.get('content-type') ?? '').includes('application/x-ndjson') || !res.body) {
    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      data = undefined;
    }
    const err = errorOf(data);
    if (res.status === 401) endSession();
    if (err) throw new ApiError(err.code, err.message, res.status, err.field);
    if (res.ok && data !== undefined) return data as T;
    throw new ApiError('bad_reply', `The certbridge server answered HTTP ${res.status} with no explanation.`, res.status);
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl).trim();
      buffered = buffered.slice(nl + 1);
      if (!line) continue;
      const msg = JSON.parse(line) as { progress?: P; result?: T };
      if (msg.progress) onProgress(msg.progress);
      else if (msg.result !== undefined) return msg.result;
      else {
        const err = errorOf(msg);
        throw new ApiError(err?.code ?? 'bad_reply', err?.message ?? 'The certbridge server sent an answer the app does not understand.', 200, err?.field);
      }
    }
    if (done) throw new ApiError('bad_reply', 'The connection ended before the server said whether the apply was saved. Reload the products to see their prices.', 200);
  }
}
