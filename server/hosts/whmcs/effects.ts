/**
 * Effects: work the shim performs inside WHMCS after a hook returns (localAPI calls), so
 * the server never needs WHMCS API credentials. The PHP side is
 * whmcs-shim/modules/servers/certbridge/lib; keep the shapes in step.
 */
import { createHash } from 'node:crypto';

export type Effect =
  | { type: 'sendEmail'; messagename: string; id: number; customvars?: Record<string, string> }
  | { type: 'updateClientProduct'; values: Record<string, string | number> }
  | { type: 'logActivity'; description: string; userId: number };

export interface HookReply {
  result: unknown;
  effects?: Effect[];
  /** Strings the shim must mask in logModuleCall. */
  mask?: string[];
}

export const CONFIGURATION_EMAIL = 'SSL Certificate Configuration Required';
export const ISSUED_EMAIL = 'SSL Certificate Issued';

/** configuressl.php's link: WHMCS finds the order by md5 of its decimal id. */
export function configureLink(systemUrl: string, sslOrderId: number): string {
  return `${systemUrl}configuressl.php?cert=${createHash('md5').update(String(sslOrderId)).digest('hex')}`;
}

export function configurationEmail(serviceId: number, link: string): Effect {
  return { type: 'sendEmail', messagename: CONFIGURATION_EMAIL, id: serviceId, customvars: { ssl_configuration_link: link } };
}
