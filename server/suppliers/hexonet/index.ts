/**
 * The HEXONET supplier definition (suppliers.md §1): endpoints for live and OT&E, the
 * credentials the settings page asks for, and create(), which wires client → api → adapter.
 * The registry calls create(); it throws nothing (bad credentials surface on the first call).
 */
import type { SupplierDefinition } from '../definition';
import { HttpTransport } from '../http';
import { Limiter } from '../limiter';
import { HexonetSupplier, HEXONET_CAPABILITIES } from './adapter';
import { HexonetApi } from './api';
import { HexonetClient, LIVE_ENTITY, LIVE_URL, OTE_ENTITY, OTE_URL } from './client';
import { DISPLAY_NAME, SUPPLIER } from './map';

/** An override that is only a host (a proxy, a fake) gets HEXONET's path appended. */
function endpoint(baseUrl: string | undefined, mode: 'live' | 'test'): string {
  if (!baseUrl) return mode === 'test' ? OTE_URL : LIVE_URL;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return baseUrl; // not a URL: every call then fails with "could not be reached", naming the problem
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/api/call.cgi';
  return url.toString();
}

export const definition: SupplierDefinition = {
  code: SUPPLIER,
  displayName: DISPLAY_NAME,
  capabilities: HEXONET_CAPABILITIES,
  testSystem: {
    available: true,
    note: 'Test mode uses HEXONET’s OT&E system (api-ote.ispapi.net, system entity 1234) and needs a separate OT&E login; nothing ordered there is charged or publicly trusted.',
  },
  credentialFields: [
    { key: 'login', label: 'Login', secret: false, required: true, help: 'Your HEXONET account name, or account!role for a role user limited to the SSL commands.' },
    { key: 'password', label: 'Password', secret: true, required: true },
  ],
  create(settings, context) {
    // Newer SDKs switch both host and entity for OT&E; we do the same (suppliers.md §1.1).
    const mode = settings.mode;
    const transport = new HttpTransport({
      supplier: SUPPLIER,
      displayName: DISPLAY_NAME,
      limiter: new Limiter(settings.maxConcurrency ?? 10),
      callLog: context.callLog,
      timeoutMs: context.timeoutMs,
    });
    const client = new HexonetClient({
      url: endpoint(settings.baseUrl, mode),
      entity: mode === 'test' ? OTE_ENTITY : LIVE_ENTITY,
      login: settings.credentials.login ?? '',
      password: settings.credentials.password ?? '',
      transport,
    });
    return new HexonetSupplier(new HexonetApi(client), { mode, log: context.log });
  },
};
