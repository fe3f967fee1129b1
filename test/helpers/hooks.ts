/** Helpers for hook tests: small executable scripts, marker files, run records, process checks. */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { HookRunRecord } from '../../electron/core/hooks/hook-types.ts';
import { runCertbell } from './certbell-process.ts';

/** A run record as `certbell delivery <id> --json` prints it. */
export type HookRunJson = HookRunRecord;

export interface DeliveryJson {
  id: number;
  deliveryId: string;
  attempt: number;
  outcome: string;
  status: number;
  response: string | null;
  error: string | null;
  attempts: { id: number; attempt: number; outcome: string; status: number }[];
  hookRuns: HookRunJson[];
}

/** Writes an executable `#!/bin/sh` script and returns its path. */
export function writeScript(dir: string, name: string, body: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}`);
  chmodSync(file, 0o755);
  return file;
}

/** The lines of a marker file, or [] if no hook wrote it. */
export function readLines(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter((line) => line !== '');
}

/** `certbell delivery <id> --json` (a delivery id shows its latest attempt). */
export async function deliveryJson(dataDir: string, id: string | number): Promise<DeliveryJson> {
  const result = await runCertbell(['delivery', String(id), '--json', '--data-dir', dataDir]);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as DeliveryJson;
}

/** hook/stage/exitCode of each run, in order: what the user reads in `certbell delivery`. */
export function runSummary(runs: HookRunJson[]): string[] {
  return runs.map((r) => `${r.stage} ${r.hook} ${r.timedOut ? 'timed-out' : r.exitCode ?? r.signal ?? 'no-exit'}`);
}

export { isRunning } from './polling.ts';

export async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A provider-like `data` object whose certificate id sets the per-certificate queue. */
export function certificateData(certificateId: string, commonName = `${certificateId}.example`) {
  return { id: `order-${certificateId}`, status: 'open',
    certificate: { id: certificateId, commonName, status: 'active', operation: 'none' } };
}
