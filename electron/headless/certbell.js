#!/usr/bin/env node
// The `certbell` bin. Runs the TypeScript sources directly (Node >= 24 strips types), so an older
// Node is told so here, in plain JavaScript, before any .ts file is loaded.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`certbell needs Node.js 24 or newer; this is Node.js ${process.versions.node} (${process.execPath}). `
    + 'Install Node 24, or run it from the repository with "npm run certbell -- <args>".\n');
  process.exit(1);
}

const [{ runCli }, { quietOnClosedPipe }] = await Promise.all([import('./cli.ts'), import('./closed-pipe.ts')]);
const code = await runCli(process.argv.slice(2),
  { stdout: quietOnClosedPipe(process.stdout), stderr: quietOnClosedPipe(process.stderr), env: process.env });
process.exitCode = code;
