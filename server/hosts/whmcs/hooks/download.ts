/**
 * Certificate downloads for the logged-in client, streamed through WHMCS by the shim
 * (clients' browsers cannot reach the server). WHMCS runs custom client functions only for
 * the service's owner; we check ownership again against the database.
 */
import { z } from 'zod';
import { serviceFacts } from '../whmcs-store';
import { parseWith, serviceParams } from '../params';
import type { HookHandler } from '../hook-context';
import { AppError } from '../../../http/errors';
import { latestIssuedOrder } from '../../../certificates/orders';

const downloadRequest = z.looseObject({
  format: z.string({ error: 'is required' }).min(1, 'is required'),
  pfxpassword: z.string().default(''),
});

export const download: HookHandler = async ({ body, deps }) => {
  const p = parseWith(serviceParams, body.params);
  const req = parseWith(downloadRequest, body.context.request, 'request');
  const facts = await serviceFacts(deps.db, p.serviceid);
  const requester = body.context.clientId || p.userid;
  if (facts.clientId !== p.userid || facts.clientId !== requester) {
    throw new AppError('not_found', `Service #${p.serviceid} does not belong to this client`);
  }
  const order = await latestIssuedOrder(deps.db, p.serviceid);
  if (!order) throw new AppError('conflict', 'The certificate has not been issued yet; there is nothing to download', 'format');
  const file = await deps.downloads.build(order, req.format, req.pfxpassword);
  return { result: { filename: file.filename, contentType: file.contentType, bodyBase64: file.body.toString('base64') }, mask: req.pfxpassword ? [req.pfxpassword] : [] };
};
