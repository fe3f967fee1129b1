// Runs one method of a user's hooks file in its own process (acme2certifier's model: a class
// `Hooks` constructed with a logger): a Node child in `certbell serve`, an Electron utility process
// in the desktop app. Input {file, method, ctx}: on stdin, or in a utility process (whose stdin is
// always closed) as the first parentPort message. Exit 0: the method returned; 1: it threw or
// rejected (reason on the last stderr line); no such method: exit 78 with the marker line below
// last on stderr (78 alone could be the hook's own exit code).
import { pathToFileURL } from 'node:url';

const exit = process.exit.bind(process);
const METHOD_MISSING = 78;
const METHOD_MISSING_MARKER = 'certbell-hook-missing-method';

function log(level) {
  return (...args) => process.stderr.write(`[${level}] ${args.map(String).join(' ')}\n`);
}

const logger = { debug: log('debug'), info: log('info'), warning: log('warning'), warn: log('warning'), error: log('error') };

function fail(reason) {
  process.stderr.write(`certbell-hook-error: ${String(reason).split('\n')[0]}\n`);
  process.exitCode = 1;
}

// Listening at once: a utility process's parent port starts delivering when a listener is added.
const input = process.parentPort
  ? new Promise((resolve) => process.parentPort.once('message', (event) => resolve(String(event.data))))
  : (async () => {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text;
  })();

async function main() {
  const { file, method, ctx } = JSON.parse(await input);
  const module = await import(pathToFileURL(file).href);
  const Hooks = module.Hooks ?? module.default?.Hooks;
  if (typeof Hooks !== 'function') return fail(`${file} does not export a class Hooks`);
  const hooks = new Hooks(logger);
  if (typeof hooks[method] !== 'function') {
    process.stderr.write(`${METHOD_MISSING_MARKER}\n`);
    process.exitCode = METHOD_MISSING;
    return;
  }
  // A method that ends the process itself has not returned: that run fails, whatever the code.
  process.exit = (code) => {
    const status = Number(code ?? process.exitCode ?? 0);
    fail(`the hook called process.exit(${code ?? ''}) instead of returning`);
    exit(status === 0 ? 1 : status);
  };
  // A method awaiting a promise that never settles would otherwise let Node exit 0 with nothing
  // left to do; this keeps the process alive so the hook timeout ends it, as a failure.
  const keepAlive = setInterval(() => {}, 2 ** 30);
  try {
    await hooks[method]({ ...ctx, logger });
  } finally {
    clearInterval(keepAlive);
  }
}

// Exit as soon as the method is done, even if it left timers or sockets open.
main().catch((error) => fail(error instanceof Error ? `${error.name}: ${error.message}` : error))
  .finally(() => exit());
