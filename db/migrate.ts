/**
 * Runs certbridge's migrations (mod_certbridge_* tables only). Called by `certbridge migrate`,
 * by `certbridge serve` before it listens, and by test setup. Kysely's migrator takes a
 * table lock, so several instances starting together run each migration once.
 */
import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { migrations } from './migrations/index';

const provider: MigrationProvider = { getMigrations: async () => migrations };

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({
    db,
    provider,
    migrationTableName: 'mod_certbridge_migrations',
    migrationLockTableName: 'mod_certbridge_migrations_lock',
  });
}

export interface MigrationReport {
  applied: string[];
}

/** Applies pending migrations; throws with the failing migration's name and cause. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationReport> {
  const { error, results } = await migrator(db).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause}`);
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** Names of migrations not yet applied (used by /readyz and `certbridge doctor`). */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await migrator(db).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}
