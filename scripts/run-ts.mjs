#!/usr/bin/env node
// Runs a TypeScript entry point with plain Node, so npm scripts (bench:*, demo:generate)
// need no global tools: `node scripts/run-ts.mjs bench/detect.ts --sizes 100000`.
// It re-launches Node with tsx's loader registered and passes arguments, stdio and the
// exit code through unchanged.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('run-ts: usage: node scripts/run-ts.mjs <file.ts> [arguments…]');
  process.exit(64);
}
const file = resolve(entry);
if (!existsSync(file)) {
  console.error(`run-ts: ${entry} does not exist`);
  process.exit(66);
}
// Resolved from this repository, so the loader is found whatever the working directory.
let loader;
try {
  loader = import.meta.resolve('tsx');
} catch {
  console.error('run-ts: the tsx package is not installed; run "npm install" first');
  process.exit(69);
}

const child = spawn(process.execPath, [...process.execArgv, '--import', loader, file, ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (error) => {
  console.error(`run-ts: could not start node: ${error.message}`);
  process.exit(70);
});
child.on('exit', (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exit(code ?? 1);
});
