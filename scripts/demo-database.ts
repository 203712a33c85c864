/**
 * Creates the demo WHMCS database afresh (fixture schema + seed) and points its certbridge
 * server entry at the local server with the demo's hook secret. Used by scripts/demo.sh.
 * Usage: tsx scripts/demo-database.ts <mysql-url-without-db> <database> <secret> <host:port>
 */
import mysql from 'mysql2/promise';
import { loadWhmcsFixture } from '../db/whmcs/load';

const [adminUrl, name, secret, bridge] = process.argv.slice(2);
if (!adminUrl || !name || !secret || !bridge) {
  console.error('usage: demo-database.ts <mysql-url> <database> <secret> <host:port>');
  process.exit(2);
}
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error(`database name "${name}" may only contain a-z, 0-9 and _`);
  process.exit(2);
}
const admin = await mysql.createConnection(adminUrl);
await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
await admin.end();
const conn = await mysql.createConnection(`${adminUrl.replace(/\/$/, '')}/${name}`);
await loadWhmcsFixture(conn, { seed: true });
await conn.query('UPDATE tblservers SET hostname = ?, accesshash = ? WHERE id = 1', [bridge, secret]);
await conn.end();
console.log(`demo database ${name} ready`);
