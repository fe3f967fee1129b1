/** Runs one hook (command or hooks-file method) against a context and returns its run record. */
import { fileURLToPath } from 'node:url';
import { withCertificateFile } from './certificate-file.ts';
import { hookEnvironment } from './hook-context.ts';
import type { HookContext, HookRun, HookSpec } from './hook-types.ts';
import { runProcess, type ProcessSpec, type RunOptions } from './process-runner.ts';
import type { HookSlots } from './hook-slots.ts';

export interface HookRunOptions extends RunOptions {
  /** The process-wide limit on hooks running at once (`maxConcurrentHooks`). */
  slots?: HookSlots;
}

/** A plain JS file, so the same runner works under Node and under Electron's Node. */
const RUNNER = fileURLToPath(new URL('./hooks-file-runner.mjs', import.meta.url));
/** The hooks-file method was not defined (exit 78 with this marker last): nothing ran, nothing is recorded. */
export const METHOD_MISSING_EXIT = 78;
const METHOD_MISSING_MARKER = 'certbell-hook-missing-method\n';

function processSpec(spec: HookSpec, ctx: HookContext, certificateFile: string | null): ProcessSpec {
  if (spec.kind === 'command') {
    return { file: spec.command[0], args: spec.command.slice(1), cwd: spec.cwd, timeoutMs: spec.timeoutMs,
      env: hookEnvironment(ctx, certificateFile, spec.env), stdin: ctx.body };
  }
  const { body, ...rest } = ctx;
  let delivery: unknown = null;
  try { delivery = JSON.parse(body.toString('utf8')); } catch { /* hooks see null */ }
  return {
    file: process.execPath, args: [RUNNER], cwd: spec.cwd, timeoutMs: spec.timeoutMs,
    // Under Electron, process.execPath is the app: this makes it behave as plain Node.
    env: { ...hookEnvironment(ctx, certificateFile), ELECTRON_RUN_AS_NODE: '1' },
    stdin: JSON.stringify({ file: spec.file, method: spec.method, ctx: { ...rest, delivery } }),
  };
}

/** Resolves with the run record, or null for a hooks-file method the class does not define. */
export async function runHook(spec: HookSpec, ctx: HookContext, options: HookRunOptions = {}): Promise<HookRun | null> {
  const run = () => withCertificateFile(ctx.certificate, (file) => runProcess(processSpec(spec, ctx, file), options));
  const result = await (options.slots ? options.slots.run(run) : run());
  if (spec.kind === 'file' && result.exitCode === METHOD_MISSING_EXIT && !result.timedOut
    && result.stderr.endsWith(METHOD_MISSING_MARKER)) return null;
  let error = result.error;
  if (!error && spec.kind === 'file' && result.exitCode !== 0) {
    const lastLine = result.stderr.trim().split('\n').pop() ?? '';
    error = lastLine.startsWith('certbell-hook-error: ') ? lastLine.slice('certbell-hook-error: '.length)
      : `the hooks file process exited with ${result.exitCode ?? result.signal}`;
  }
  return { hook: spec.name, stage: spec.stage, ...result, error };
}

