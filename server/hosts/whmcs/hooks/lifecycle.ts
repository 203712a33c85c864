/**
 * WHMCS lifecycle module commands: CreateAccount, TerminateAccount, Renew, Suspend and
 * Unsuspend. Each answers "success" or throws an AppError whose message WHMCS shows staff.
 */
import { termMonths, serviceFacts, sslOrderFor, insertSslOrder, systemUrl } from '../whmcs-store';
import { configurationEmail, configureLink } from '../effects';
import { parseWith, serviceParams } from '../params';
import { actorOf, type HookHandler } from '../hook-context';
import { AppError } from '../../../http/errors';

export const createAccount: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  const facts = await serviceFacts(deps.db, p.serviceid);
  // Resolve the product before writing anything: a wrong module setting must not leave a half-made order.
  await deps.orders.product({ supplier: facts.supplier, productId: facts.supplierProduct });
  const base = await systemUrl(deps.db);
  const sslOrderId = await deps.db.transaction().execute(async (trx) => {
    await serviceFacts(trx, p.serviceid, true); // serialises concurrent CreateAccount calls for one service
    const existing = await sslOrderFor(trx, p.serviceid);
    if (existing && existing.status !== 'Cancelled') {
      throw new AppError('conflict', `An SSL order already exists for service #${p.serviceid} (status: ${existing.status}); nothing was created. Use "Resend Configuration Email" to send the link again.`);
    }
    const id = await insertSslOrder(trx, { clientId: facts.clientId, serviceId: facts.serviceId, certType: facts.supplierProduct });
    await deps.orders.create(trx, {
      serviceId: facts.serviceId,
      clientId: facts.clientId,
      hostOrderId: id,
      supplier: facts.supplier,
      productId: facts.supplierProduct,
      termMonths: termMonths(facts.billingCycle),
      actor: actorOf(body),
    });
    return id;
  });
  return { result: 'success', effects: [configurationEmail(facts.serviceId, configureLink(base, sslOrderId))] };
};

export const terminateAccount: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  await serviceFacts(deps.db, p.serviceid);
  const outcome = await deps.orders.cancel(p.serviceid, actorOf(body), 'Service terminated in WHMCS');
  return { result: 'success', effects: [{ type: 'logActivity', description: `certbridge: service #${p.serviceid} terminated; ${outcome.message}`, userId: p.userid }] };
};

export const renew: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  const facts = await serviceFacts(deps.db, p.serviceid);
  const message = await deps.orders.renew(p.serviceid, actorOf(body), termMonths(facts.billingCycle));
  return { result: 'success', effects: [{ type: 'logActivity', description: `certbridge: renewal of service #${p.serviceid}: ${message}`, userId: p.userid }] };
};

/** A certificate cannot be suspended at the CA; WHMCS's status change is all that happens. */
export const suspendAccount: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  await serviceFacts(deps.db, p.serviceid);
  return { result: 'success' };
};

export const unsuspendAccount = suspendAccount;
