/**
 * Tables of the admin import-and-pricing wizard (server/admin, server/catalog):
 *  - mod_certbridge_catalogue: the last catalogue each supplier returned, so the wizard opens
 *    without asking every supplier again (the admin refreshes on purpose);
 *  - mod_certbridge_admin_tokens / _sessions: single-use login tokens from the addon page and
 *    the sessions they are exchanged for; only SHA-256 hashes are stored, so a database dump
 *    grants no access. Both live in MySQL so any instance accepts them;
 *  - mod_certbridge_locks: named leases (the "apply" lock), so a second concurrent import on
 *    any instance is refused instead of interleaving writes into WHMCS's tables.
 */
import { sql, type Kysely } from 'kysely';

const TABLE = 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE mod_certbridge_catalogue (
    supplier VARCHAR(32) NOT NULL PRIMARY KEY,
    loaded_at DATETIME(3) NOT NULL,
    product_count INT NOT NULL,
    products MEDIUMTEXT NOT NULL
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_admin_tokens (
    token_hash CHAR(64) NOT NULL PRIMARY KEY,
    admin_id INT NOT NULL,
    admin_base_url VARCHAR(255) NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    expires_at DATETIME(3) NOT NULL,
    used_at DATETIME(3) NULL,
    KEY ix_expires (expires_at)
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_admin_sessions (
    token_hash CHAR(64) NOT NULL PRIMARY KEY,
    admin_id INT NOT NULL,
    admin_base_url VARCHAR(255) NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    expires_at DATETIME(3) NOT NULL,
    KEY ix_expires (expires_at)
  ) ${sql.raw(TABLE)}`.execute(db);

  await sql`CREATE TABLE mod_certbridge_locks (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    holder CHAR(32) NOT NULL,
    admin_id INT NOT NULL,
    acquired_at DATETIME(3) NOT NULL,
    expires_at DATETIME(3) NOT NULL
  ) ${sql.raw(TABLE)}`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['mod_certbridge_locks', 'mod_certbridge_admin_sessions', 'mod_certbridge_admin_tokens', 'mod_certbridge_catalogue']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)}`.execute(db);
  }
}
