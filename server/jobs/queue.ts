/**
 * A durable job queue in MySQL (mod_certbridge_jobs). Any number of server or worker
 * processes claim due jobs with SELECT … FOR UPDATE SKIP LOCKED, so each job runs once even
 * with several instances, and a job whose worker died is picked up again when its lease
 * runs out. Callers: services enqueue inside their own transaction (so a job exists if and
 * only if the change that needs it was committed); runner.ts claims and finishes.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import type { Trx } from '../certificates/transition';

export interface JobRow {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export interface EnqueueOptions {
  /** At most one queued or running job per key; enqueueing again is a no-op. */
  dedupeKey?: string;
  delayMs?: number;
  maxAttempts?: number;
}

export function mysqlTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

export async function enqueue(db: Kysely<Database> | Trx, kind: string, payload: unknown, opts: EnqueueOptions = {}): Promise<void> {
  const runAfter = mysqlTime(new Date(Date.now() + (opts.delayMs ?? 0)));
  await db
    .insertInto('mod_certbridge_jobs')
    .values({
      kind,
      payload: JSON.stringify(payload),
      dedupe_key: opts.dedupeKey ?? null,
      state: 'queued',
      max_attempts: opts.maxAttempts ?? 8,
      run_after: runAfter,
    })
    .onDuplicateKeyUpdate({ run_after: sql`LEAST(run_after, VALUES(run_after))` as never })
    .execute();
}

export class JobQueue {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly workerId: string,
    private readonly leaseMs = 120_000,
  ) {}

  /** Claims up to `limit` due jobs (or jobs whose lease expired) for this worker. */
  async claim(limit: number): Promise<JobRow[]> {
    return this.db.transaction().execute(async (trx) => {
      // Two index-friendly scans (state, run_after), so a claim locks only the rows it takes
      // and other instances skip past them instead of finding everything locked.
      const columns = ['id', 'kind', 'payload', 'attempts', 'max_attempts'] as const;
      const due = await trx
        .selectFrom('mod_certbridge_jobs')
        .select(columns)
        .where('state', '=', 'queued')
        .where('run_after', '<=', sql<string>`NOW(3)`)
        .orderBy('run_after')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length < limit) {
        const orphaned = await trx
          .selectFrom('mod_certbridge_jobs')
          .select(columns)
          .where('state', '=', 'running')
          .where('locked_until', '<', sql<string>`NOW(3)`)
          .limit(limit - due.length)
          .forUpdate()
          .skipLocked()
          .execute();
        due.push(...orphaned);
      }
      if (due.length === 0) return [];
      await trx
        .updateTable('mod_certbridge_jobs')
        .set({
          state: 'running',
          locked_by: this.workerId,
          locked_until: mysqlTime(new Date(Date.now() + this.leaseMs)),
          attempts: sql`attempts + 1` as never,
        })
        .where('id', 'in', due.map((d) => d.id))
        .execute();
      return due.map((d) => ({ id: d.id, kind: d.kind, payload: JSON.parse(d.payload), attempts: d.attempts + 1, maxAttempts: d.max_attempts }));
    });
  }

  async complete(id: number): Promise<void> {
    await this.db.updateTable('mod_certbridge_jobs').set({ state: 'done', dedupe_key: null, locked_by: null, locked_until: null, last_error: null }).where('id', '=', id).execute();
  }

  /** Runs the same job again later (polling); attempts are reset because this is not a failure. */
  async reschedule(id: number, delayMs: number): Promise<void> {
    await this.db
      .updateTable('mod_certbridge_jobs')
      .set({ state: 'queued', attempts: 0, run_after: mysqlTime(new Date(Date.now() + delayMs)), locked_by: null, locked_until: null })
      .where('id', '=', id)
      .execute();
  }

  /** Records a failure; retries with capped exponential backoff until maxAttempts. */
  async fail(job: JobRow, error: string, retryable: boolean): Promise<'retry' | 'failed'> {
    const retry = retryable && job.attempts < job.maxAttempts;
    const backoffMs = Math.min(3_600_000, 5_000 * 2 ** (job.attempts - 1));
    await this.db
      .updateTable('mod_certbridge_jobs')
      .set(
        retry
          ? { state: 'queued', run_after: mysqlTime(new Date(Date.now() + backoffMs)), last_error: error, locked_by: null, locked_until: null }
          : { state: 'failed', dedupe_key: null, last_error: error, locked_by: null, locked_until: null },
      )
      .where('id', '=', job.id)
      .execute();
    return retry ? 'retry' : 'failed';
  }
}
