/**
 * Size of the built admin app: gzip bytes of its JavaScript and CSS (all chunks, and what the
 * first page needs), against the 200 KB budget and against a baseline built in the same run —
 * a bare Vue 3 + vue-router app through the same Vite and plugin, i.e. the framework floor
 * the app cannot go below. Builds the app first when admin-ui/dist is missing or stale.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import vue from '@vitejs/plugin-vue';
import { build } from 'vite';
import { ADMIN_DIST, ensureAdminBuild } from '../support/admin-ui';
import { printTable } from './stats';

const BUDGET_KB = 200;

interface Sizes {
  js: number;
  css: number;
  /** Files index.html loads before any page: entry script, preloads, stylesheets. */
  entry: number;
}

const gz = (path: string) => gzipSync(readFileSync(path)).length / 1024;

/** gzip KB of every .js and .css under dist/assets, and of what index.html references. */
export function measure(dist: string): Sizes {
  const assets = join(dist, 'assets');
  const files = readdirSync(assets);
  const sum = (ext: string) => files.filter((f) => f.endsWith(ext)).reduce((t, f) => t + gz(join(assets, f)), 0);
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="[^"]*\/assets\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  return { js: sum('.js'), css: sum('.css'), entry: referenced.reduce((t, f) => t + gz(join(assets, f)), 0) };
}

/** Builds the framework floor: createApp + createRouter with one route, nothing else. */
async function buildFloor(): Promise<Sizes> {
  const root = mkdtempSync(join(tmpdir(), 'cb-vue-floor-'));
  try {
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><html><body><div id="app"></div><script type="module" src="/src/main.ts"></script></body></html>');
    writeFileSync(join(root, 'src/App.vue'), '<template><RouterView /></template>');
    writeFileSync(
      join(root, 'src/main.ts'),
      `import { createApp, h } from 'vue';
       import { createRouter, createWebHistory } from 'vue-router';
       import App from './App.vue';
       const router = createRouter({ history: createWebHistory('/admin/'), routes: [{ path: '/', component: { render: () => h('p', 'hello') } }] });
       createApp(App).use(router).mount('#app');`,
    );
    await build({
      root,
      base: '/admin/',
      configFile: false,
      logLevel: 'silent',
      plugins: [vue()],
      resolve: { alias: { vue: join(process.cwd(), 'node_modules/vue'), 'vue-router': join(process.cwd(), 'node_modules/vue-router') } },
      build: { outDir: join(root, 'dist'), emptyOutDir: true, target: 'es2022' },
    });
    return measure(join(root, 'dist'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchAdminSize(): Promise<void> {
  await ensureAdminBuild();
  const ours = measure(ADMIN_DIST);
  const floor = await buildFloor();
  printTable('Admin app size, gzip (baseline = bare Vue 3 + vue-router app built the same way)', [
    { metric: 'JavaScript, all chunks', baseline: floor.js, ours: ours.js, unit: 'KB' },
    { metric: 'entry, before any page', baseline: floor.entry, ours: ours.entry, unit: 'KB' },
  ]);
  printTable(`Admin app size against the ${BUDGET_KB} KB budget (baseline = the budget)`, [
    { metric: 'JavaScript, all chunks', baseline: BUDGET_KB, ours: ours.js, unit: 'KB' },
    { metric: 'CSS', baseline: BUDGET_KB, ours: ours.css, unit: 'KB' },
    { metric: 'JavaScript + CSS', baseline: BUDGET_KB, ours: ours.js + ours.css, unit: 'KB', target: `≤ ${BUDGET_KB} KB (≤ 1.00×)` },
  ]);
}
