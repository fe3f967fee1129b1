import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBuilderConfig } from '../../../scripts/check-builder-config.ts';

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
});
