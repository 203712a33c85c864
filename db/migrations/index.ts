/**
 * The ordered list of migrations. Names sort in execution order; never rename or edit a
 * released migration: add a new one.
 */
import type { Migration } from 'kysely';
import * as core from './0001_core';
import * as supplierSettings from './0002_supplier_settings';
import * as admin from './0003_admin';
import * as outboxLease from './0004_outbox_lease';

export const migrations: Record<string, Migration> = {
  '0001_core': core,
  '0002_supplier_settings': supplierSettings,
  '0003_admin': admin,
  '0004_outbox_lease': outboxLease,
};
