#!/usr/bin/env node
// The `certbell` bin. Runs the TypeScript sources directly (Node >= 24 strips types), so an older
// Node is told so here, in plain JavaScript, before any .ts file is loaded.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`certbell needs Node.js 24 or newer; this is Node.js ${process.versions.node} (${process.execPath}). `
    + 'Install Node 24, or run it from the repository with "npm run certbell -- <args>".\n');
  process.exit(1);
}

// Node's compile cache keeps each module's type-stripped and compiled code between runs, so a
// later start loads no TypeScript stripper at all (~18 MB less, and a faster start). Private to the
// user (0700): the cache holds code this process will run. NODE_DISABLE_COMPILE_CACHE=1 turns it off.
await enableCompileCache();

const [{ runCli, commandOf }, { quietOnClosedPipe }] = await Promise.all([import('./cli.ts'), import('./closed-pipe.ts')]);
// A long-running serve wants V8 flags that only apply from startup: the same process starts over with them.
if (commandOf(process.argv.slice(2)) === 'serve') (await import('./serve-runtime.ts')).reexecWithServeFlags(process);
const code = await runCli(process.argv.slice(2),
  { stdout: quietOnClosedPipe(process.stdout), stderr: quietOnClosedPipe(process.stderr), env: process.env });
process.exitCode = code;

async function enableCompileCache() {
  const [{ default: module }, { mkdirSync }, { homedir }, { join }] = await Promise.all([
    import('node:module'), import('node:fs'), import('node:os'), import('node:path')]);
  if (typeof module.enableCompileCache !== 'function' || process.env.NODE_DISABLE_COMPILE_CACHE) return;
  const dir = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'certbell', 'compile-cache');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    module.enableCompileCache(dir);
  } catch {
    return; // No cache (a read-only home, say): the same code, stripped on each start.
  }
  // Written at exit anyway; a long-running serve writes what it has loaded once it is up.
  setTimeout(() => module.flushCompileCache?.(), 5000).unref();
}
