/**
 * HEXONET's wire format, pure functions only (suppliers.md §1.2–1.3). The client calls
 * encodeCommand/encodeBody to build a request and parseResponse to read the `[RESPONSE]` text;
 * the api layer calls pemToLines/linesToPem for CSRs and certificates, which travel one PEM
 * line per indexed value (CSR0..n out, PROPERTY[CRT][i] back).
 *
 * Errors: none thrown. parseResponse returns { ok: false, problem } for a body that is not a
 * complete HEXONET response; the client decides what that means (always: try again later).
 */

export type CommandValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Command = Record<string, CommandValue>;

/**
 * The `s_command` text: `KEY=VALUE` lines joined with LF, as the vendor SDKs send it. Keys are
 * upper-cased, null/undefined skipped, arrays flattened to KEY0, KEY1, …, and CR/LF removed
 * from values (a newline would start a new parameter on HEXONET's side).
 */
export function encodeCommand(command: Command): string {
  const lines: string[] = [];
  const clean = (v: string | number | boolean) => String(v).replace(/[\r\n]/g, '');
  for (const [rawKey, value] of Object.entries(command)) {
    if (value === null || value === undefined) continue;
    const key = rawKey.toUpperCase();
    if (Array.isArray(value)) value.forEach((v, i) => lines.push(`${key}${i}=${clean(v)}`));
    else lines.push(`${key}=${clean(value as string | number | boolean)}`);
  }
  return lines.join('\n');
}

export interface Session {
  entity: string;
  login: string;
  password: string;
}

/** The form body: system entity, credentials and the command, url-encoded. */
export function encodeBody(session: Session, command: Command): string {
  return new URLSearchParams({ s_entity: session.entity, s_login: session.login, s_pw: session.password, s_command: encodeCommand(command) }).toString();
}

export interface HexonetResponse {
  code: number;
  description: string;
  /** Top-level fields other than CODE/DESCRIPTION (QUEUETIME, RUNTIME …), names upper-cased. */
  fields: Record<string, string>;
  /** PROPERTY[X][i] values by column X (upper-cased), each at its index i. */
  columns: Record<string, string[]>;
}

export type ParseResult = { ok: true; response: HexonetResponse } | { ok: false; problem: 'not_hexonet' | 'truncated' };

// Same rule as the vendor SDKs: the name runs to the first '=', spaces and tabs around '='
// are optional, and the value keeps everything after them except trailing blanks.
const LINE = /^([^=]*[^\t= ])[\t ]*=[\t ]*(.*)$/;
const PROPERTY = /^property\[([^\]]*)\]\[\s*(\d+)\s*\]$/i;

export function parseResponse(text: string): ParseResult {
  const fields: Record<string, string> = {};
  const columns: Record<string, string[]> = {};
  let sawEof = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line === '[RESPONSE]') continue;
    if (line === 'EOF') {
      sawEof = true;
      break;
    }
    const m = LINE.exec(raw);
    if (!m) continue;
    const name = m[1].trim();
    const value = m[2].replace(/[\t ]+$/, '');
    const p = PROPERTY.exec(name);
    if (p) {
      const col = p[1].toUpperCase().replace(/\s/g, '');
      const values = (columns[col] ??= []);
      const index = Number(p[2]);
      // Indexes normally arrive in order; a gap is filled with '' so positions stay aligned.
      while (values.length < index) values.push('');
      values[index] = value;
    } else {
      fields[name.toUpperCase()] = value;
    }
  }
  const code = fields.CODE;
  if (code === undefined || !/^\d{3}$/.test(code) || fields.DESCRIPTION === undefined) {
    // A cut-off answer still starts like one; anything else (an HTML error page) is not ours.
    return { ok: false, problem: /^\s*\[RESPONSE\]/.test(text) ? 'truncated' : 'not_hexonet' };
  }
  // Every HEXONET answer ends with EOF; without it the body was cut off in transit.
  if (!sawEof) return { ok: false, problem: 'truncated' };
  const { CODE: _c, DESCRIPTION: description, ...rest } = fields;
  return { ok: true, response: { code: Number(code), description, fields: rest, columns } };
}

/** Rows as the vendor SDK builds them: row i holds every column that has an index i. */
export function recordsOf(response: HexonetResponse): Record<string, string>[] {
  const cols = Object.entries(response.columns);
  const count = Math.max(0, ...cols.map(([, v]) => v.length));
  return Array.from({ length: count }, (_, i) => Object.fromEntries(cols.filter(([, v]) => i < v.length).map(([k, v]) => [k, v[i]])));
}

/** One PEM line per element, as CSR0..n expects (blank lines dropped, CRLF tolerated). */
export function pemToLines(pem: string): string[] {
  return pem
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Joins per-line PROPERTY values back into PEM text; undefined when the column is empty. */
export function linesToPem(lines: readonly string[] | undefined): string | undefined {
  const kept = (lines ?? []).map((l) => l.trim()).filter((l) => l !== '');
  return kept.length ? `${kept.join('\n')}\n` : undefined;
}
