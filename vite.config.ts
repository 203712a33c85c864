import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const adminRoot = fileURLToPath(new URL('./admin-ui', import.meta.url));

// One config for the test runner and for the admin app build. `vite build` builds admin-ui/
// (served by the server under /admin/); vitest keeps the repo root, so only the build
// command moves the root.
export default defineConfig(({ command }) => ({
  ...(command === 'build'
    ? {
        root: adminRoot,
        base: '/admin/',
        plugins: [vue()],
        build: {
          outDir: fileURLToPath(new URL('./admin-ui/dist', import.meta.url)),
          emptyOutDir: true,
          // The iframe is loaded by current WHMCS admins' browsers only.
          target: 'es2022',
          sourcemap: false,
        },
      }
    : {}),
  test: {
    include: ['server/**/*.test.ts', 'db/**/*.test.ts', 'test/**/*.test.ts'],
    // Every database test creates its own MariaDB schema, so files can run in parallel;
    // two workers match the two cores CI has.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
}));
