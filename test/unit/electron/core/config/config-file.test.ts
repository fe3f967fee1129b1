import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { defaultLoadedConfig, loadConfigFileSync } from '../../../../../electron/core/config/config-file.ts';
import { defaultConfig } from '../../../../../shared/config/index.ts';

const SECRET = 'super-secret-value-42';
const plainKeys = (keys: { label: string; key: KeyObject }[]) => keys.map(({ label, key }) => ({ label, key: key.export() }));
let dir: string;
let file: string;

function writeConfig(value: unknown, mode = 0o600): void {
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  chmodSync(file, mode);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'certbell-config-'));
  file = join(dir, 'config.json');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadConfigFileSync', () => {
  it('uses the defaults when the file is missing', () => {
    expect(loadConfigFileSync(file)).toEqual({ ok: true, config: defaultConfig(), keys: [], warnings: [] });
  });

  it('reports invalid JSON at $', () => {
    writeConfig('{ "listener": { "port": 7413, } ');
    const result = loadConfigFileSync(file);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([{ path: '$', message: expect.stringContaining('not valid JSON') }]);
  });

  it('reports a file it cannot read at $', () => {
    mkdirSync(file);
    const result = loadConfigFileSync(file);
    expect(!result.ok && result.errors).toEqual([{ path: '$', message: expect.stringContaining('cannot read') }]);
  });

  it('reports every schema error with its path', () => {
    writeConfig({ listener: { port: 'high' }, hooks: [{ name: 'h', stage: 'x', command: ['a'] }] });
    const result = loadConfigFileSync(file);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['listener.port', 'hooks[0].stage']);
  });

  it('reads a valid file and applies the defaults around it', () => {
    writeConfig({ listener: { port: 9999 }, allowUnsigned: true });
    const result = loadConfigFileSync(file);
    expect(result.ok && result.config.listener).toMatchObject({ port: 9999, host: '127.0.0.1' });
    expect(result.ok && result.config.allowUnsigned).toBe(true);
  });
});

