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
