// Scratch databases for tests: each test file gets its own database on the private MariaDB
// (scripts/mariadb.sh), loaded with the WHMCS fixture, so files can run in parallel.
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import { loadWhmcsFixture } from '../../db/whmcs/load';

export const TEST_MYSQL_URL = process.env.CERTBRIDGE_TEST_MYSQL_URL ?? 'mysql://certbridge:certbridge@127.0.0.1:3307';

export interface ScratchDatabase {
  name: string;
  /** TEST_MYSQL_URL with this database as its path. */
  url: string;
  /** Drops the database; safe to call more than once. */
  drop(): Promise<void>;
}

export async function createScratchDatabase(opts: { seed?: boolean; label?: string } = {}): Promise<ScratchDatabase> {
  const name = scratchName(opts.label);
  const url = withDatabase(TEST_MYSQL_URL, name);
  const drop = async () => {
    const admin = await mysql.createConnection(TEST_MYSQL_URL);
    try {
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    } finally {
      await admin.end();
    }
  };

  const admin = await mysql.createConnection(TEST_MYSQL_URL);
  try {
    // utf8mb4 default for tables our migrations create; WHMCS's own tables declare utf8 themselves.
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }

  try {
    const conn = await mysql.createConnection({ uri: url, charset: 'utf8mb4_unicode_ci' });
    try {
      await loadWhmcsFixture(conn, { seed: opts.seed ?? true });
    } finally {
      await conn.end();
    }
  } catch (err) {
    await drop().catch(() => undefined); // do not leak half-loaded databases
    throw err;
  }
  return { name, url, drop };
}

// cbtest_<pid>_<label>_<random>; MySQL identifiers are limited to 64 characters.
function scratchName(label: string | undefined): string {
  const safeLabel = (label ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 24);
  const parts = ['cbtest', String(process.pid), safeLabel, randomBytes(4).toString('hex')].filter(Boolean);
  return parts.join('_');
}

function withDatabase(baseUrl: string, database: string): string {
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
