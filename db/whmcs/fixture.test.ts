// Checks that the WHMCS fixture behaves like a real WHMCS 8.4.0 database where it matters to
// certbridge: strict vs non-strict inserts, zero dates, utf8 text, and a consistent seed.
import { readFile } from 'node:fs/promises';
import mysql, { type Connection, type ResultSetHeader, type RowDataPacket } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScratchDatabase, type ScratchDatabase } from '../../test/support/mysql';
import { loadWhmcsFixture, splitSqlStatements, WHMCS_FIXTURE_TABLES } from './load';
import { WHMCS_MYSQL2_TYPE_OPTIONS } from './types';

const connect = (url: string, extra: mysql.ConnectionOptions = {}) =>
  mysql.createConnection({ uri: url, ...WHMCS_MYSQL2_TYPE_OPTIONS, ...extra });

async function rows<T = RowDataPacket>(conn: Connection, sql: string, params: unknown[] = []): Promise<T[]> {
  const [result] = await conn.query<RowDataPacket[]>(sql, params);
  return result as T[];
}

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex').toUpperCase();

// Inserts that WHMCS's own SSL modules make: everything except configdata.
const SSL_ORDER_WITHOUT_CONFIGDATA =
  "INSERT INTO tblsslorders (userid, serviceid, remoteid, module, certtype, status) VALUES (1, 1, '', 'certbridge', 'sandbox-dv-single', 'Awaiting Configuration')";

let seeded: ScratchDatabase;
let empty: ScratchDatabase;
let conn: Connection;

beforeAll(async () => {
  [seeded, empty] = await Promise.all([
    createScratchDatabase({ label: 'fixture' }),
    createScratchDatabase({ label: 'fixture_empty', seed: false }),
  ]);
  conn = await connect(seeded.url);
});

afterAll(async () => {
  await conn?.end();
  await Promise.all([seeded?.drop(), empty?.drop()]);
});

describe('schema', () => {
  it('creates exactly the fixture tables, all InnoDB utf8_unicode_ci', async () => {
    const tables = await rows<{ name: string; engine: string; collation: string }>(
      conn,
      'SELECT TABLE_NAME AS name, ENGINE AS engine, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
      [seeded.name],
    );
    expect(tables.map((t) => t.name).sort()).toEqual([...WHMCS_FIXTURE_TABLES].sort());
    for (const t of tables) {
      expect(t.engine, t.name).toBe('InnoDB');
      expect(t.collation, t.name).toMatch(/^utf8(mb3)?_unicode_ci$/); // 3-byte utf8, as WHMCS
    }
  });

  it('loads without the seed into empty tables', async () => {
    const c = await connect(empty.url);
    try {
      const [{ n }] = await rows<{ n: number }>(c, 'SELECT COUNT(*) AS n FROM tblclients');
      expect(n).toBe(0);
      const tables = await rows(c, 'SHOW TABLES');
      expect(tables).toHaveLength(WHMCS_FIXTURE_TABLES.length);
    } finally {
      await c.end();
    }
  });

  it('keeps the WHMCS column quirks', async () => {
    const cols = await rows<{ t: string; c: string; type: string; nullable: string; def: string | null }>(
      conn,
      `SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS type, IS_NULLABLE AS nullable, COLUMN_DEFAULT AS def
         FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ?`,
      [seeded.name],
    );
    const col = (t: string, c: string) => {
      const found = cols.find((x) => x.t === t && x.c === c);
      if (!found) throw new Error(`missing column ${t}.${c}`);
      return found;
    };
    // NOT NULL without default (MariaDB reports "no default" as SQL NULL).
    expect(col('tblsslorders', 'configdata')).toMatchObject({ nullable: 'NO', def: null });
    expect(col('tblsslorders', 'authdata')).toMatchObject({ nullable: 'YES' });
    expect(col('tblclients', 'firstname')).toMatchObject({ nullable: 'NO', def: null });
    expect(col('tblclients', 'cardnum')).toMatchObject({ type: 'blob', nullable: 'NO', def: null });
    expect(col('tblhosting', 'termination_date').def).toBe("'0000-00-00'");
    expect(col('tblsslorders', 'completiondate').def).toBe("'0000-00-00 00:00:00'");
    expect(col('tblorders', 'ordernum').type).toBe('bigint(10)');
    expect(col('tblcurrencies', 'rate')).toMatchObject({ type: 'decimal(10,5)', def: '1.00000' });
    for (const c of ['msetupfee', 'monthly', 'annually', 'triennially']) {
      expect(col('tblpricing', c)).toMatchObject({ type: 'decimal(16,2)', nullable: 'NO', def: null });
    }
    const configOptions = cols.filter((x) => x.t === 'tblproducts' && /^configoption\d+$/.test(x.c));
    expect(configOptions).toHaveLength(24);
  });
});

