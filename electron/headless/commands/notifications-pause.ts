/**
 * `certbell notifications pause|resume`: "pause notifications" from the command line. The pause is
 * the core's (services → NotificationCenter → DIR/pause.json), so a running `certbell serve` of the
 * same data directory holds back what arrives from its very next notification on.
 */
import { PAUSE_HOUR_MS, tomorrowMorning } from '../../../shared/notify/pause.ts';
import type { PauseState } from '../../../shared/bridge/index.ts';
import { withServices } from '../cli-services.ts';
import { parseOptions, UsageError, writeJson, type Io } from '../cli-support.ts';

export const PAUSE_USAGE = `certbell notifications pause [--for DURATION | --until TIME] [--json] [--data-dir DIR]
certbell notifications resume [--json] [--data-dir DIR]

  pause           Nothing pops up until then; what arrives is kept in the history as not shown, for
                  "paused". Kept in DIR/pause.json, so a running "certbell serve" of DIR follows it.
                  (The desktop app keeps its own pause: use its tray menu or window.)
  --for DURATION  How long: 90s, 30m, 1h, 1h30m, 2d (default 1h)
  --until TIME    Until when: "tomorrow" (08:00 tomorrow, local time), or an ISO 8601 date-time
                  such as 2026-06-01T13:00 (local time) or 2026-06-01T11:00:00Z
  resume          Ends the pause now
  --json          Print {"pausedUntil": ISO or null}`;

const UNIT_MS: Record<string, number> = { d: 86_400_000, h: PAUSE_HOUR_MS, m: 60_000, s: 1000 };

/** "1h30m" as milliseconds; a usage error for anything else, or for nothing at all. */
export function parseDuration(text: string): number {
  const parts = [...text.matchAll(/(\d+)([dhms])/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) {
    throw new UsageError(`--for must be a duration such as 30m, 1h or 1h30m, got "${text}"`);
  }
  const ms = parts.reduce((sum, [, count, unit]) => sum + Number(count) * UNIT_MS[unit], 0);
  if (ms <= 0) throw new UsageError('--for must be longer than 0');
  return ms;
}

/** "tomorrow" or an ISO 8601 date-time (without an offset: local time), as ms since epoch. */
export function parseUntil(text: string, now: number): number {
  if (text === 'tomorrow') return tomorrowMorning(now);
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms)) throw new UsageError(`--until must be "tomorrow" or an ISO 8601 date-time, got "${text}"`);
  if (ms <= now) throw new UsageError(`--until ${text} is already past`);
  return ms;
}

const two = (n: number) => String(n).padStart(2, '0');

function localTime(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

function report(io: Io, state: PauseState, json: boolean | undefined, wasPaused: boolean): void {
  if (json) return writeJson(io, state);
  if (state.pausedUntil) {
    io.stdout.write(`Notifications paused until ${localTime(state.pausedUntil)} local time (${state.pausedUntil}).\n`
      + 'End it sooner with "certbell notifications resume".\n');
  } else {
    io.stdout.write(wasPaused ? 'Notifications resumed.\n' : 'Notifications were not paused.\n');
  }
}

/** `args` starts with the action, "pause" or "resume". */
export async function runPauseAction(args: string[], io: Io, now = Date.now): Promise<number> {
  const { values, positionals } = parseOptions(args, { for: { type: 'string' }, until: { type: 'string' }, json: { type: 'boolean' } }, true);
  const [action, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError('too many arguments');
  let until: number | null = null;
  if (action === 'pause') {
    if (values.for !== undefined && values.until !== undefined) throw new UsageError('give --for or --until, not both');
    until = values.until !== undefined ? parseUntil(values.until, now()) : now() + parseDuration(values.for ?? '1h');
  } else if (values.for !== undefined || values.until !== undefined) {
    throw new UsageError('resume takes no --for or --until');
  }
  // `write`: the data directory may not exist yet; the pause file goes in it.
  return withServices(values['data-dir'], io, { mode: 'write' }, (services) => {
    const wasPaused = services.notifications.pauseState().pausedUntil !== null;
    const state = services.notifications.pause(until === null ? null : new Date(until).toISOString());
    report(io, state, values.json, wasPaused);
    return 0;
  });
}
