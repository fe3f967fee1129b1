/** A hook run record for people: status line, then its output. */
import { hookFailed, type HookRunRecord } from '../core/hooks/hook-types.ts';

function indent(text: string): string {
  return text.replace(/\n$/, '').split('\n').map((l) => `    ${l}`).join('\n');
}

export function hookRunText(run: HookRunRecord): string {
  const status = run.timedOut ? 'timed out' : run.error ? run.error : `exit ${run.exitCode ?? run.signal}`;
  const lines = [`${run.stage}/${run.hook}: ${hookFailed(run) ? 'FAILED' : 'ok'} (${status}) in ${run.durationMs} ms, started ${run.startedAt}`];
  if (run.stdout) lines.push('  stdout:', indent(run.stdout));
  if (run.stderr) lines.push('  stderr:', indent(run.stderr));
  return `${lines.join('\n')}\n`;
}
