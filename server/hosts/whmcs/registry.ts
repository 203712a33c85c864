/**
 * Hook name → handler. The name is the WHMCS module function without the "certbridge_"
 * prefix; the shim posts to /whmcs/v1/hooks/{name}.
 */
import type { HookHandler } from './hook-context';
import { createAccount, renew, suspendAccount, terminateAccount, unsuspendAccount } from './hooks/lifecycle';
import { prepareCsr, sslStepOne, sslStepThree, sslStepTwo } from './hooks/configure';
import { clientArea } from './hooks/client-area';
import { download } from './hooks/download';
import { adminServicesTabFields, cancelOrder, resendConfigurationEmail, syncStatus } from './hooks/admin';
import { listProducts, listSuppliers, testConnection } from './hooks/connection';
import { adminSession } from './hooks/admin-session';
import { outboxAck, outboxPull } from './hooks/outbox';

export const WHMCS_HOOKS: Readonly<Record<string, HookHandler>> = Object.freeze({
  TestConnection: testConnection,
  ListSuppliers: listSuppliers,
  ListProducts: listProducts,
  CreateAccount: createAccount,
  TerminateAccount: terminateAccount,
  SuspendAccount: suspendAccount,
  UnsuspendAccount: unsuspendAccount,
  Renew: renew,
  SSLStepOne: sslStepOne,
  SSLStepTwo: sslStepTwo,
  SSLStepThree: sslStepThree,
  PrepareCsr: prepareCsr,
  ClientArea: clientArea,
  Download: download,
  ResendConfigurationEmail: resendConfigurationEmail,
  SyncStatus: syncStatus,
  CancelOrder: cancelOrder,
  AdminServicesTabFields: adminServicesTabFields,
  AdminSession: adminSession,
  OutboxPull: outboxPull,
  OutboxAck: outboxAck,
});

/** Hooks that never write: they may run while the request's nonce is being recorded. */
export const READ_ONLY_HOOKS: ReadonlySet<string> = new Set(['ClientArea', 'AdminServicesTabFields', 'ListSuppliers', 'ListProducts', 'Download']);
