/**
 * Set-based writes for product-writer.ts: multi-row INSERTs and id-keyed batched UPDATEs
 * (UPDATE … JOIN (SELECT … UNION ALL SELECT …)), chunked so no statement grows past a few
 * hundred KB. Portable across MariaDB and MySQL 5.7/8 (no VALUES ROW / table value
 * constructors). Also reads which NOT NULL columns a WHMCS table has without a default, so
 * rows written into newer WHMCS schemas still name every such column (strict mode).
 * Errors are database errors and abort the caller's transaction.
 */
import mysql from 'mysql2';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/connection';
import { formatCents } from './money';

/** A decimal written as a bare SQL numeric literal (no string → DECIMAL conversion per value). */
export class Dec {
  private constructor(readonly text: string) {}

  static of(text: string): Dec {
    if (!/^-?\d{1,15}(\.\d{1,4})?$/.test(text)) throw new RangeError(`"${text}" is not a decimal literal`);
    return new Dec(text);
  }

  /** From integer cents: always a valid literal, so no check (thousands per apply). */
  static cents(cents: number): Dec {
    return new Dec(formatCents(cents));
  }
}
export const dec = (text: string) => Dec.of(text);

export type Cell = string | number | null | Dec;
export type RowValues = Record<string, Cell>;

const chunks = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * Literal SQL for a value, escaped by mysql2 exactly as it escapes `?` parameters. Large
 * batches are built as text because compiling tens of thousands of bound parameters through
 * Kysely's template builder costs more than the database needs to store the rows.
 */
const lit = (v: Cell): string => (v instanceof Dec ? v.text : mysql.escape(v));
const id = (name: string): string => mysql.escapeId(name);

/** Multi-row INSERT of value tuples in `columns` order; returns each chunk's first insert id. */
export async function insertTuples(trx: Transaction<Database>, table: string, columns: string[], tuples: Cell[][], chunkSize = 1000): Promise<number[]> {
  const head = `INSERT INTO ${id(table)} (${columns.map(id).join(', ')}) VALUES `;
  const firstIds: number[] = [];
  for (const part of chunks(tuples, chunkSize)) {
    let values = '';
    for (const t of part) {
      let row = '';
      for (const v of t) row += (row ? ', ' : '') + lit(v);
      values += (values ? ', (' : '(') + row + ')';
    }
    const res = await sql.raw(head + values).execute(trx);
    firstIds.push(Number(res.insertId ?? 0));
  }
  return firstIds;
}

/** Multi-row INSERT of rows that all have the same columns; returns each chunk's first insert id. */
export async function insertRows(trx: Transaction<Database>, table: string, rows: RowValues[], chunkSize = 1000): Promise<number[]> {
  if (!rows.length) return [];
  const columns = Object.keys(rows[0]);
  return insertTuples(trx, table, columns, rows.map((r) => columns.map((c) => r[c])), chunkSize);
}

/**
 * Sets `columns` of each row found by id, many rows per statement. `casts` gives a SQL type
 * per column (e.g. DECIMAL(16,2)) so the derived table's columns have the target's type.
 */
export async function updateRowsById(
  trx: Transaction<Database>,
  table: string,
  rows: ({ id: number } & RowValues)[],
  columns: string[],
  casts: Record<string, string> = {},
  chunkSize = 1000,
): Promise<void> {
  if (!rows.length) return;
  const expr = (c: string, v: Cell) => (casts[c] ? `CAST(${lit(v)} AS ${casts[c]})` : lit(v));
  const sets = columns.map((c) => `t.${id(c)} = v.${id(c)}`).join(', ');
  for (const part of chunks(rows, chunkSize)) {
    const selects = part.map((r, i) =>
      i === 0 ? `SELECT ${lit(r.id)} AS id, ${columns.map((c) => `${expr(c, r[c])} AS ${id(c)}`).join(', ')}` : `SELECT ${lit(r.id)}, ${columns.map((c) => expr(c, r[c])).join(', ')}`,
    );
    await sql.raw(`UPDATE ${id(table)} AS t JOIN (${selects.join(' UNION ALL ')}) AS v ON t.id = v.id SET ${sets}`).execute(trx);
  }
}

/** UPDATE table SET … WHERE id IN (…) for one set of values shared by many rows. */
export async function updateWhereIdIn(trx: Transaction<Database>, table: string, ids: number[], values: RowValues, chunkSize = 1000): Promise<void> {
  const sets = Object.entries(values).map(([c, v]) => `${id(c)} = ${lit(v)}`).join(', ');
  for (const part of chunks(ids, chunkSize)) {
    await sql.raw(`UPDATE ${id(table)} SET ${sets} WHERE id IN (${part.map(lit).join(', ')})`).execute(trx);
  }
}

/**
 * NOT NULL columns without a default that `known` does not name (columns later WHMCS
 * versions added, e.g. tblproducts.color/tagline/short_description in 8.5+), with a neutral
 * value: '' for text, 0 for numbers. Empty on the 8.4 schema.
 */
export async function missingRequiredColumns(trx: Transaction<Database>, table: string, known: string[]): Promise<RowValues> {
  const res = await sql<{ name: string; type: string }>`
    SELECT COLUMN_NAME AS name, DATA_TYPE AS type FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${table} AND IS_NULLABLE = 'NO'
      AND COLUMN_DEFAULT IS NULL AND EXTRA NOT LIKE '%auto_increment%'`.execute(trx);
  const have = new Set(known.map((k) => k.toLowerCase()));
  const out: RowValues = {};
  for (const { name, type } of res.rows) {
    if (have.has(name.toLowerCase())) continue;
    out[name] = /int|decimal|float|double|bit/i.test(type) ? 0 : '';
  }
  return out;
}
