/** SPEC §13's `provider` block: the password under §2's secret rules, masked for the UI, kept on save. */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfigFileSync, type LoadedConfig } from '../../../../../electron/core/config/config-file.ts';
import { maskSettings } from '../../../../../electron/core/services/mask-settings.ts';
import { SettingsEditor } from '../../../../../electron/core/services/settings-editor.ts';
import { validateConfig } from '../../../../../shared/config/index.ts';

const PASSWORD = 'pw-config-unit-51ab';
let dir: string;
let file: string;
const block = (password: unknown) => ({ provider: { kind: 'openprovider', username: 'me', password } });

function write(value: unknown, mode = 0o600): void {
  writeFileSync(file, JSON.stringify(value));
  chmodSync(file, mode);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'certbell-provider-config-'));
  file = join(dir, 'config.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the provider block', () => {
  it('defaults: null; with a block, the API URL and interval of SPEC §13', () => {
    const none = validateConfig({});
    expect(none.ok && none.config.provider).toBeNull();
    const some = validateConfig(block({ env: 'OP' }));
    expect(some.ok && some.config.provider).toMatchObject({ apiUrl: 'https://api.openprovider.eu', intervalMinutes: 60 });
  });

  it('names what is wrong: kind, username, a password of no or two sources, an interval', () => {
    const result = validateConfig({ provider: { kind: 'other', username: ' ', password: { env: 'A', value: 'b' }, intervalMinutes: 0 } });
    expect(result.ok).toBe(false);
    const paths = result.ok ? [] : result.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['provider.kind', 'provider.username', 'provider.password', 'provider.intervalMinutes']));
  });

  it('reads the password from the environment; an unset variable is an error', () => {
    write(block({ env: 'OP_PASSWORD' }));
    expect(loadConfigFileSync(file, { env: { OP_PASSWORD: PASSWORD } })).toMatchObject({ ok: true, providerPassword: PASSWORD });
    expect(loadConfigFileSync(file, { env: {} })).toMatchObject({ ok: false,
      errors: [{ path: 'provider.password.env', message: 'the environment variable OP_PASSWORD is not set or is empty' }] });
  });

  it('takes a value only from a 0600 file', () => {
    write(block({ value: PASSWORD }), 0o644);
    const exposed = loadConfigFileSync(file);
    expect(exposed.ok).toBe(false);
    expect(!exposed.ok && exposed.errors[0]).toMatchObject({ path: 'provider.password.value', message: expect.stringContaining('chmod 600') });
    chmodSync(file, 0o600);
    expect(loadConfigFileSync(file)).toMatchObject({ ok: true, providerPassword: PASSWORD });
  });

  it('a desktop-sealed password is a warning headless, and decrypted by the desktop', () => {
    write(block({ encrypted: 'c2VhbGVk' }));
    const headless = loadConfigFileSync(file);
    expect(headless).toMatchObject({ ok: true, providerProblem: expect.stringContaining('safeStorage') });
    expect((headless as LoadedConfig).providerPassword).toBeUndefined();
    expect(loadConfigFileSync(file, { decrypt: (s) => `open:${s}` })).toMatchObject({ ok: true, providerPassword: 'open:c2VhbGVk' });
  });

  it('is masked for the UI: where the password comes from, never the value or the variable name', () => {
    const config = (value: unknown) => {
      const result = validateConfig(value);
      if (!result.ok) throw new Error('invalid');
      return result.config;
    };
    expect(JSON.stringify(maskSettings(config(block({ value: PASSWORD }))))).not.toContain(PASSWORD);
    expect(JSON.stringify(maskSettings(config(block({ env: 'SECRET_VAR' }))))).not.toContain('SECRET_VAR');
    expect(maskSettings(config(block({ env: 'SECRET_VAR' }))).provider)
      .toEqual({ kind: 'openprovider', apiUrl: 'https://api.openprovider.eu', username: 'me', intervalMinutes: 60, timeoutMs: 15_000,
        password: { kind: 'env', masked: '********' } });
  });

  it('a save keeps the stored password for {keep: true}, seals a typed one, and refuses a keep with nothing stored', async () => {
    write(block({ value: PASSWORD }));
    let current = loadConfigFileSync(file) as LoadedConfig;
    const editor = new SettingsEditor({ dataDir: dir, config: () => current, reloadTimeoutMs: 10, encrypt: (p) => `sealed(${p.length})` });
    const kept = await editor.saveSettings({ provider: { kind: 'openprovider', username: 'other', password: { keep: true } } });
    expect(kept.saved).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).provider).toMatchObject({ username: 'other', password: { encrypted: `sealed(${PASSWORD.length})` } });
    current = { ...current };
    const typed = await editor.saveSettings({ provider: { kind: 'openprovider', username: 'me', password: { value: 'new-pw' } } });
    expect(typed.saved).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8')).provider.password).toEqual({ encrypted: 'sealed(6)' });
    write({});
    const nothing = await editor.saveSettings({ provider: { kind: 'openprovider', username: 'me', password: { keep: true } } });
    expect(nothing).toMatchObject({ saved: false, errors: [{ path: 'provider.password' }] });
    expect(nothing.saved === false && nothing.errors).toHaveLength(1);
  });
});
