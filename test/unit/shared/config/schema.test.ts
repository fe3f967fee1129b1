import { describe, it, expect } from 'vitest';
import { ConfigSchema, HOOK_STAGES, HookSchema, SecretSchema } from '../../../../shared/config/schema.ts';
import { defaultConfig } from '../../../../shared/config/validate.ts';

describe('config defaults (SPEC §2)', () => {
  const config = defaultConfig();

  it('listens on 127.0.0.1:7413 at /webhook with a 1 MiB body limit', () => {
    expect(config.listener).toMatchObject({ host: '127.0.0.1', port: 7413, path: '/webhook', maxBodyBytes: 1_048_576 });
  });

  it('has no secrets, refuses unsigned deliveries and checks signatures in auto mode', () => {
    expect(config.secrets).toEqual([]);
    expect(config.allowUnsigned).toBe(false);
    expect(config.signatureInput).toBe('auto');
  });

  it('has no hooks, a 10 s hook timeout, and only post-hook failures allowed', () => {
    expect(config).toMatchObject({
      hooks: [], hooksFile: null, hookTimeoutMs: 10_000,
      allowPreHookFailure: false, allowSuccessHookFailure: false, allowPostHookFailure: true,
    });
  });

  it('notifies every kind but info, at 30/14/7/3/1 days, without quiet hours', () => {
    expect(config.notifications).toEqual({
      enabled: true,
      kinds: { issued: true, failed: true, expiring: true, action: true, test: true, hook: true, security: true, deployment: true, info: false },
      expiryThresholdsDays: [30, 14, 7, 3, 1],
      quietHours: null,
    });
  });

  it('has no tunnel, the UI on 7414, and keeps 100000 deliveries for 365 days', () => {
    expect(config.tunnel).toEqual({ command: null, urlPattern: null, publicUrl: null, autoStart: false });
    expect(config.ui).toEqual({ port: 7414 });
    expect(config.retention).toEqual({ maxDeliveries: 100_000, maxDays: 365 });
  });

  it('does not start the desktop app at login unless asked', () => {
    expect(config.desktop).toEqual({ autostart: false });
    expect(ConfigSchema.safeParse({ desktop: { autostart: 'yes' } }).success).toBe(false);
    expect(ConfigSchema.safeParse({ desktop: { autostrat: true } }).success).toBe(false);
  });

  it('fills defaults inside a partly given section', () => {
    const parsed = ConfigSchema.parse({ listener: { port: 9000 }, notifications: { kinds: { info: true } } });
    expect(parsed.listener).toMatchObject({ host: '127.0.0.1', port: 9000, path: '/webhook' });
    expect(parsed.notifications.kinds).toMatchObject({ info: true, issued: true });
    expect(parsed.notifications.expiryThresholdsDays).toEqual([30, 14, 7, 3, 1]);
  });
});

describe('SecretSchema', () => {
  it('accepts exactly one source: value, env or encrypted', () => {
    expect(SecretSchema.safeParse({ label: 'a', value: 'v' }).success).toBe(true);
    expect(SecretSchema.safeParse({ label: 'a', env: 'CERTBELL_SECRET' }).success).toBe(true);
    expect(SecretSchema.safeParse({ label: 'a', encrypted: 'djEw...' }).success).toBe(true);
    expect(SecretSchema.safeParse({ label: 'a' }).success).toBe(false);
    expect(SecretSchema.safeParse({ label: 'a', value: 'v', env: 'X' }).success).toBe(false);
  });

  it('wants a label, a non-empty value and a proper variable name', () => {
    expect(SecretSchema.safeParse({ label: '', value: 'v' }).success).toBe(false);
    expect(SecretSchema.safeParse({ label: 'a', value: '' }).success).toBe(false);
    expect(SecretSchema.safeParse({ label: 'a', env: '1BAD-NAME' }).success).toBe(false);
  });
});

describe('HookSchema', () => {
  it('fills hook defaults', () => {
    const hook = HookSchema.parse({ name: 'deploy', stage: 'success', command: ['/usr/local/bin/deploy'] });
    expect(hook).toEqual({ name: 'deploy', stage: 'success', command: ['/usr/local/bin/deploy'], cwd: null, env: {}, enabled: true });
  });

  it('knows the three stages in pipeline order', () => {
    expect(HOOK_STAGES).toEqual(['pre', 'success', 'post']);
  });

  it('refuses an empty event list and an empty program', () => {
    expect(HookSchema.safeParse({ name: 'h', stage: 'pre', command: ['x'], events: [] }).success).toBe(false);
    expect(HookSchema.safeParse({ name: 'h', stage: 'pre', command: ['  '] }).success).toBe(false);
    expect(HookSchema.safeParse({ name: 'h', stage: 'pre', command: [] }).success).toBe(false);
  });
});