describe('loadConfigFileSync: secret values need a private file', () => {
  it('refuses a secret value in a file readable by others, asking for chmod 600', () => {
    writeConfig({ secrets: [{ label: 'main', value: SECRET }] }, 0o644);
    const result = loadConfigFileSync(file);
    expect(result.ok).toBe(false);
    const [error] = !result.ok ? result.errors : [];
    expect(error.path).toBe('secrets[0].value');
    expect(error.message).toContain('0644');
    expect(error.message).toContain(`chmod 600 ${file}`);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('reports an exposed secret value alongside schema errors, not only after they are fixed', () => {
    writeConfig({ listener: { port: 'x' }, secrets: [{ label: 'main', value: SECRET }] }, 0o644);
    const result = loadConfigFileSync(file);
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['listener.port', 'secrets[0].value']);
  });

  it('refuses a group-readable file too', () => {
    writeConfig({ secrets: [{ label: 'main', value: SECRET }] }, 0o640);
    const result = loadConfigFileSync(file);
    expect(!result.ok && result.errors[0].path).toBe('secrets[0].value');
  });

  it('accepts a secret value in a mode 0600 file and turns it into a key', () => {
    writeConfig({ secrets: [{ label: 'main', value: SECRET }] }, 0o600);
    const result = loadConfigFileSync(file);
    expect(result.ok).toBe(true);
    expect(result.ok && plainKeys(result.keys)).toEqual([{ label: 'main', key: Buffer.from(SECRET, 'utf8') }]);
  });

  it('does not mind the mode when the file holds no secret value', () => {
    writeConfig({ secrets: [{ label: 'env', env: 'CB_SECRET' }] }, 0o644);
    expect(loadConfigFileSync(file, { env: { CB_SECRET: 'x' } }).ok).toBe(true);
  });
});

describe('loadConfigFileSync: secrets from the environment and the desktop', () => {
  it('reads an env secret from the given environment', () => {
    writeConfig({ secrets: [{ label: 'from-env', env: 'CB_SECRET' }] });
    const result = loadConfigFileSync(file, { env: { CB_SECRET: SECRET } });
    expect(result.ok && plainKeys(result.keys)).toEqual([{ label: 'from-env', key: Buffer.from(SECRET) }]);
  });

  it('reports a missing variable at secrets[i].env, naming it', () => {
    writeConfig({ secrets: [{ label: 'a', env: 'CB_PRESENT' }, { label: 'b', env: 'CB_ABSENT' }] });
    const result = loadConfigFileSync(file, { env: { CB_PRESENT: 'x' } });
    expect(!result.ok && result.errors).toEqual([
      { path: 'secrets[1].env', message: expect.stringContaining('CB_ABSENT') },
    ]);
  });

  it('reports an unset variable and an unreadable hooks file alongside schema errors, not only after they are fixed', () => {
    writeConfig({ listener: { port: 'x' }, secrets: [{ label: 'a', env: 'CB_ABSENT' }], hooksFile: 'missing-hooks.mjs' });
    const result = loadConfigFileSync(file, { env: {} });
    expect(!result.ok && result.errors.map((e) => e.path)).toEqual(['listener.port', 'secrets[0].env', 'hooksFile']);
    expect(!result.ok && result.errors[2].message).toContain('no such file');
  });

  it('does not pile a second error on a secret or hooks file the schema already refused', () => {
    writeConfig({ secrets: [{ label: '', env: 'CB_ABSENT' }], hooksFile: 42 });
    const result = loadConfigFileSync(file, { env: {} });
    const paths = !result.ok ? result.errors.map((e) => e.path) : [];
    expect(paths).not.toContain('secrets[0].env');
    expect(paths.filter((p) => p === 'hooksFile')).toHaveLength(1);
  });

  it('skips an encrypted secret with a warning when it cannot be decrypted here', () => {
    writeConfig({ secrets: [{ label: 'desktop', encrypted: 'c2VhbGVk' }, { label: 'env', env: 'CB_SECRET' }] });
    const result = loadConfigFileSync(file, { env: { CB_SECRET: 'x' } });
    expect(result.ok).toBe(true);
    expect(result.ok && result.keys.map((k) => k.label)).toEqual(['env']);
    expect(result.ok && result.warnings).toEqual([expect.stringContaining('"desktop"')]);
    expect(result.ok && result.warnings[0]).toMatch(/cannot be decrypted here; deliveries signed with it are rejected/);
  });

  it('decrypts an encrypted secret when the shell can', () => {
    writeConfig({ secrets: [{ label: 'desktop', encrypted: 'c2VhbGVk' }] });
    const result = loadConfigFileSync(file, { decrypt: (sealed) => `opened:${sealed}` });
    expect(result.ok && plainKeys(result.keys)).toEqual([{ label: 'desktop', key: Buffer.from('opened:c2VhbGVk') }]);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it('reports a secret that fails to decrypt at secrets[i].encrypted', () => {
    writeConfig({ secrets: [{ label: 'desktop', encrypted: 'c2VhbGVk' }] });
    const result = loadConfigFileSync(file, { decrypt: () => { throw new Error('wrong machine'); } });
    expect(!result.ok && result.errors).toEqual([{ path: 'secrets[0].encrypted', message: 'cannot be decrypted on this machine' }]);
  });

  it('keeps the configured order of secrets, for rotation', () => {
    writeConfig({ secrets: [{ label: 'old', env: 'CB_OLD' }, { label: 'new', value: 'n' }] });
    const result = loadConfigFileSync(file, { env: { CB_OLD: 'o' } });
    expect(result.ok && result.keys.map((k) => k.label)).toEqual(['old', 'new']);
  });
});

describe('loadConfigFileSync: the hooks file', () => {
  it('accepts a readable module that parses, without running it', () => {
    writeFileSync(join(dir, 'hooks.mjs'), 'export class Hooks { postHook() {} }\nprocess.exit(3);\n');
    writeConfig({ hooksFile: 'hooks.mjs' });
    expect(loadConfigFileSync(file).ok).toBe(true);
  });

  it('reports a syntax error at hooksFile, with its line, instead of letting every delivery fail on it', () => {
    writeFileSync(join(dir, 'hooks.mjs'), 'export class Hooks {\n  preHook(ctx) {\n    foo(\n  }\n}\n');
    writeConfig({ hooksFile: 'hooks.mjs' });
    const result = loadConfigFileSync(file);
    expect(!result.ok && result.errors).toEqual([{ path: 'hooksFile',
      message: `${join(dir, 'hooks.mjs')} is not valid JavaScript: SyntaxError: Unexpected token '}' (line 4)` }]);
  });
});

describe('defaultLoadedConfig', () => {
  it('is the default config without keys or warnings', () => {
    expect(defaultLoadedConfig()).toEqual({ config: defaultConfig(), keys: [], warnings: [] });
  });
});
