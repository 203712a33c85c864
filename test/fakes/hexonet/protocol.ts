/**
 * The fake HEXONET server's side of the wire format (suppliers.md §1.2–1.3, §1.13), written
 * independently of server/suppliers/hexonet/wire.ts so a bug there cannot hide itself here.
 * Used by server.ts (decode a request, render a response) and commands.ts (PEM lines).
 *
 * Tolerant the way the real API is: the body is read as a form whatever the Content-Type
 * says (the PHP SDK sends text/html, the Node SDK text/plain), `KEY = VALUE` may carry spaces,
 * `[COMMAND]` / `EOF` framing lines are optional, keys are case-insensitive.
 */

export interface DecodedRequest {
  form: Record<string, string>;
  /** s_command parameters, keys upper-cased. */
  params: Record<string, string>;
  /** The COMMAND parameter as sent (compare case-insensitively). */
  command: string;
}

export function decodeRequest(body: string): DecodedRequest {
  const form: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(body)) form[k.toLowerCase()] = v;
  const params: Record<string, string> = {};
  for (const raw of (form.s_command ?? '').split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || /^\[COMMAND\]$/i.test(line) || /^EOF$/i.test(line)) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    params[line.slice(0, eq).trim().toUpperCase()] = line.slice(eq + 1).trim();
  }
  return { form, params, command: params.COMMAND ?? '' };
}

/** Indexed parameters KEY0, KEY1, … in index order (gaps allowed). */
export function indexed(params: Record<string, string>, key: string): string[] {
  const re = new RegExp(`^${key}(\\d+)$`);
  return Object.entries(params)
    .map(([k, v]) => [re.exec(k)?.[1], v] as const)
    .filter((e): e is readonly [string, string] => e[0] !== undefined)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([, v]) => v);
}

/** PEM sent one line per indexed parameter (CSR0..n); empty lines (a trailing newline) ignored. */
export function pemFrom(params: Record<string, string>, key: string): string | undefined {
  const lines = indexed(params, key).filter((l) => l.trim() !== '');
  return lines.length ? `${lines.join('\n')}\n` : undefined;
}

/** PEM text → one property value per line, as StatusSSLCert returns CRT/CACRT/CSR. */
export function pemLines(pem: string | undefined): string[] {
  return (pem ?? '').split(/\r?\n/).filter((l) => l.trim() !== '');
}

export type Properties = Record<string, Array<string | number>>;

export interface Reply {
  code: number;
  description: string;
  properties?: Properties;
}

/**
 * `[RESPONSE]` text as the real API writes it: CODE and DESCRIPTION first, properties sorted
 * by name, `KEY = VALUE` with spaces (nothing after '=' for an empty value), QUEUETIME and
 * RUNTIME, then EOF.
 */
export function renderReply(reply: Reply): string {
  const lines = ['[RESPONSE]', `CODE = ${reply.code}`, `DESCRIPTION = ${reply.description}`];
  for (const name of Object.keys(reply.properties ?? {}).sort()) {
    reply.properties![name].forEach((v, i) => lines.push(`PROPERTY[${name}][${i}] =${String(v) === '' ? '' : ` ${v}`}`));
  }
  lines.push('QUEUETIME = 0', 'RUNTIME = 0.012', 'EOF', '');
  return lines.join('\n');
}

export const ok = (properties?: Properties): Reply => ({ code: 200, description: 'Command completed successfully', properties });
export const fail = (code: number, description: string): Reply => ({ code, description });
