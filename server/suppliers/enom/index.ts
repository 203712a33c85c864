/**
 * The Enom supplier definition: endpoints (live reseller.enom.com, test
 * resellertest.enom.com), the credentials the settings page asks for, and how an adapter is
 * built — HttpTransport with the account's concurrency cap → EnomClient → EnomApi →
 * EnomSupplier.
 *
 * Called by the supplier registry. `create` never throws (the registry builds every supplier
 * in one go): missing credentials surface as Enom's own auth_failed on the first call.
 */
import type { SupplierDefinition } from '../definition';
import { HttpTransport } from '../http';
import { Limiter } from '../limiter';
import { EnomApi } from './api';
import { EnomClient } from './client';
import { ENOM_CAPABILITIES, EnomSupplier } from './adapter';
import { ledgerFor } from './ledger';
import { ENOM } from './map';

export const ENOM_ENDPOINTS = {
  live: 'https://reseller.enom.com/interface.asp',
  test: 'https://resellertest.enom.com/interface.asp',
} as const;

/** Accepts a base URL ("http://127.0.0.1:8123") or the full interface.asp address. */
function endpointFrom(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, '');
  return /\/interface\.asp$/i.test(trimmed) ? trimmed : `${trimmed}/interface.asp`;
}

export const definition: SupplierDefinition = {
  code: ENOM.code,
  displayName: ENOM.displayName,
  capabilities: ENOM_CAPABILITIES,
  testSystem: {
    available: true,
    note:
      "Enom's test system is resellertest.enom.com. Create the test account from your live account (Enom control panel, test account page); it has its own login, a resettable $5,000 test balance and its own API IP allow-list, which must contain this server's IP address. Test orders never issue real certificates.",
  },
  credentialFields: [
    { key: 'uid', label: 'Login ID', secret: false, required: true, help: 'Your Enom reseller login ID (for test mode, the test account on resellertest.enom.com).' },
    { key: 'pw', label: 'API token or password', secret: true, required: true, help: 'An API token from Resellers > Manage > API, or the account password. Add this server\'s IP address on the same page.' },
    { key: 'endUserIp', label: 'End-user IP address', secret: false, required: false, help: "Sent as EndUserIP with each purchase for Enom's fraud checks; defaults to 127.0.0.1. Use this server's public IP address." },
  ],
  create(settings, context) {
    const uid = settings.credentials.uid?.trim() ?? '';
    const pw = settings.credentials.pw ?? '';
    const endpoint = settings.baseUrl ? endpointFrom(settings.baseUrl) : ENOM_ENDPOINTS[settings.mode];
    const transport = new HttpTransport({
      supplier: ENOM.code,
      displayName: ENOM.displayName,
      limiter: new Limiter(settings.maxConcurrency ?? 10),
      callLog: context.callLog,
      timeoutMs: context.timeoutMs,
    });
    const api = new EnomApi(new EnomClient({ endpoint, uid, pw, transport }));
    return new EnomSupplier(api, {
      mode: settings.mode,
      account: uid,
      endUserIp: settings.credentials.endUserIp?.trim() || '127.0.0.1',
      ledger: ledgerFor(endpoint, uid),
      now: () => new Date(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      certLookup: { attempts: 4, delayMs: 5_000 },
      unknownPurchaseGraceMs: 120_000,
    });
  },
};
