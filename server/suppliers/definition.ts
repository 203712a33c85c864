/**
 * How a supplier is described and built. Each supplier folder exports one
 * SupplierDefinition; the registry builds live Supplier objects from a definition plus the
 * admin's stored settings (credentials decrypted, live/test switch). Definitions are static
 * facts: what the supplier can do, which credentials it needs, whether it has a test system.
 */
import type { Logger } from '../logger';
import type { Capabilities, Supplier } from './supplier';
import type { SupplierCallLog } from './call-log';

export interface CredentialField {
  key: string;
  label: string;
  secret: boolean;
  required: boolean;
  help?: string;
}

export interface SupplierSettings {
  mode: 'live' | 'test';
  credentials: Record<string, string>;
  /** Optional endpoint override (a proxy, or a fake server in tests). */
  baseUrl?: string;
  /** Concurrent requests allowed to this supplier from one process. */
  maxConcurrency?: number;
}

export interface SupplierContext {
  log: Logger;
  callLog: SupplierCallLog;
  /** Milliseconds before a single supplier request is abandoned. */
  timeoutMs: number;
}

export interface SupplierDefinition {
  code: string;
  displayName: string;
  capabilities: Capabilities;
  /** Whether a test system exists; `note` is shown on the settings page either way. */
  testSystem: { available: boolean; note: string };
  credentialFields: CredentialField[];
  create(settings: SupplierSettings, context: SupplierContext): Supplier;
}
