/**
 * Is the hooks file valid JavaScript? Compiled, never run (its top-level code runs only when a hook
 * runs), the way `node --check` does it, but in a worker thread of this process: the desktop app
 * has no Node binary to spawn (its execPath is Electron, and with the runAsNode fuse off it never
 * turns into Node), and config loading is synchronous, so the caller waits on the worker.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * Runs in the worker (CommonJS, `--experimental-vm-modules` for vm.SourceTextModule, which parses a
 * module without linking or evaluating it). A module's SyntaxError carries no position through any
 * public API, so its line is found from prefixes of the file: the parser reads left to right, so the
 * first N lines fail with the same message however they are continued exactly when N reaches it
 * (where `node --check` may name the line before, when what is missing belongs at a line's end).
 */
const CHECKER = String.raw`
const { workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { extname } = require('node:path');
const { pathToFileURL } = require('node:url');
const nodeModule = require('node:module');
const vm = require('node:vm');
const { path, port, signal } = workerData;

const CJS_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname'];
// The CommonJS errors after which Node runs an ambiguous .js file as a module (its module detection).
const MODULE_ONLY = ['Cannot use import statement outside a module', "Unexpected token 'export'",
  "Cannot use 'import.meta' outside a module", 'await is only valid in async functions and the top level bodies of modules',
  ...['module', 'exports', 'require', '__filename', '__dirname'].map((name) => "Identifier '" + name + "' has already been declared")];

function format(ext) {
  if (ext === '.mjs' || ext === '.mts') return 'module';
  if (ext === '.cjs' || ext === '.cts') return 'commonjs';
  try {
    const pkg = nodeModule.findPackageJSON?.(pathToFileURL(path));
    const type = pkg ? JSON.parse(readFileSync(pkg, 'utf8')).type : undefined;
    if (type === 'module' || type === 'commonjs') return type;
  } catch { /* no readable package.json: as Node, detect */ }
  return 'detect';
}

function moduleError(source) {
  try { new vm.SourceTextModule(source, { identifier: path }); return null; } catch (error) { return error; }
}

function commonjsError(source) {
  try { vm.compileFunction(source, CJS_PARAMS, { filename: path }); return null; } catch (error) { return error; }
}

function describe(error, line) {
  const what = (error?.name ?? 'Error') + ': ' + (error?.message ?? String(error));
  return line ? what + ' (line ' + line + ')' : what;
}

function commonjsProblem(error) {
  const first = String(error?.stack ?? '').split('\n')[0];
  return describe(error, first.startsWith(path + ':') ? first.slice(path.length + 1) : null);
}

// Text that cannot continue what comes before it, in two ways: a prefix failing with the message
// whatever follows fails inside itself, not merely because it was cut.
const ENDINGS = ['\n@@@', '\n)'];

function failsWithin(text, message) {
  return ENDINGS.every((ending) => moduleError(text + ending)?.message === message);
}

function moduleProblem(source, error) {
  const lines = source.split('\n');
  // The file ends too early (an unclosed brace, template or comment): the line is its last.
  if (error.message === 'Unexpected end of input' || !failsWithin(source, error.message)) return describe(error, lines.length);
  let low = 1;
  let high = lines.length;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (failsWithin(lines.slice(0, middle).join('\n'), error.message)) high = middle;
    else low = middle + 1;
  }
  return describe(error, low);
}

function check() {
  let source = readFileSync(path, 'utf8');
  // A hashbang is allowed in both; as a comment it parses in a function body too, on the same line.
  if (source.startsWith('#!')) source = '//' + source.slice(2);
  const kind = format(extname(path));
  if (kind === 'module') {
    const error = moduleError(source);
    return error ? moduleProblem(source, error) : null;
  }
  const error = commonjsError(source);
  if (!error) return null;
  if (kind === 'detect' && MODULE_ONLY.includes(error.message)) {
    const asModule = moduleError(source);
    return asModule ? moduleProblem(source, asModule) : null;
  }
  return commonjsProblem(error);
}

let result = null;
try { result = check(); } catch { /* could not check: the hook runs will say what is wrong */ }
port.postMessage(result);
Atomics.store(signal, 0, 1);
Atomics.notify(signal, 0);
`;

/**
 * The file's syntax error as "SyntaxError: … (line N)", or null when it compiles. A check that could
 * not run (unreadable file, no worker, past the deadline) finds nothing: the hook runs will say what is wrong.
 */
export function syntaxErrorSync(path: string, timeoutMs = 10_000): string | null {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  let worker: Worker;
  try {
    worker = new Worker(CHECKER, { eval: true, workerData: { path, port: port2, signal }, transferList: [port2],
      execArgv: ['--experimental-vm-modules', '--no-warnings'], stdout: true, stderr: true });
  } catch {
    port1.close();
    return null;
  }
  try {
    if (Atomics.wait(signal, 0, 0, timeoutMs) === 'timed-out') return null;
    const reply = receiveMessageOnPort(port1)?.message;
    return typeof reply === 'string' ? reply : null;
  } finally {
    port1.close();
    void worker.terminate();
  }
}
