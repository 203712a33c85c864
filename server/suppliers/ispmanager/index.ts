/**
 * The ispmanager supplier definition (BILLmanager reseller API): static facts for the
 * settings page, and create(), which the registry calls to build client → api → adapter
 * from the admin's stored settings. No errors at build time: a missing credential or test
 * mode without an endpoint override makes every call fail with a clear SupplierError
 * instead, so one misconfigured supplier never stops the registry from building the others.
 */
import type { SupplierDefinition, SupplierSettings } from '../definition';
import { HttpTransport } from '../http';
import { Limiter } from '../limiter';
import { CAPABILITIES, IspmanagerSupplier } from './adapter';
import { IspmanagerApi } from './api';
import { IspmanagerClient } from './client';
import { CODE, DEFAULT_CURRENCY, DISPLAY_NAME, ENDPOINTS, type Region } from './identity';

const NO_TEST_SYSTEM = 'ispmanager has no test system: orders placed here are real and charged to the account balance';

export const definition: SupplierDefinition = {
  code: CODE,
  displayName: DISPLAY_NAME,
  capabilities: CAPABILITIES,
  testSystem: { available: false, note: NO_TEST_SYSTEM },
  credentialFields: [
    { key: 'email', label: 'Account e-mail', secret: false, required: true, help: 'The e-mail you sign in to the ispmanager billing with' },
    { key: 'password', label: 'Account password', secret: true, required: true, help: 'Sent as authinfo with every API call' },
    { key: 'region', label: 'Billing system', secret: false, required: false, help: 'eu (api-eu.ispmanager.com, default) or ru (api.ispmanager.ru) — where the account is registered' },
    { key: 'currency', label: 'Account currency', secret: false, required: false, help: 'Currency ispmanager bills the account in; default EUR for eu, RUB for ru' },
    { key: 'project', label: 'Provider (project) id', secret: false, required: false, help: 'Only if ispmanager support gave you one for the price list' },
  ],
  create(settings, context) {
    const region = regionOf(settings);
    const email = settings.credentials.email?.trim() ?? '';
    const password = settings.credentials.password ?? '';
    const transport = new HttpTransport({ supplier: CODE, displayName: DISPLAY_NAME, limiter: new Limiter(settings.maxConcurrency ?? 10), callLog: context.callLog, timeoutMs: context.timeoutMs });
    const client = new IspmanagerClient({ baseUrl: settings.baseUrl ?? ENDPOINTS[region], email, password, transport, refuse: refusal(settings, email, password) });
    const currency = (settings.credentials.currency?.trim() || DEFAULT_CURRENCY[region]).toUpperCase();
    return new IspmanagerSupplier(new IspmanagerApi(client), { currency, project: settings.credentials.project?.trim() || undefined });
  },
};

function regionOf(settings: SupplierSettings): Region {
  return settings.credentials.region?.trim().toLowerCase() === 'ru' ? 'ru' : 'eu';
}

function refusal(settings: SupplierSettings, email: string, password: string): string | undefined {
  // Test mode must never reach the real, charging API; an explicit endpoint (a proxy or a
  // fake) is the only way to run ispmanager in test mode.
  if (settings.mode === 'test' && !settings.baseUrl) return `${NO_TEST_SYSTEM}. Switch the supplier to live mode to use it.`;
  if (!email || !password) return `${DISPLAY_NAME} needs the account e-mail and password — enter them in the ispmanager settings`;
  return undefined;
}
