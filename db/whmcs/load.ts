// Loads the WHMCS 8.4.0 fixture (schema.sql, optionally seed.sql) into the database selected on
// an open mysql2 connection. Statements are split here and sent one by one, so the caller's
// connection does not need `multipleStatements` and a failure names the statement that failed.
import { readFile } from 'node:fs/promises';
import type { Connection, ResultSetHeader, RowDataPacket } from 'mysql2/promise';

/** Every table schema.sql creates, in file order. */
export const WHMCS_FIXTURE_TABLES: readonly string[] = Object.freeze([
  'tblproducts',
  'tblproductgroups',
  'tblpricing',
  'tblcurrencies',
  'tblhosting',
  'tblsslorders',
  'tblsslstatus',
  'tblclients',
  'tblcontacts',
  'tbladdonmodules',
  'tblconfiguration',
  'tblmodulelog',
  'tblemailtemplates',
  'tblservers',
  'tblorders',
  'tblproductconfiggroups',
  'tblproductconfigoptions',
  'tblproductconfigoptionssub',
  'tblproductconfiglinks',
  'tblhostingconfigoptions',
  'tblcustomfields',
  'tblcustomfieldsvalues',
  'tblinvoices',
  'tblinvoiceitems',
  'tbldomains',
  'tbladmins',
  'tblservergroups',
  'tblservergroupsrel',
  'tblactivitylog',
]);

/** The mode WHMCS's own dumps load with: zero-date defaults allowed, explicit id 0 kept. */
export const WHMCS_SCHEMA_SQL_MODE = 'NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION';
/** Strict (but zero dates allowed, as on a WHMCS server): proves the seed sets every column. */
export const WHMCS_SEED_SQL_MODE = 'STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO,NO_ENGINE_SUBSTITUTION';

export async function loadWhmcsFixture(connection: Connection, options: { seed: boolean }): Promise<void> {
  await assertUtf8Client(connection);
  const [sessionRows] = await connection.query<RowDataPacket[]>(
    'SELECT @@SESSION.sql_mode AS mode, @@SESSION.time_zone AS tz',
  );
  const originalMode = String(sessionRows[0]?.mode ?? '');
  const originalTimeZone = String(sessionRows[0]?.tz ?? 'SYSTEM');
  try {
    // Seed TIMESTAMPs are UTC wall-clock values, matching db/connection.ts's UTC sessions.
    await connection.query("SET SESSION time_zone = '+00:00'");
    await connection.query('SET SESSION sql_mode = ?', [WHMCS_SCHEMA_SQL_MODE]);
    await runFile(connection, 'schema.sql', { failOnWarnings: false });
    if (options.seed) {
      await connection.query('SET SESSION sql_mode = ?', [WHMCS_SEED_SQL_MODE]);
      // A warning under strict mode means silent truncation or conversion: a broken seed.
      await runFile(connection, 'seed.sql', { failOnWarnings: true });
    }
  } finally {
    await connection.query('SET SESSION sql_mode = ?', [originalMode]);
    await connection.query('SET SESSION time_zone = ?', [originalTimeZone]);
  }
}

async function runFile(connection: Connection, file: string, opts: { failOnWarnings: boolean }): Promise<void> {
  const sql = await readFile(new URL(`./${file}`, import.meta.url), 'utf8');
  for (const statement of splitSqlStatements(sql)) {
    let header: ResultSetHeader;
    try {
      [header] = await connection.query<ResultSetHeader>(statement);
    } catch (err) {
      throw new Error(`WHMCS fixture ${file}: ${(err as Error).message}\nin statement: ${preview(statement)}`, {
        cause: err,
      });
    }
    if (opts.failOnWarnings && header.warningStatus > 0) {
      const [warnings] = await connection.query<RowDataPacket[]>('SHOW WARNINGS');
      const text = warnings.map((w) => `${w.Level} ${w.Code}: ${w.Message}`).join('; ');
      throw new Error(`WHMCS fixture ${file}: statement produced warnings (${text})\nin statement: ${preview(statement)}`);
    }
  }
}

// The seed is UTF-8; a latin1 client connection would turn "Łukasz" into "?ukasz" silently.
async function assertUtf8Client(connection: Connection): Promise<void> {
  const [rows] = await connection.query<RowDataPacket[]>('SELECT @@character_set_client AS cs');
  const cs = String(rows[0]?.cs ?? '');
  if (!cs.startsWith('utf8')) {
    throw new Error(`WHMCS fixture needs a utf8mb4 client connection, got character_set_client=${cs}`);
  }
}

function preview(statement: string): string {
  return statement.length > 300 ? `${statement.slice(0, 300)}…` : statement;
}

/**
 * Splits a MySQL script into statements on `;`, ignoring semicolons inside '…', "…" and `…`
 * (backslash escapes and doubled quotes included) and inside comments. `--`/`#` line comments
 * are dropped; block comments are kept (MySQL runs `/*! … *\/` ones). No DELIMITER support.
 */
export function splitSqlStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  let i = 0;
  const n = sql.length;
  const flush = () => {
    const s = current.trim();
    if (s) statements.push(s);
    current = '';
  };
  while (i < n) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === "'" || ch === '"' || ch === '`') {
      const end = quotedEnd(sql, i, ch);
      current += sql.slice(i, end);
      i = end;
    } else if ((ch === '-' && next === '-' && /[\s]/.test(sql[i + 2] ?? '\n')) || ch === '#') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? n : nl; // keep the newline itself as whitespace
    } else if (ch === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      if (close === -1) throw new Error('unterminated /* comment in SQL script');
      current += sql.slice(i, close + 2);
      i = close + 2;
    } else if (ch === ';') {
      flush();
      i += 1;
    } else {
      current += ch;
      i += 1;
    }
  }
  flush();
  return statements;
}

/** Index just past the closing quote of the quoted run starting at `start`. */
function quotedEnd(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (ch === '\\' && quote !== '`') {
      i += 2;
    } else if (ch === quote) {
      if (sql[i + 1] === quote) i += 2; // '' inside '…'
      else return i + 1;
    } else {
      i += 1;
    }
  }
  throw new Error(`unterminated ${quote} quote in SQL script`);
}
