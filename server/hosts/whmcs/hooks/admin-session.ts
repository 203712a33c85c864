/**
 * AdminSession: the addon page (_output) asks for a sign-in token for the WHMCS admin viewing
 * it. The request is signed like every hook (so only WHMCS, holding the shared secret, can
 * ask), context.adminId names the admin ($_SESSION['adminid']); params.adminBaseUrl may give
 * the admin area's URL so the app links back into WHMCS correctly. Replies
 * { token, expiresAt }: single use, 60 s, scoped to that admin; the token is masked in
 * WHMCS's module log. Errors: 422 naming context.adminId when no admin id was passed or
 * WHMCS has no such admin; 401 when the admin is disabled.
 */
import { z } from 'zod';
import { parseWith } from '../params';
import type { HookHandler } from '../hook-context';
import { AppError } from '../../../http/errors';
import { AdminAuth } from '../../../admin/auth';

const sessionParams = z.looseObject({
  adminBaseUrl: z
    .string()
    .trim()
    .max(255, 'must be at most 255 characters')
    .regex(/^https?:\/\/[^\s]+$/i, 'must be an http(s) URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});

export const adminSession: HookHandler = async ({ body, deps }) => {
  const adminId = body.context.adminId;
  if (!adminId) throw new AppError('invalid_request', 'context.adminId is required: the addon page must pass the signed-in WHMCS admin', 'context.adminId');
  const p = parseWith(sessionParams, body.params);
  const base = p.adminBaseUrl ? (p.adminBaseUrl.endsWith('/') ? p.adminBaseUrl : `${p.adminBaseUrl}/`) : null;
  const result = await new AdminAuth(deps.db).issueLoginToken(adminId, base);
  return { result, mask: [result.token] };
};
