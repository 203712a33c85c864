/**
 * The WHMCS hook endpoint: POST /whmcs/v1/hooks/{name}. Unknown names are refused before
 * anything else; then the signature and clock (hook-auth.ts); then the body is parsed and
 * handed to the handler. Bodies over 1 MB are refused unread. Handlers that write run only
 * after the nonce is recorded; read-only handlers run alongside the nonce write (the page
 * load does not wait for two round trips) and their answer is sent only if the nonce was new.
 */
import express, { Router } from 'express';
import { recordNonce, verifySignature, type NonceStore } from './hook-auth';
import { AppError } from './errors';
import { hookBody, parseWith } from '../hosts/whmcs/params';
import { WHMCS_HOOKS, READ_ONLY_HOOKS } from '../hosts/whmcs/registry';
import type { WhmcsDeps } from '../hosts/whmcs/hook-context';

export const HOOK_BODY_LIMIT = '1mb';

export function whmcsRoutes(secret: string, nonces: NonceStore, deps: WhmcsDeps): Router {
  const router = Router();

  // A constant answer without auth or database: the floor the hook benchmark compares against.
  router.all('/whmcs/v1/ping', (_req, res) => {
    res.json({ ok: true });
  });

  router.post(
    '/whmcs/v1/hooks/:name',
    (req, _res, next) => {
      const name = String(req.params.name);
      if (!Object.hasOwn(WHMCS_HOOKS, name)) {
        next(new AppError('not_found', `Unknown hook "${name}"; this server answers: ${Object.keys(WHMCS_HOOKS).join(', ')}`));
        return;
      }
      next();
    },
    express.raw({ type: () => true, limit: HOOK_BODY_LIMIT }),
    async (req, res, next) => {
      try {
        const name = String(req.params.name);
        const nonce = verifySignature(req, secret);
        const handle = async () => {
          let json: unknown;
          try {
            json = JSON.parse((req.body as Buffer).toString('utf8'));
          } catch {
            throw new AppError('invalid_request', 'The request body is not valid JSON', 'body');
          }
          return WHMCS_HOOKS[name]({ body: parseWith(hookBody, json, 'body'), deps });
        };
        let reply;
        if (READ_ONLY_HOOKS.has(name)) {
          const [admitted, handled] = await Promise.allSettled([recordNonce(nonces, nonce), handle()]);
          if (admitted.status === 'rejected') throw admitted.reason;
          if (handled.status === 'rejected') throw handled.reason;
          reply = handled.value;
        } else {
          await recordNonce(nonces, nonce);
          reply = await handle();
        }
        res.json({ result: reply.result, effects: reply.effects ?? [], mask: reply.mask ?? [] });
      } catch (e) {
        next(e);
      }
    },
  );
  return router;
}
