/**
 * Replay protection in MySQL: a nonce is a primary key, so a second insert of the same
 * nonce fails on any instance. Rows older than the clock window are useless (such requests
 * fail the timestamp check) and are purged by the job runner's housekeeping.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import type { NonceStore } from './hook-auth';
import { mysqlTime } from '../jobs/queue';
import { CLOCK_WINDOW_SECONDS } from './hook-auth';

export class MysqlNonceStore implements NonceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async remember(nonce: string, seenAt: Date): Promise<boolean> {
    const res = await sql`INSERT IGNORE INTO mod_certbridge_nonces (nonce, seen_at) VALUES (${nonce}, ${mysqlTime(seenAt)})`.execute(this.db);
    return Number(res.numAffectedRows ?? 0) === 1;
  }

  async purge(now = new Date()): Promise<number> {
    const cutoff = mysqlTime(new Date(now.getTime() - 2 * CLOCK_WINDOW_SECONDS * 1000));
    const res = await this.db.deleteFrom('mod_certbridge_nonces').where('seen_at', '<', cutoff).executeTakeFirst();
    return Number(res.numDeletedRows);
  }
}
