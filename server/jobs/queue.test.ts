import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type DbHandle } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { createScratchDatabase, type ScratchDatabase } from '../../test/support/mysql';
import { createLogger } from '../logger';
import { enqueue, JobQueue } from './queue';
import { JobRunner, RetryableJobError } from './runner';

let scratch: ScratchDatabase;
let a: DbHandle;
let b: DbHandle;
const log = createLogger('silent');

beforeAll(async () => {
  scratch = await createScratchDatabase({ label: 'jobs', seed: false });
  a = openDatabase(scratch.url);
  b = openDatabase(scratch.url);
  await migrateToLatest(a.db);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await scratch?.drop();
});

describe('durable job queue', () => {
  it('runs each job exactly once when two instances claim at the same time', async () => {
    for (let i = 0; i < 40; i++) await enqueue(a.db, 'count', { i });
    const seen: number[] = [];
    const handler = async (p: { i: number }) => {
      seen.push(p.i);
      await new Promise((r) => setTimeout(r, 5));
    };
    const r1 = new JobRunner(new JobQueue(a.db, 'one'), { count: handler }, log, 4);
    const r2 = new JobRunner(new JobQueue(b.db, 'two'), { count: handler }, log, 4);
    const [n1, n2] = await Promise.all([r1.runDue(), r2.runDue()]);
    expect(n1 + n2).toBe(40);
    expect(n1).toBeGreaterThan(0);
    expect(n2).toBeGreaterThan(0);
    expect([...seen].sort((x, y) => x - y)).toEqual([...Array(40).keys()]);
  });

  it('ignores a second enqueue with the same dedupe key while the first is pending', async () => {
    await enqueue(a.db, 'dedupe', {}, { dedupeKey: 'only-once' });
    await enqueue(a.db, 'dedupe', {}, { dedupeKey: 'only-once' });
    const rows = await a.db.selectFrom('mod_certbridge_jobs').select('id').where('kind', '=', 'dedupe').execute();
    expect(rows).toHaveLength(1);
  });

  it('retries a retryable failure later with backoff and fails a permanent one at once', async () => {
    await enqueue(a.db, 'flaky', {});
    await enqueue(a.db, 'broken', {});
    const runner = new JobRunner(new JobQueue(a.db, 'three'), {
      flaky: async () => {
        throw new RetryableJobError('supplier timed out');
      },
      broken: async () => {
        throw new Error('bad data');
      },
      dedupe: async () => undefined,
    }, log);
    await runner.runDue();
    const rows = await a.db.selectFrom('mod_certbridge_jobs').select(['kind', 'state', 'attempts', 'last_error', sql<number>`TIMESTAMPDIFF(SECOND, NOW(3), run_after)`.as('wait')]).where('kind', 'in', ['flaky', 'broken']).orderBy('kind').execute();
    expect(rows[0]).toMatchObject({ kind: 'broken', state: 'failed', attempts: 1, last_error: 'bad data' });
    expect(rows[1]).toMatchObject({ kind: 'flaky', state: 'queued', attempts: 1, last_error: 'supplier timed out' });
    expect(Number(rows[1].wait)).toBeGreaterThanOrEqual(3);
  });

  it('takes over a job whose worker died once its lease has run out', async () => {
    await enqueue(a.db, 'orphan', {});
    const dead = new JobQueue(a.db, 'dead', 1);
    expect(await dead.claim(10)).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 20));
    let ran = 0;
    const runner = new JobRunner(new JobQueue(b.db, 'alive'), { orphan: async () => void ran++ }, log);
    await runner.runDue();
    expect(ran).toBe(1);
  });
});
