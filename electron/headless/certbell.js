#!/usr/bin/env node
// The `certbell` bin. Runs the TypeScript sources directly (Node >= 24 strips types).
import { runCli } from './cli.ts';

const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
