/** Per-supplier settings: live/test switch, encrypted credentials, endpoint override. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE mod_certbridge_supplier_settings (
    code VARCHAR(32) NOT NULL PRIMARY KEY,
    enabled TINYINT(1) NOT NULL DEFAULT 1,
    mode VARCHAR(8) NOT NULL,
    sealed_credentials TEXT NOT NULL,
    base_url VARCHAR(255) NULL,
    max_concurrency INT NULL,
    updated_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS mod_certbridge_supplier_settings`.execute(db);
}
