import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronRuntime } from '../../../scripts/electron-runtime.ts';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function project(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'certbell-electron-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('finding the Electron runtime (without triggering its download)', () => {
  it('explains a package whose binary was never downloaded', () => {
    const root = project({ 'node_modules/electron/package.json': '{}' });
    expect(findElectronRuntime(root, {})).toEqual({ ok: false, reason: expect.stringMatching(/never downloaded/) });
  });

  it('finds the binary named by path.txt, or says it is missing', () => {
    const root = project({ 'node_modules/electron/package.json': '{}', 'node_modules/electron/path.txt': 'electron' });
    expect(findElectronRuntime(root, {})).toMatchObject({ ok: false, reason: expect.stringMatching(/binary is missing/) });
    mkdirSync(join(root, 'node_modules/electron/dist'));
    writeFileSync(join(root, 'node_modules/electron/dist/electron'), '');
    expect(findElectronRuntime(root, {})).toEqual({ ok: true, path: join(root, 'node_modules/electron/dist/electron') });
  });

  it('npm start\'s check prints the reason and offers `npm run serve`, without a stack trace, where the binary is missing', () => {
    dir = mkdtempSync(join(tmpdir(), 'certbell-electron-'));
    const here = new URL('../../../scripts/electron-available.ts', import.meta.url).pathname;
    const runtime = findElectronRuntime();
    const run = spawnSync(process.execPath, [here], { encoding: 'utf8' });
    if (runtime.ok) {
      expect(run.status).toBe(0);
      return;
    }
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('cannot start here');
    expect(run.stderr).toContain('npm run serve');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
