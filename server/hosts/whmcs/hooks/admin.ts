/**
 * Staff tools on the WHMCS service page: Resend Configuration Email, Sync Status, Cancel
 * Order buttons and the certbridge rows in the service tab.
 */
import { sql } from 'kysely';
import { serviceFacts, sslOrderFor, systemUrl } from '../whmcs-store';
import { configurationEmail, configureLink, ISSUED_EMAIL, type Effect } from '../effects';
import { parseWith, serviceParams } from '../params';
import { actorOf, type HookHandler } from '../hook-context';
import { AppError } from '../../../http/errors';
import { STATES } from '../../../certificates/states';
import { currentOrder, eventsOf } from '../../../certificates/orders';

export const resendConfigurationEmail: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  await serviceFacts(deps.db, p.serviceid);
  const order = await deps.orders.require(p.serviceid);
  if (order.state !== 'awaiting_configuration') {
    throw new AppError('conflict', `The certificate is already configured (${STATES[order.state as keyof typeof STATES]?.label.toLowerCase() ?? order.state}); no e-mail was sent`);
  }
  const ssl = await sslOrderFor(deps.db, p.serviceid);
  if (!ssl) throw new AppError('not_found', `Service #${p.serviceid} has no SSL order row in WHMCS`);
  const link = configureLink(await systemUrl(deps.db), ssl.id);
  await deps.db.transaction().execute((trx) => deps.lifecycle.note(trx, order.id, order.state, order.state, actorOf(body), 'email_resent', 'Configuration e-mail sent again'));
  return { result: 'success', effects: [configurationEmail(p.serviceid, link)] };
};

/** Sync Status: the admin asked explicitly, so the supplier is asked now (bounded by its client's timeout). */
export const syncStatus: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  await serviceFacts(deps.db, p.serviceid);
  const order = await deps.orders.require(p.serviceid);
  // A queued order is submitted only by its job: submitting here too could race it into a second order.
  const result = await deps.fulfilment.sync(order.id, actorOf(body));
  const effects: Effect[] = [];
  if (result.outboxId) {
    // Delivered here, in this reply, so the cron hook must not deliver it again.
    effects.push({ type: 'sendEmail', messagename: ISSUED_EMAIL, id: p.serviceid });
    await deps.db.updateTable('mod_certbridge_outbox').set({ delivered_at: sql<string>`NOW()` as never }).where('id', '=', result.outboxId).execute();
  }
  if (['failed', 'cancelled'].includes(result.state) && result.changed) throw new AppError('conflict', result.message);
  return { result: 'success', effects: [...effects, { type: 'logActivity', description: `certbridge: sync of service #${p.serviceid}: ${result.message}`, userId: p.userid }] };
};

export const cancelOrder: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  await serviceFacts(deps.db, p.serviceid);
  const outcome = await deps.orders.cancel(p.serviceid, actorOf(body), 'Cancelled by staff');
  if (!outcome.cancelled) throw new AppError('conflict', outcome.message);
  return { result: 'success' };
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const adminServicesTabFields: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  const order = await currentOrder(deps.db, p.serviceid);
  if (!order) return { result: { 'certbridge': 'No certificate order yet (run Create)' } };
  const events = await eventsOf(deps.db, order.id, 8);
  return {
    result: {
      'Certificate state': escapeHtml(STATES[order.state as keyof typeof STATES]?.label ?? order.state),
      'Supplier order': escapeHtml(order.supplier_order_id ? `${order.supplier} ${order.supplier_order_id}` : `${order.supplier} (not submitted)`),
      'Names': escapeHtml((JSON.parse(order.dns_names ?? '[]') as string[]).join(', ') || '—'),
      'Valid until': escapeHtml(order.valid_to ?? '—'),
      'History': events.map((e) => `${escapeHtml(e.created_at)} — ${escapeHtml(e.actor)}: ${escapeHtml(e.message)}`).join('<br>'),
    },
  };
};
