#!/usr/bin/env node
// The `certbridge` command (package.json "bin"). Runs the TypeScript CLI through tsx's
// loader, so there is no separate build step to forget.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
await import(fileURLToPath(new URL('../server/cli.ts', import.meta.url)));
