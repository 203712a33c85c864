/** `npm run bench`: every benchmark, each printed beside its baseline from the same run. */
import { benchCsr } from './csr.bench';
import { benchHookRoundTrip } from './hook-roundtrip.bench';

const only = process.argv[2];
if (!only || only === 'csr') await benchCsr();
if (!only || only === 'hooks') await benchHookRoundTrip();
process.exit(0);
