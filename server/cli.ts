/**
 * The `certbridge` command: serve | migrate | worker | doctor. Configuration comes from
 * CERTBRIDGE_* environment variables (README); a problem with them is printed as one clear
 * block and the command exits 2.
 */
import { Command } from 'commander';
import { sql } from 'kysely';
import { ConfigError, loadConfig, type Config } from './config';
import { startServer } from './main';
import { buildApp } from './app';
import { migrateToLatest, pendingMigrations } from '../db/migrate';
import { openDatabase } from '../db/connection';
import { AdminAuth } from './admin/auth';

function config(): Config {
  try {
    return loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

function onSignals(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      stop().then(() => process.exit(0), () => process.exit(1));
    });
  }
}

const program = new Command();
program.name('certbridge').description('SSL certificate reselling for WHMCS: server, worker and tools');

program
  .command('serve')
  .description('run pending migrations, then serve WHMCS hooks and run background jobs')
  .option('--no-jobs', 'serve HTTP only (run `certbridge worker` elsewhere)')
  .action(async (opts: { jobs: boolean }) => {
    const running = await startServer(config(), { runJobs: opts.jobs });
    process.stdout.write(`certbridge listening on ${running.url}\n`);
    onSignals(running.stop);
  });

program
  .command('migrate')
  .description('apply pending database migrations (mod_certbridge_* tables) and exit')
  .action(async () => {
    const { databaseUrl } = config();
    const handle = openDatabase(databaseUrl, { connectionLimit: 1 });
    try {
      const { applied } = await migrateToLatest(handle.db);
      process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    } finally {
      await handle.close();
    }
  });

program
  .command('worker')
  .description('run background jobs only (any number of workers may run against one database)')
  .action(async () => {
    const app = buildApp(config());
    await migrateToLatest(app.dbHandle.db);
    app.runner.start(app.config.jobPollMs);
    process.stdout.write('certbridge worker running\n');
    onSignals(app.close);
  });

program
  .command('suppliers')
  .description('list the suppliers certbridge knows, whether each is configured, and its live/test mode')
  .action(async () => {
    const app = buildApp(config());
    try {
      await migrateToLatest(app.dbHandle.db);
      const stored = await app.supplierSettings.all();
      process.stdout.write('sandbox      built in      the embedded sandbox CA (always available)\n');
      for (const def of app.deps.suppliers.definitionsList()) {
        const s = stored.find((x) => x.code === def.code);
        const state = !s ? 'not configured' : !s.enabled ? 'disabled' : s.mode;
        const fields = def.credentialFields.map((f) => `${f.key}${s?.credentials[f.key] ? ' (set)' : ''}`).join(', ');
        process.stdout.write(`${def.code.padEnd(12)} ${state.padEnd(13)} ${def.displayName}; credentials: ${fields}${def.testSystem.available ? '' : `; ${def.testSystem.note}`}\n`);
      }
    } finally {
      await app.close();
    }
  });

program
  .command('supplier')
  .description('configure one supplier: credentials (stored encrypted), live/test mode, endpoint, concurrency cap')
  .argument('<code>', 'supplier code, e.g. hexonet, enom, gogetssl, ispmanager')
  .option('--mode <mode>', 'live or test')
  .option('--set <key=value...>', 'a credential, e.g. --set login=reseller (an empty value clears it; "key=-" reads the value from standard input)')
  .option('--base-url <url>', 'endpoint override (a proxy); empty to use the supplier default')
  .option('--max-concurrency <n>', 'requests in flight to this supplier per process', (v) => Number(v))
  .option('--disable', 'keep the settings but stop using the supplier')
  .option('--enable', 'use the supplier again')
  .action(async (code: string, opts: { mode?: string; set?: string[]; baseUrl?: string; maxConcurrency?: number; disable?: boolean; enable?: boolean }) => {
    const app = buildApp(config());
    try {
      await migrateToLatest(app.dbHandle.db);
      const def = app.deps.suppliers.definition(code);
      if (opts.mode && opts.mode !== 'live' && opts.mode !== 'test') throw new Error('--mode must be live or test');
      const credentials: Record<string, string> = {};
      for (const pair of opts.set ?? []) {
        const i = pair.indexOf('=');
        if (i < 1) throw new Error(`--set ${pair}: use key=value`);
        let value = pair.slice(i + 1);
        if (value === '-') value = (await readStdin()).trim();
        credentials[pair.slice(0, i)] = value;
      }
      const saved = await app.supplierSettings.save(def, {
        mode: opts.mode as 'live' | 'test' | undefined,
        credentials,
        baseUrl: opts.baseUrl === undefined ? undefined : opts.baseUrl || null,
        maxConcurrency: opts.maxConcurrency,
        enabled: opts.disable ? false : opts.enable ? true : undefined,
      });
      await app.deps.suppliers.refresh();
      let check = '';
      if (saved.enabled) {
        try {
          check = `connection ok: ${(await app.deps.suppliers.get(code).checkConnection()).detail}`;
        } catch (e) {
          check = `saved, but the connection check failed: ${(e as Error).message}`;
        }
      }
      process.stdout.write(`${def.displayName}: ${saved.enabled ? saved.mode : 'disabled'}; credentials set: ${Object.keys(saved.credentials).join(', ') || 'none'}\n${check}\n`);
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exitCode = 1;
    } finally {
      await app.close();
    }
  });

async function readStdin(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  return data;
}

program
  .command('admin-link')
  .description('print a one-time sign-in link to the admin app for a WHMCS admin (valid 60 s; WHMCS\'s addon page does this for you)')
  .option('--admin <id>', 'tbladmins id of the WHMCS admin', (v) => Number(v), 1)
  .option('--base-url <url>', 'address of this server as the browser reaches it', '')
  .action(async (opts: { admin: number; baseUrl: string }) => {
    const app = buildApp(config());
    try {
      await migrateToLatest(app.dbHandle.db);
      const { token, expiresAt } = await new AdminAuth(app.dbHandle.db).issueLoginToken(opts.admin);
      const base = (opts.baseUrl || `http://${app.config.host}:${app.config.port}`).replace(/\/$/, '');
      process.stdout.write(`${base}/admin/#token=${token}\n(single use, expires ${expiresAt})\n`);
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exitCode = 1;
    } finally {
      await app.close();
    }
  });

program
  .command('doctor')
  .description('check configuration, database, migrations and suppliers')
  .action(async () => {
    const app = buildApp(config());
    let ok = true;
    const line = (good: boolean, text: string) => {
      ok &&= good;
      process.stdout.write(`${good ? 'ok  ' : 'FAIL'} ${text}\n`);
    };
    try {
      await sql`SELECT 1`.execute(app.dbHandle.db);
      line(true, 'database reachable');
      const pending = await pendingMigrations(app.dbHandle.db);
      line(pending.length === 0, pending.length ? `migrations pending: ${pending.join(', ')}` : 'migrations current');
      for (const s of app.deps.suppliers.all()) {
        try {
          line(true, `${s.displayName}: ${(await s.checkConnection()).detail}`);
        } catch (e) {
          line(false, `${s.displayName}: ${(e as Error).message}`);
        }
      }
    } catch (e) {
      line(false, `database: ${(e as Error).message}`);
    } finally {
      await app.close();
    }
    process.exit(ok ? 0 : 1);
  });

program.parseAsync(process.argv).catch((e) => {
  process.stderr.write(`certbridge: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
