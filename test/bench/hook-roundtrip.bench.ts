/**
 * Hook round trip through the real PHP shim: N ClientArea calls from one PHP process, a fresh
 * curl handle per call as a WHMCS page load has, against a server holding an issued
 * certificate. Baseline ("floor"), measured in the same run: the same PHP curl to a server
 * endpoint that returns a constant without auth or database.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { startTestServer } from '../support/server';
import { callHook } from '../support/hooks';
import { OpensslDir } from '../support/openssl';
import { percentile, printTable } from './stats';

const run = promisify(execFile);

interface BenchOutput {
  samplesMs: number[];
  errors: number;
  firstError: string | null;
}

async function phpBench(args: string[]): Promise<BenchOutput> {
  const { stdout } = await run('php', ['test/whmcs-emulator/bench-clientarea.php', ...args], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout) as BenchOutput;
}

export async function benchHookRoundTrip(iterations = Number(process.env.BENCH_HOOK_ITERATIONS ?? 1000)): Promise<void> {
  const srv = await startTestServer({ label: 'bench' });
  try {
    const conn = await mysql.createConnection(srv.database.url);
    await conn.query('UPDATE tblservers SET hostname = ?, accesshash = ? WHERE id = 1', [`127.0.0.1:${srv.port}`, srv.secret]);
    await conn.end();
    // A realistic page: service 1 holds an issued certificate.
    await callHook(srv, 'CreateAccount', { serviceid: 1, userid: 1 });
    const csr = new OpensslDir().csr('shop.mueller-soehne.example').csr;
    await callHook(srv, 'SSLStepTwo', { serviceid: 1, userid: 1, csr, fields: {} });
    await callHook(srv, 'SSLStepThree', { serviceid: 1, userid: 1, approveremail: 'admin@shop.mueller-soehne.example', configdata: { approvalmethod: 'email' } });
    await srv.running.app.runner.runDue();
    await callHook(srv, 'SyncStatus', { serviceid: 1, userid: 1 });

    // Rounds alternate floor and ours, so machine noise falls on both sides alike.
    const rounds = 5;
    const common = [`--database=${srv.database.url}`, '--service=1', `--iterations=${Math.ceil(iterations / rounds)}`, '--warmup=30'];
    const floor: BenchOutput = { samplesMs: [], errors: 0, firstError: null };
    const ours: BenchOutput = { samplesMs: [], errors: 0, firstError: null };
    for (let r = 0; r < rounds; r++) {
      for (const [into, args] of [[floor, [...common, `--floor-url=${srv.url}/whmcs/v1/ping`]], [ours, common]] as const) {
        const out = await phpBench([...args]);
        into.samplesMs.push(...out.samplesMs);
        into.errors += out.errors;
        into.firstError ??= out.firstError;
      }
    }
    if (ours.errors || floor.errors) throw new Error(`benchmark calls failed: ${ours.firstError ?? floor.firstError}`);
    printTable(`Hook round trip, ClientArea through the real PHP shim (${iterations} calls, one PHP process; baseline = same curl to a constant endpoint)`, [
      { metric: 'p50', baseline: percentile(floor.samplesMs, 50), ours: percentile(ours.samplesMs, 50), unit: 'ms', target: '≤ 1.5×' },
      { metric: 'p99', baseline: percentile(floor.samplesMs, 99), ours: percentile(ours.samplesMs, 99), unit: 'ms' },
    ]);
  } finally {
    await srv.stop();
  }
}
