/**
 * Opens the WHMCS database through mysql2 and Kysely. One pool per process.
 * Sessions run in UTC and utf8mb4; dates come back as strings and decimals as strings so
 * nothing is silently rounded or shifted by the Node process's time zone.
 */
import { createPool, format, type Pool } from 'mysql2';
import { Kysely, MysqlDialect } from 'kysely';
import type { WhmcsDatabase } from './whmcs/types';
import type { CertbridgeTables } from './certbridge-types';

export type Database = WhmcsDatabase & CertbridgeTables;

export interface DbHandle {
  db: Kysely<Database>;
  pool: Pool;
  close(): Promise<void>;
}

export interface OpenOptions {
  connectionLimit?: number;
  /** Forces the session sql_mode (tests prove our writes work under strict and non-strict modes). */
  sqlMode?: string;
}

export function openDatabase(url: string, options: OpenOptions = {}): DbHandle {
  const pool = createPool({
    uri: url,
    connectionLimit: options.connectionLimit ?? 10,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    dateStrings: true,
    decimalNumbers: false,
    supportBigNumbers: true,
    bigNumberStrings: false,
    connectTimeout: 10_000,
    enableKeepAlive: true,
    // mysql2 scans every statement for '?' placeholders even when it has no parameters; the
    // import writer (server/catalog/sql-batch.ts) sends statements of several hundred KB of
    // literals, so skip the scan then. With parameters this is mysql2's own formatting.
    queryFormat: (sql: string, values: unknown, timezone?: string) =>
      (Array.isArray(values) && values.length === 0 ? sql : format(sql, values as never, false, (timezone ?? 'Z') as never)) as never,
  });
  pool.on('connection', (conn) => {
    conn.query("SET time_zone = '+00:00'");
    if (options.sqlMode !== undefined) conn.query('SET SESSION sql_mode = ?', [options.sqlMode]);
  });
  const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
  return {
    db,
    pool,
    close: async () => {
      await db.destroy();
    },
  };
}
