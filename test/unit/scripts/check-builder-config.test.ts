import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBuilderConfig, HARDENED_FUSES } from '../../../scripts/check-builder-config.ts';

const config = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).build;

describe('the electron-builder config check', () => {
  it('accepts the project\'s config', async () => {
    expect(await checkBuilderConfig(config)).toEqual([]);
  });

  it('fails with electron-builder\'s own schema message on an unknown or mistyped key', async () => {
    const problems = await checkBuilderConfig({ ...config, linux: { ...config.linux, categroy: 'Utility' } });
    expect(problems.join('\n')).toMatch(/Invalid configuration object.*configuration\.linux/s);
    expect((await checkBuilderConfig({ ...config, nsis: { oneClick: 'no' } })).join('\n')).toMatch(/oneClick/);
  });

  it('fails when a platform lacks a target or an icon', async () => {
    const problems = await checkBuilderConfig({ ...config, linux: { ...config.linux, target: ['AppImage'] }, win: { target: ['nsis'], icon: 'build/icons/none.png' } });
    expect(problems).toEqual(expect.arrayContaining(['linux.target lacks deb', 'linux.target lacks rpm',
      'win.icon: build/icons/none.png does not exist (npm run icons)']));
  });

  it('sets every Electron fuse to its hardened value', () => {
    expect(config.electronFuses).toEqual(HARDENED_FUSES);
  });

  it('fails naming the fuse when one is left open, or left out (the default is the open value)', async () => {
    const { runAsNode: _, ...withoutRunAsNode } = config.electronFuses;
    expect(await checkBuilderConfig({ ...config, electronFuses: { ...config.electronFuses, runAsNode: true } }))
      .toEqual(['electronFuses.runAsNode is true (must be false)']);
    expect(await checkBuilderConfig({ ...config, electronFuses: withoutRunAsNode }))
      .toEqual(['electronFuses.runAsNode is missing (must be false)']);
    expect(await checkBuilderConfig({ ...config, electronFuses: { ...config.electronFuses, onlyLoadAppFromAsar: false,
      enableCookieEncryption: false } })).toEqual(['electronFuses.enableCookieEncryption is false (must be true)',
      'electronFuses.onlyLoadAppFromAsar is false (must be true)']);
  });

  it('fails when there is no electronFuses block at all', async () => {
    const { electronFuses: _, ...unfused } = config;
    expect((await checkBuilderConfig(unfused)).join('\n')).toMatch(/^electronFuses is missing: .*runAsNode/);
  });

  it('keeps electron-builder\'s own check of the block: an unknown fuse name is a schema error', async () => {
    const problems = await checkBuilderConfig({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } });
    expect(problems.join('\n')).toMatch(/Invalid configuration object.*electronFuses/s);
  });
});
