/**
 * GoGetSSL's SupplierDefinition: endpoints, credentials and how to build the adapter
 * (client → api → adapter). The supplier registry calls create() with the admin's stored
 * settings; it throws nothing itself (missing credentials surface as auth_failed on the
 * first call, which the connection check shows).
 */
import type { SupplierDefinition } from '../definition';
import { HttpTransport } from '../http';
import { Limiter } from '../limiter';
import { GoGetSslSupplier, GOGETSSL_CAPABILITIES } from './adapter';
import { GoGetSslApi } from './api';
import { GoGetSslClient, maskingCallLog, SUPPLIER_CODE } from './client';
import { DISPLAY_NAME } from './map';

export const GOGETSSL_ENDPOINTS = {
  live: 'https://my.gogetssl.com/api',
  test: 'https://sandbox.gogetssl.com/api',
} as const;

export const definition: SupplierDefinition = {
  code: SUPPLIER_CODE,
  displayName: DISPLAY_NAME,
  capabilities: GOGETSSL_CAPABILITIES,
  testSystem: {
    available: true,
    note: 'GoGetSSL runs a sandbox at sandbox.gogetssl.com with its own account: register there, create an API password in its client area and enter those credentials here (live credentials do not work on the sandbox). Sandbox orders are never issued by a real CA.',
  },
  credentialFields: [
    { key: 'login', label: 'API login', secret: false, required: true, help: 'The e-mail address you sign in to the GoGetSSL client area with.' },
    { key: 'password', label: 'API password', secret: true, required: true, help: 'Generated in the GoGetSSL client area under Reseller Modules → API settings (not your account password).' },
  ],
  create(settings, context) {
    const transport = new HttpTransport({
      supplier: SUPPLIER_CODE,
      displayName: DISPLAY_NAME,
      limiter: new Limiter(settings.maxConcurrency ?? 10),
      callLog: maskingCallLog(context.callLog),
      timeoutMs: context.timeoutMs,
    });
    const client = new GoGetSslClient({
      baseUrl: settings.baseUrl ?? GOGETSSL_ENDPOINTS[settings.mode],
      login: settings.credentials.login ?? '',
      password: settings.credentials.password ?? '',
      transport,
    });
    return new GoGetSslSupplier(new GoGetSslApi(client));
  },
};
