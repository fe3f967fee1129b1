// Runs one method of a user's hooks file in its own process (acme2certifier's model: a class
// `Hooks` constructed with a logger). Input on stdin: {file, method, ctx}. Exit 0: the method
// returned; 1: it threw or rejected (reason on the last stderr line); 78: no such method.
import { pathToFileURL } from 'node:url';

const METHOD_MISSING = 78;

function log(level) {
  return (...args) => process.stderr.write(`[${level}] ${args.map(String).join(' ')}\n`);
}

const logger = { debug: log('debug'), info: log('info'), warning: log('warning'), warn: log('warning'), error: log('error') };

function fail(reason) {
  process.stderr.write(`certbell-hook-error: ${String(reason).split('\n')[0]}\n`);
  process.exitCode = 1;
}

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const { file, method, ctx } = JSON.parse(input);
  const module = await import(pathToFileURL(file).href);
  const Hooks = module.Hooks ?? module.default?.Hooks;
  if (typeof Hooks !== 'function') return fail(`${file} does not export a class Hooks`);
  const hooks = new Hooks(logger);
  if (typeof hooks[method] !== 'function') {
    process.exitCode = METHOD_MISSING;
    return;
  }
  await hooks[method]({ ...ctx, logger });
}

// Exit as soon as the method is done, even if it left timers or sockets open.
main().catch((error) => fail(error instanceof Error ? `${error.name}: ${error.message}` : error))
  .finally(() => process.exit());
