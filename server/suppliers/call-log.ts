/**
 * A record of every supplier API call, for the operator. The WHMCS edge writes them into
 * tblmodulelog while WHMCS's Module Debug Logging is on (hosts/whmcs/module-log.ts); secrets
 * are replaced by asterisks before anything is stored.
 */
export interface SupplierCallEntry {
  supplier: string;
  action: string;
  request: string;
  response: string;
  /** Values to mask in request and response (passwords, API keys, auth tokens). */
  secrets: string[];
}

export interface SupplierCallLog {
  record(entry: SupplierCallEntry): void;
}

export const NO_CALL_LOG: SupplierCallLog = { record: () => undefined };
