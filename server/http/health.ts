/**
 * /healthz: the process answers. /readyz: the database answers and every migration is
 * applied, so a load balancer only sends traffic to instances that can serve it.
 */
import { Router } from 'express';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/connection';
import { pendingMigrations } from '../../db/migrate';

export function healthRoutes(db: Kysely<Database>): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await sql`SELECT 1`.execute(db);
      const pending = await pendingMigrations(db);
      if (pending.length) {
        res.status(503).json({ ok: false, reason: `migrations pending: ${pending.join(', ')} (run: npx certbridge migrate)` });
        return;
      }
      res.json({ ok: true });
    } catch (e) {
      res.status(503).json({ ok: false, reason: `database unreachable: ${(e as Error).message}` });
    }
  });
  return router;
}
