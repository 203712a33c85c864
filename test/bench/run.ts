/** `npm run bench`: every benchmark, each printed beside its baseline from the same run. */
import { benchCsr } from './csr.bench';
import { benchHookRoundTrip } from './hook-roundtrip.bench';
import { benchSupplierSync } from './supplier-sync.bench';
import { benchAdminSize } from './admin-size.bench';
import { benchApply } from './apply.bench';

const only = process.argv[2];
if (!only || only === 'csr') await benchCsr();
if (!only || only === 'hooks') await benchHookRoundTrip();
if (!only || only === 'sync') await benchSupplierSync();
if (!only || only === 'apply') await benchApply();
if (!only || only === 'admin-size') await benchAdminSize();
process.exit(0);
