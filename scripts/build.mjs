// Builds everything `npm start`, the e2e tests and electron-builder need into dist/:
//   dist/main/web.mjs            browser mode (plain Node)
//   dist/main/electron-main.mjs  Electron's main process
//   dist/main/preload.cjs        the sandboxed preload (CommonJS, as sandboxed preloads must be)
//   dist/renderer/               the renderer, shared by both shells
//   dist/sim/pgx-sim.mjs         the GB10 simulator's executables (test bed shims)
import { build as esbuild } from 'esbuild';
import { writeFileSync, mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const started = performance.now();
const onlyMain = process.argv.includes('--main-only');

// Native modules and Electron itself stay outside the bundle.
const external = ['electron', 'ssh2', 'node-pty', 'cpu-features'];
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: 'linked', external, logLevel: 'warning', legalComments: 'none' };

await Promise.all([
  esbuild({
    ...common,
    entryPoints: { web: 'main/web/cli.ts', 'electron-main': 'main/electron/main.ts' },
    outdir: 'dist/main',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
    banner: { js: "import { createRequire as __pgxRequire } from 'node:module'; const require = __pgxRequire(import.meta.url);" },
  }),
  // The GB10 simulator as one self-contained file: the test harness copies it next to the shims.
  esbuild({
    ...common,
    external: [],
    entryPoints: { 'pgx-sim': 'main/demo/sim/shim-cli.ts' },
    outdir: 'dist/sim',
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    sourcemap: false,
    banner: { js: "import { createRequire as __pgxRequire } from 'node:module'; const require = __pgxRequire(import.meta.url);" },
  }),
  esbuild({
    ...common,
    entryPoints: { preload: 'main/electron/preload.ts' },
    outdir: 'dist/main',
    format: 'cjs',
    outExtension: { '.js': '.cjs' },
  }),
]);

if (!onlyMain) {
  const { build: viteBuild } = await import('vite');
  await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
}

mkdirSync('dist', { recursive: true });
writeFileSync('dist/.build-stamp', new Date().toISOString() + '\n');
process.stdout.write(`Built PGX Companion in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