describe('sql_mode behaviour WHMCS relies on', () => {
  it('rejects a tblsslorders row without configdata under strict mode', async () => {
    await conn.query("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
    try {
      await expect(conn.query(SSL_ORDER_WITHOUT_CONFIGDATA)).rejects.toMatchObject({
        code: 'ER_NO_DEFAULT_FOR_FIELD',
        message: expect.stringContaining('configdata'),
      });
    } finally {
      await conn.query("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
    }
  });

  it("accepts it under non-strict mode and stores '' (what WHMCS's own modules depend on)", async () => {
    await conn.query("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
    await conn.beginTransaction();
    try {
      const [res] = await conn.query<ResultSetHeader>(SSL_ORDER_WITHOUT_CONFIGDATA);
      expect(res.warningStatus).toBe(1);
      const [row] = await rows(conn, 'SELECT * FROM tblsslorders WHERE id = ?', [res.insertId]);
      expect(row).toMatchObject({
        configdata: '',
        authdata: null,
        addon_id: 0,
        completiondate: '0000-00-00 00:00:00',
        status: 'Awaiting Configuration',
      });
    } finally {
      await conn.rollback();
    }
  });

  it('restores the caller session sql_mode after loading', async () => {
    const scratch = await createScratchDatabase({ label: 'mode', seed: false });
    const c = await connect(scratch.url);
    try {
      await c.query('DROP TABLE ' + WHMCS_FIXTURE_TABLES.join(', '));
      await c.query("SET SESSION sql_mode = 'STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO'");
      const [{ mode: before }] = await rows<{ mode: string }>(c, 'SELECT @@SESSION.sql_mode AS mode');
      await loadWhmcsFixture(c, { seed: true });
      const [{ mode: after }] = await rows<{ mode: string }>(c, 'SELECT @@SESSION.sql_mode AS mode');
      expect(after).toBe(before);
    } finally {
      await c.end();
      await scratch.drop();
    }
  });
});

describe('zero dates', () => {
  it('stores the zero-date defaults and returns them as strings', async () => {
    const found = await rows(conn, 'SELECT termination_date, completed_date, lastupdate, qty, domainstatus FROM tblhosting');
    expect(found).toHaveLength(4);
    for (const row of found) {
      expect(row).toEqual({
        termination_date: '0000-00-00',
        completed_date: '0000-00-00',
        lastupdate: '0000-00-00 00:00:00',
        qty: 1,
        domainstatus: 'Pending',
      });
    }
  });

  // mysql2 3.x without dateStrings: DATE '0000-00-00' -> 1899-11-30 (silently wrong),
  // DATETIME zero -> Invalid Date. Hence WHMCS_MYSQL2_TYPE_OPTIONS.dateStrings = true.
  it('cannot be represented as a JS Date, which is why dateStrings is on', async () => {
    const c = await connect(seeded.url, { dateStrings: false });
    try {
      const [row] = await rows(c, 'SELECT termination_date, lastupdate, regdate FROM tblhosting WHERE id = 1');
      const misleading = (v: unknown) =>
        v === null || !(v instanceof Date) || Number.isNaN(v.getTime()) || v.getUTCFullYear() < 1900;
      expect(misleading(row.termination_date)).toBe(true);
      expect(misleading(row.lastupdate)).toBe(true);
      expect(row.regdate).toBeInstanceOf(Date);
    } finally {
      await c.end();
    }
  });
});

describe('utf8 text', () => {
  it('round-trips seeded non-ASCII names byte-exact', async () => {
    const expected = [
      { id: 1, firstname: 'Jürgen', lastname: 'Müller', companyname: 'Müller & Söhne GmbH', address1: 'Königstraße 12', state: 'Baden-Württemberg' },
      { id: 2, firstname: 'Zoë', lastname: "O'Brien", companyname: '', address1: '14 Harbour Road', state: 'County Cork' },
      { id: 3, firstname: 'Łukasz', lastname: 'Żółkiewski', companyname: 'Żółw Hosting Sp. z o.o.', address1: 'ul. Świętokrzyska 7', state: 'Mazowieckie' },
    ];
    const found = await rows(
      conn,
      'SELECT id, firstname, lastname, companyname, address1, state, HEX(firstname) AS fh, HEX(companyname) AS ch FROM tblclients ORDER BY id',
    );
    for (const [i, e] of expected.entries()) {
      const { fh, ch, ...row } = found[i];
      expect(row).toEqual(e);
      // Stored bytes are UTF-8 (not double-encoded latin1).
      expect(fh).toBe(hex(e.firstname));
      expect(ch).toBe(hex(e.companyname));
    }
  });

  it('round-trips a written non-ASCII value', async () => {
    const value = 'Ærøskøbing Šťastný – “quotes” €£ ß';
    await conn.beginTransaction();
    try {
      const [res] = await conn.query<ResultSetHeader>(
        "INSERT INTO tbladdonmodules (module, setting, value) VALUES ('certbridge', 'probe', ?)",
        [value],
      );
      const [row] = await rows(conn, 'SELECT value, HEX(value) AS h FROM tbladdonmodules WHERE id = ?', [res.insertId]);
      expect(row).toEqual({ value, h: hex(value) });
    } finally {
      await conn.rollback();
    }
  });

  it('cannot store 4-byte characters (utf8mb3 tables): strict mode rejects them', async () => {
    await conn.query("SET SESSION sql_mode = 'STRICT_ALL_TABLES'");
    try {
      await expect(
        conn.query("INSERT INTO tbladdonmodules (module, setting, value) VALUES ('certbridge', 'probe', ?)", ['lock 🔒']),
      ).rejects.toMatchObject({ code: 'ER_TRUNCATED_WRONG_VALUE_FOR_FIELD' });
    } finally {
      await conn.query("SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'");
    }
  });
});

describe('seed', () => {
  it('has the configuration WHMCS code reads', async () => {
    const found = await rows<{ setting: string; value: string }>(conn, 'SELECT setting, value FROM tblconfiguration');
    const settings = Object.fromEntries(found.map((r) => [r.setting, r.value]));
    expect(settings).toMatchObject({
      Version: '8.4.0-release.1',
      SystemURL: 'https://billing.example.com/',
      Template: 'twenty-one',
      ModuleDebugMode: 'on',
    });
  });

  it('has three currencies with exactly one default (USD)', async () => {
    const found = await rows(conn, 'SELECT id, code, prefix, suffix, format, rate, `default` FROM tblcurrencies ORDER BY id');
    expect(found).toEqual([
      { id: 1, code: 'USD', prefix: '$', suffix: ' USD', format: 2, rate: '1.00000', default: 1 },
      { id: 2, code: 'EUR', prefix: '€', suffix: ' EUR', format: 3, rate: '0.92000', default: 0 },
      { id: 3, code: 'GBP', prefix: '£', suffix: ' GBP', format: 2, rate: '0.79000', default: 0 },
    ]);
    expect(found.filter((c) => c.default === 1)).toHaveLength(1);
  });

  it('points every service at an existing client, product, order and server', async () => {
    const broken = await rows(
      conn,
      `SELECT h.id FROM tblhosting h
         LEFT JOIN tblclients c ON c.id = h.userid
         LEFT JOIN tblproducts p ON p.id = h.packageid
         LEFT JOIN tblorders o ON o.id = h.orderid AND o.userid = h.userid
         LEFT JOIN tblservers s ON s.id = h.server
         LEFT JOIN tblproductgroups g ON g.id = p.gid
         LEFT JOIN tblservergroupsrel r ON r.groupid = p.servergroup AND r.serverid = h.server
         LEFT JOIN tblcurrencies cur ON cur.id = c.currency
        WHERE c.id IS NULL OR p.id IS NULL OR o.id IS NULL OR s.id IS NULL OR g.id IS NULL
           OR r.id IS NULL OR cur.id IS NULL`,
    );
    expect(broken).toEqual([]);
    const [{ n }] = await rows<{ n: number }>(conn, 'SELECT COUNT(*) AS n FROM tblhosting');
    expect(n).toBe(4);
  });

  it("charges each service its product's annual price in the client's currency", async () => {
    const found = await rows(
      conn,
      `SELECT h.id, h.amount, h.firstpaymentamount, o.amount AS order_amount, pr.annually
         FROM tblhosting h
         JOIN tblclients c ON c.id = h.userid
         JOIN tblorders o ON o.id = h.orderid
         LEFT JOIN tblpricing pr ON pr.type = 'product' AND pr.relid = h.packageid AND pr.currency = c.currency
        ORDER BY h.id`,
    );
    for (const row of found) {
      expect(row.annually, `service ${row.id}`).not.toBeNull();
      expect([row.amount, row.firstpaymentamount, row.order_amount]).toEqual([row.annually, row.annually, row.annually]);
    }
  });

  it('prices every product in every currency, annual and biennial only', async () => {
    const found = await rows(conn, "SELECT * FROM tblpricing WHERE type = 'product' ORDER BY relid, currency");
    expect(found).toHaveLength(9);
    for (const p of found) {
      expect([p.monthly, p.quarterly, p.semiannually, p.triennially]).toEqual(['-1.00', '-1.00', '-1.00', '-1.00']);
      expect(Number(p.annually)).toBeGreaterThan(0);
      expect(Number(p.biennially)).toBeGreaterThan(Number(p.annually));
      expect([p.msetupfee, p.qsetupfee, p.ssetupfee, p.asetupfee, p.bsetupfee, p.tsetupfee]).toEqual(Array(6).fill('0.00'));
    }
    // Converted prices = round(base x rate, 2), computed by MariaDB on exact decimals.
    const off = await rows(
      conn,
      `SELECT p.id FROM tblpricing p
         JOIN tblpricing base ON base.type = p.type AND base.relid = p.relid AND base.currency = 1
         JOIN tblcurrencies c ON c.id = p.currency
        WHERE p.annually <> ROUND(base.annually * c.rate, 2) OR p.biennially <> ROUND(base.biennially * c.rate, 2)`,
    );
    expect(off).toEqual([]);
  });

  it('sets up the SSL products for the certbridge module', async () => {
    const found = await rows(conn, 'SELECT id, type, servertype, servergroup, configoption1, configoption2, configoption3, configoption4 FROM tblproducts ORDER BY id');
    expect(found.map((p) => p.configoption2)).toEqual(['sandbox-dv-single', 'sandbox-dv-wildcard', 'sandbox-ov-multi']);
    for (const p of found) {
      expect(p).toMatchObject({ type: 'other', servertype: 'certbridge', servergroup: 1, configoption1: 'sandbox', configoption3: 'on', configoption4: '' });
    }
  });

  it('has the SSL e-mail templates and no SSL orders yet', async () => {
    const templates = await rows(conn, 'SELECT name, type, message FROM tblemailtemplates ORDER BY id');
    expect(templates.map((t) => t.name)).toEqual(['SSL Certificate Configuration Required', 'SSL Certificate Issued']);
    expect(templates[0].message).toContain('{$ssl_configuration_link}');
    expect(templates[0].message).toContain('{$client_name}');
    expect(templates[1].message).toContain('{$service_domain}');
    const [{ n }] = await rows<{ n: number }>(conn, 'SELECT COUNT(*) AS n FROM tblsslorders');
    expect(n).toBe(0);
  });

  it('loads under a stricter session too, without a single warning', async () => {
    const scratch = await createScratchDatabase({ label: 'strict_seed', seed: false });
    const c = await connect(scratch.url);
    try {
      await c.query("SET SESSION sql_mode = 'STRICT_ALL_TABLES,STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'");
      const sql = await readFile(new URL('./seed.sql', import.meta.url), 'utf8');
      for (const statement of splitSqlStatements(sql)) {
        const [res] = await c.query<ResultSetHeader>(statement);
        expect(res.warningStatus, statement.slice(0, 80)).toBe(0);
      }
    } finally {
      await c.end();
      await scratch.drop();
    }
  });
});

describe('splitSqlStatements', () => {
  it('splits on semicolons outside quotes and comments', () => {
    const sql = [
      "-- a comment; not a statement",
      "INSERT INTO t VALUES ('a;b', 'it''s', 'back\\'slash;', \"dq;\");",
      '# another; comment',
      'SELECT `weird;name` /* block; comment */ FROM x;',
      '/*!40101 SET NAMES utf8 */;',
      '  ;  ',
      'SELECT 1 -- trailing',
    ].join('\n');
    expect(splitSqlStatements(sql)).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s', 'back\\'slash;', \"dq;\")",
      'SELECT `weird;name` /* block; comment */ FROM x',
      '/*!40101 SET NAMES utf8 */',
      'SELECT 1',
    ]);
  });

  it('rejects an unterminated string', () => {
    expect(() => splitSqlStatements("SELECT 'oops;")).toThrow(/unterminated/);
  });
});
