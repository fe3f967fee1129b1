// `certbell serve` without a secret answers every delivery 401: it says so at start, and when a live reload changes it.
import { afterAll, describe, expect, it } from 'vitest';
import { killAllServe, removeDir, startServe, tempDataDir, writeConfig } from '../helpers/certbell-process.ts';
import { post } from '../helpers/http.ts';
import { until } from '../helpers/polling.ts';

const WARNING = 'No secret is configured, so every delivery is rejected (401 "no secret configured")';
const dirs: string[] = [];

afterAll(() => {
  killAllServe();
  for (const dir of dirs) removeDir(dir);
});

function dataDir(config?: unknown): string {
  const dir = tempDataDir(config);
  dirs.push(dir);
  return dir;
}

describe('serve and the missing secret', () => {
  it('warns on stderr at start, before the deliveries it will refuse, and says when a secret arrives', async () => {
    const dir = dataDir();
    const serve = await startServe(dir);
    try {
      // Written before the ready line, but stderr and stdout are two pipes: either may be read first.
      await until('the warning', () => serve.stderr().includes(`warn ${WARNING}`));
      expect((await post(serve.webhook, '{}')).status).toBe(401);
      writeConfig(dir, { secrets: [{ label: 'now', value: 'a-secret' }] });
      await until('the all-clear in the log', () => serve.stderr().includes('a secret is configured now'));
      expect(serve.stderr().split(WARNING)).toHaveLength(2);
    } finally {
      await serve.stop();
    }
  });

  it('says nothing of it with a secret, or with allowUnsigned', async () => {
    for (const config of [{ secrets: [{ label: 'k', value: 'a-secret' }] }, { allowUnsigned: true }]) {
      const serve = await startServe(dataDir(config));
      await serve.stop();
      expect(serve.stderr(), JSON.stringify(config)).not.toContain('No secret is configured');
    }
  });
});
