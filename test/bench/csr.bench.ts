/**
 * CSR generation (RSA 2048 key + CSR): ours (node:crypto key, DER-built CSR) against
 * `openssl req -new -newkey rsa:2048 -nodes` measured in the same run. Samples alternate
 * so machine noise hits both sides alike.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { generatePrivateKey } from '../../server/crypto/keys';
import { buildCsr } from '../../server/crypto/csr';
import { percentile, printTable } from './stats';

const run = promisify(execFile);

export async function benchCsr(samples = Number(process.env.BENCH_CSR_SAMPLES ?? 40)): Promise<void> {
  const ours: number[] = [];
  const openssl: number[] = [];
  for (let i = 0; i < samples; i++) {
    let t = performance.now();
    const key = await generatePrivateKey({ type: 'rsa', bits: 2048 });
    buildCsr({ privateKeyPem: key, subject: { commonName: 'bench.example.com', organization: 'Bench Ltd', country: 'DE' }, altNames: ['bench.example.com', 'www.bench.example.com'] });
    ours.push(performance.now() - t);
    t = performance.now();
    await run('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', '/dev/null', '-subj', '/CN=bench.example.com/O=Bench Ltd/C=DE', '-addext', 'subjectAltName=DNS:bench.example.com,DNS:www.bench.example.com']);
    openssl.push(performance.now() - t);
  }
  printTable(`CSR generation, RSA 2048 key + CSR (${samples} samples each; baseline = openssl req)`, [
    { metric: 'p50', baseline: percentile(openssl, 50), ours: percentile(ours, 50), unit: 'ms', target: '≤ 1.5×' },
    { metric: 'p90', baseline: percentile(openssl, 90), ours: percentile(ours, 90), unit: 'ms' },
  ]);
}
