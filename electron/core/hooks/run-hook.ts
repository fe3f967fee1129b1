/** Runs one hook (command or hooks-file method) against a context and returns its run record. */
import { fileURLToPath } from 'node:url';
import { withCertificateFile } from './certificate-file.ts';
import { hookEnvironment } from './hook-context.ts';
import type { HookContext, HookRunRecord, HookEntry } from './hook-types.ts';
import { runProcess, type ProcessSpec, type RunOptions } from './process-runner.ts';
import type { HookSlots } from './hook-slots.ts';
import { nodeScriptLauncher, spawnInGroup } from './node-launcher.ts';
import type { ScriptLauncher } from './script-launcher.ts';

export interface HookRunOptions extends RunOptions {
  /** The process-wide limit on hooks running at once (`maxConcurrentHooks`). */
  slots?: HookSlots;
  /** Starts the hooks-file runner; default a Node child (the desktop app passes its utility-process launcher). */
  launcher?: ScriptLauncher;
}

/** A plain JS file, so the same runner works as a Node child and in an Electron utility process. */
const RUNNER = fileURLToPath(new URL('./hooks-file-runner.mjs', import.meta.url));
/** The hooks-file method was not defined (exit 78 with this marker last): nothing ran, nothing is recorded. */
export const METHOD_MISSING_EXIT = 78;
const METHOD_MISSING_MARKER = 'certbell-hook-missing-method\n';

function processSpec(spec: HookEntry, ctx: HookContext, certificateFile: string | null, launcher: ScriptLauncher): ProcessSpec {
  if (spec.kind === 'command') {
    const [file, ...args] = spec.command;
    const env = hookEnvironment(ctx, certificateFile, spec.env);
    return { file, cwd: spec.cwd, timeoutMs: spec.timeoutMs, start: () => spawnInGroup(file, args, { cwd: spec.cwd, env, input: ctx.body }) };
  }
  const { body, ...rest } = ctx;
  let delivery: unknown = null;
  try { delivery = JSON.parse(body.toString('utf8')); } catch { /* hooks see null */ }
  const input = JSON.stringify({ file: spec.file, method: spec.method, ctx: { ...rest, delivery } });
  const env = hookEnvironment(ctx, certificateFile);
  return { file: RUNNER, cwd: spec.cwd, timeoutMs: spec.timeoutMs,
    start: () => launcher.launch({ script: RUNNER, args: [], cwd: spec.cwd, env, input, serviceName: `Certbell ${spec.name}` }) };
}

/** Resolves with the run record, or null for a hooks-file method the class does not define. */
export async function runHook(spec: HookEntry, ctx: HookContext, options: HookRunOptions = {}): Promise<HookRunRecord | null> {
  const launcher = options.launcher ?? nodeScriptLauncher;
  const run = () => withCertificateFile(ctx.certificate, (file) => runProcess(processSpec(spec, ctx, file, launcher), options));
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

