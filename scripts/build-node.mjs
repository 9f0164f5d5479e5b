#!/usr/bin/env node
// Bundles the Node-side entry points with esbuild:
//   main → dist/main/main.cjs and dist/main/preload.cjs (CommonJS: a sandboxed
//          preload cannot be an ES module, and may require only 'electron')
//   cli  → dist/cli/caudal.mjs (ESM, runnable as `caudal` through package.json bin)
// Usage: node scripts/build-node.mjs main|cli [--outdir <dir>]
import { build } from 'esbuild';
import { chmodSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`build-node: ${message}`);
  process.exit(1);
}

function parseArguments(argv) {
  const [target, ...rest] = argv;
  let outdir;
  for (let index = 0; index < rest.length; index += 1) {
    if (rest[index] === '--outdir' && rest[index + 1]) outdir = resolve(rest[++index]);
    else fail(`unknown option ${rest[index]}; usage: node scripts/build-node.mjs main|cli [--outdir <dir>]`);
  }
  if (target !== 'main' && target !== 'cli') fail(`expected "main" or "cli", got ${target === undefined ? 'nothing' : `"${target}"`}`);
  return { target, outdir };
}

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  logLevel: 'warning',
  legalComments: 'none',
  sourcemap: false,
};

async function buildMain(outdir = join(root, 'dist/main')) {
  // Electron 39 runs Node 22 in the main process.
  await build({
    ...common,
    entryPoints: { main: join(root, 'main/main.ts'), preload: join(root, 'main/preload.ts') },
    outdir,
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    target: 'node22',
    external: ['electron'],
  });
  return [join(outdir, 'main.cjs'), join(outdir, 'preload.cjs')];
}

async function buildCli(outdir = join(root, 'dist/cli')) {
  const entry = join(root, 'cli/caudal.ts');
  if (!existsSync(entry)) {
    fail(`${relative(root, entry)} does not exist yet, so there is no command-line tool to build; the Electron shell and the web build do not need it (run "npm run build:main" or "npm run web").`);
  }
  const outfile = join(outdir, 'caudal.mjs');
  await build({
    ...common,
    entryPoints: [entry],
    outfile,
    format: 'esm',
    target: 'node20.19',
    // CommonJS dependencies bundled into an ES module still call require() for Node built-ins.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __caudalCreateRequire } from 'node:module';\nconst require = __caudalCreateRequire(import.meta.url);" },
  });
  chmodSync(outfile, 0o755);
  return [outfile];
}

const { target, outdir } = parseArguments(process.argv.slice(2));
try {
  const written = target === 'main' ? await buildMain(outdir) : await buildCli(outdir);
  console.log(`build-node: wrote ${written.map((file) => relative(root, file)).join(', ')}`);
} catch (error) {
  // esbuild has already printed the located errors; say which target failed.
  fail(`the ${target} bundle failed${error instanceof Error && !('errors' in error) ? `: ${error.message}` : ''}`);
}
