/**
 * Every supplier certbridge can talk to besides the built-in sandbox. Adding a supplier:
 * a folder with client.ts, api.ts, adapter.ts, map.ts and index.ts exporting its definition,
 * a fake in test/fakes/, and one line here.
 */
import type { SupplierDefinition } from './definition';
import { definition as hexonet } from './hexonet/index';
import { definition as gogetssl } from './gogetssl/index';
import { definition as ispmanager } from './ispmanager/index';
import { definition as enom } from './enom/index';

export const SUPPLIER_DEFINITIONS: SupplierDefinition[] = [hexonet, enom, gogetssl, ispmanager];
