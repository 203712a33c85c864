/**
 * The outbox: effects that arise outside a WHMCS page load (a certificate issued by a
 * background job at 3 a.m.) wait in mod_certbridge_outbox until the addon's cron hook pulls
 * them, runs them inside WHMCS and acknowledges them. Nothing is lost while WHMCS is down;
 * an item pulled but never acknowledged is offered again after 10 minutes.
 *   OutboxPull  params {limit?}  → { items: [{ id, effects: Effect[] }] }
 *   OutboxAck   params {ids: number[]} → { acknowledged: number }
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { parseWith } from '../params';
import type { HookHandler } from '../hook-context';
import { ISSUED_EMAIL, type Effect } from '../effects';

const pullParams = z.looseObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
const ackParams = z.looseObject({ ids: z.array(z.coerce.number().int().positive(), { error: 'must be a list of outbox ids' }).max(500) });

/** What each outbox kind means inside WHMCS. */
function effectsFor(kind: string, payload: Record<string, unknown>): Effect[] {
  switch (kind) {
    case 'certificate_issued':
      return [{ type: 'sendEmail', messagename: ISSUED_EMAIL, id: Number(payload.serviceId) }];
    default:
      return [];
  }
}

export const outboxPull: HookHandler = async ({ body, deps }) => {
  const p = parseWith(pullParams, body.params);
  const items = await deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('mod_certbridge_outbox')
      .select(['id', 'kind', 'payload'])
      .where('delivered_at', 'is', null)
      .where((eb) => eb.or([eb('leased_until', 'is', null), eb('leased_until', '<', sql<string>`NOW()`)]))
      .orderBy('id')
      .limit(p.limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length) {
      await trx.updateTable('mod_certbridge_outbox').set({ leased_until: sql<string>`NOW() + INTERVAL 10 MINUTE` as never }).where('id', 'in', rows.map((r) => r.id)).execute();
    }
    return rows;
  });
  return { result: { items: items.map((r) => ({ id: r.id, effects: effectsFor(r.kind, JSON.parse(r.payload)) })) } };
};

export const outboxAck: HookHandler = async ({ body, deps }) => {
  const p = parseWith(ackParams, body.params);
  if (p.ids.length === 0) return { result: { acknowledged: 0 } };
  const res = await deps.db
    .updateTable('mod_certbridge_outbox')
    .set({ delivered_at: sql<string>`NOW()` as never })
    .where('id', 'in', p.ids)
    .where('delivered_at', 'is', null)
    .executeTakeFirst();
  return { result: { acknowledged: Number(res.numUpdatedRows) } };
};
