/**
 * Fingerprints of the WHMCS tables the import writes (CHECKSUM TABLE + row counts), to prove
 * that a refused or failed apply left WHMCS exactly as it was.
 */
import type mysql from 'mysql2/promise';

export const IMPORT_TABLES = [
  'tblproductgroups',
  'tblproducts',
  'tblpricing',
  'tblproductconfiggroups',
  'tblproductconfigoptions',
  'tblproductconfigoptionssub',
  'tblproductconfiglinks',
] as const;

export async function snapshot(conn: mysql.Connection): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of IMPORT_TABLES) {
    const [[sum]] = (await conn.query(`CHECKSUM TABLE ${table}`)) as any;
    const [[count]] = (await conn.query(`SELECT COUNT(*) AS n FROM ${table}`)) as any;
    out[table] = `${count.n} rows, checksum ${sum.Checksum}`;
  }
  return out;
}

export async function rowCounts(conn: mysql.Connection): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of IMPORT_TABLES) {
    const [[count]] = (await conn.query(`SELECT COUNT(*) AS n FROM ${table}`)) as any;
    out[table] = Number(count.n);
  }
  return out;
}
