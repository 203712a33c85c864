/**
 * The apply lock: one import or re-price writes into WHMCS at a time, across every instance.
 * A lease row in mod_certbridge_locks (works on MariaDB, MySQL and Galera, where GET_LOCK is
 * not replicated): acquiring inserts the row, a duplicate key means someone holds it, and a
 * lease that outlived LEASE_SECONDS (a crashed instance) is cleared first. Only the holder's
 * random token can release it. Called by wizard.ts around every apply.
 * Errors: AppError('conflict', 409) "Another import is being applied by admin #N …".
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import { AppError } from '../http/errors';

export const APPLY_LOCK = 'apply';
/** Far longer than any apply (1,000 products take well under 2 s); only matters after a crash. */
export const LEASE_SECONDS = 600;

export interface Lease {
  release(): Promise<void>;
}

export class ApplyLock {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly name = APPLY_LOCK,
  ) {}

  async acquire(adminId: number): Promise<Lease> {
    await this.db.deleteFrom('mod_certbridge_locks').where('name', '=', this.name).where(sql<boolean>`expires_at < NOW(3)`).execute();
    const holder = randomBytes(16).toString('hex');
    try {
      await sql`INSERT INTO mod_certbridge_locks (name, holder, admin_id, acquired_at, expires_at)
        VALUES (${this.name}, ${holder}, ${adminId}, NOW(3), NOW(3) + INTERVAL ${LEASE_SECONDS} SECOND)`.execute(this.db);
    } catch (e) {
      if ((e as { errno?: number }).errno !== 1062) throw e; // ER_DUP_ENTRY: held by someone else
      const row = await this.db.selectFrom('mod_certbridge_locks').select(['admin_id', 'acquired_at']).where('name', '=', this.name).executeTakeFirst();
      const who = row ? `admin #${row.admin_id}` : 'another admin';
      throw new AppError('conflict', `Another import is being applied by ${who}; try again when it finishes`);
    }
    return {
      release: async () => {
        await this.db.deleteFrom('mod_certbridge_locks').where('name', '=', this.name).where('holder', '=', holder).execute();
      },
    };
  }
}
