/** Outbox items pulled but not acknowledged are offered again once their lease runs out. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE mod_certbridge_outbox ADD COLUMN leased_until DATETIME NULL AFTER delivered_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE mod_certbridge_outbox DROP COLUMN leased_until`.execute(db);
}
