/**
 * The hooks editor and the settings in real Chromium against a real `certbell serve`: a hook made in
 * the editor runs on the next delivery, invalid input is reported inline and cannot be saved, a
 * test-run streams its output, and a secret saved in settings is never readable back.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, runCertbell, tempDataDir } from '../helpers/certbell-process.ts';
import { startServeUi, type ServeUi } from '../helpers/serve-ui.ts';

const SECRET = 'editors-secret-0123456789';
/** Held only in the server's environment: the UI adds it by variable name. */
const ENV_NAME = 'CERTBELL_E2E_ENV_SECRET';
const ENV_SECRET = 'env-held-secret-5d1e77';
let dir: string;
let serve: ServeUi;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  dir = tempDataDir({ secrets: [{ label: 'editors', value: SECRET }] });
  serve = await startServeUi(dir, { [ENV_NAME]: ENV_SECRET });
});

test.afterAll(async () => {
  await serve?.stop();
  if (dir) removeDir(dir);
});

async function send(args: string[], secret = SECRET): Promise<void> {
  const result = await runCertbell(['send', '--url', serve.webhook, '--data-dir', dir, '--secret', secret, ...args]);
  expect(result.code, result.stderr).toBe(0);
}

async function openHooks(page: Page): Promise<void> {
  await page.goto(serve.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hooks' }).click();
  await expect(page.getByRole('heading', { name: 'Hooks', exact: true })).toBeVisible();
  await expect(page.getByText('Live', { exact: true })).toBeVisible();
}

/** Adds a hook through the editor: name, stage and argv, one field per argument. */
async function addHook(page: Page, name: string, stage: string, argv: string[]): Promise<void> {
  await page.getByRole('button', { name: 'Add hook' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Stage').selectOption(stage);
  for (let i = 1; i < argv.length; i += 1) await page.getByRole('button', { name: 'Add argument' }).click();
  for (const [i, arg] of argv.entries()) await page.getByLabel(i === 0 ? 'Program (argument 0)' : `Argument ${i}`, { exact: true }).fill(arg);
}

async function saveHooks(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved and applied.')).toBeVisible();
}

test('a hook created in the editor runs on the next delivery and its output appears in the inspector', async ({ page }) => {
  await openHooks(page);
  await expect(page.getByText('No hooks yet.')).toBeVisible();
  await addHook(page, 'hello', 'pre', ['sh', '-c', 'echo hello-from-hook']);
  await saveHooks(page);
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { hooks: { name: string; command: string[] }[] };
  expect(config.hooks).toEqual([expect.objectContaining({ name: 'hello', command: ['sh', '-c', 'echo hello-from-hook'] })]);
  await page.screenshot({ path: 'test-results/e2e-hook-editor-saved.png', fullPage: true });

  await send(['--common-name', 'hook-run.example.com']);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deliveries' }).click();
  await page.getByTestId('delivery-row').filter({ hasText: 'hook-run.example.com' }).click();
  const runs = page.locator('.hook-runs');
  await expect(runs).toContainText('hello');
  await runs.locator('summary').first().click();
  await expect(runs.locator('pre').first()).toHaveText('hello-from-hook\n');
  await page.screenshot({ path: 'test-results/e2e-hook-output-in-inspector.png', fullPage: true });
});

test('invalid hook input shows an inline error and Save is disabled', async ({ page }) => {
  await openHooks(page);
  await addHook(page, 'broken', 'post', ['']);
  await expect(page.getByRole('form', { name: 'Hook broken' })).toBeVisible();
  const form = page.locator('form.hook-form');
  await expect(form.getByTestId('field-error')).toContainText('the program (command[0]) must not be empty');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  // No argument at all: the schema's own message, still not savable.
  await page.getByRole('button', { name: 'Remove argument 0' }).click();
  await expect(form.getByTestId('field-error')).toContainText('command must not be empty');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  // A duplicate name is an error too, next to the name.
  await page.getByRole('button', { name: 'Add argument' }).click();
  await page.getByLabel('Program (argument 0)').fill('true');
  await page.getByLabel('Name', { exact: true }).fill('hello');
  await expect(form.getByTestId('field-error')).toContainText('duplicate hook name');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
  await page.screenshot({ path: 'test-results/e2e-hook-invalid.png', fullPage: true });
  await page.getByLabel('Name', { exact: true }).fill('fine');
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeEnabled();
  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(page.getByTestId('hook-item')).toHaveCount(1);
});

test('a test-run streams the hook output, then shows the run record', async ({ page }) => {
  await openHooks(page);
  await addHook(page, 'streamer', 'post', ['sh', '-c', 'echo stream-one; sleep 2; echo stream-two >&2']);
  await saveHooks(page);
  const panel = page.getByTestId('hook-test-run');
  await panel.getByLabel('Hook to run', { exact: true }).selectOption('streamer');
  await panel.getByLabel('Recent delivery', { exact: true }).selectOption({ index: 1 });
  await panel.getByRole('button', { name: 'Run test' }).click();
  // The first line arrives while the hook is still running (it sleeps before the second).
  await expect(panel.getByTestId('test-output')).toContainText('stream-one');
  await expect(panel.getByRole('button', { name: 'Running…' })).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e-hook-test-streaming.png', fullPage: true });
  await expect(panel.getByTestId('test-run-record')).toContainText('exit 0', { timeout: 15_000 });
  await expect(panel.getByTestId('test-output')).toContainText('stream-two');
  await page.screenshot({ path: 'test-results/e2e-hook-test-record.png', fullPage: true });
});

test('a secret saved in settings is never readable back', async ({ page }) => {
  const value = 'ui-only-secret-VALUE-7f3a9c';
  const bodies: string[] = [];
  page.on('response', (res) => { if (res.url().includes('/api/')) bodies.push(res.url()); });
  const texts: Promise<string>[] = [];
  page.on('response', (res) => { if (res.url().includes('/api/') && !res.url().endsWith('/api/events')) texts.push(res.text().catch(() => '')); });
  await page.goto(serve.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('secret-list')).toContainText('editors');
  await page.getByLabel('Label').fill('ui');
  await page.getByLabel('Value', { exact: true }).fill(value);
  await expect(page.getByLabel('Value', { exact: true })).toHaveAttribute('type', 'password');
  await page.getByRole('button', { name: 'Add secret' }).click();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved and applied.')).toBeVisible();
  await expect(page.getByTestId('secret-list')).toContainText('ui');
  // It was stored: a delivery signed with it verifies.
  await send(['--common-name', 'ui-secret.example.com'], value);
  await page.reload();
  await expect(page.getByTestId('secret-list')).toContainText('ui');
  const got = await page.evaluate(async () => (await fetch('/api/settings.get', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).text());
  expect(got).toContain('"label":"ui"');
  expect(got).not.toContain(value);
  expect(got).not.toContain(SECRET);
  expect(await page.content()).not.toContain(value);
  for (const text of await Promise.all(texts)) expect(text).not.toContain(value);
  expect(bodies.length).toBeGreaterThan(2);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deliveries' }).click();
  await expect(page.getByTestId('delivery-row').filter({ hasText: 'ui-secret.example.com' })).toContainText('accepted');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.screenshot({ path: 'test-results/e2e-secret-write-only.png', fullPage: true });
});

test('a secret held in an environment variable is added by its name', async ({ page }) => {
  await page.goto(serve.ui);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('secret-list')).toContainText('editors');
  await page.getByLabel('Label').fill('from-env');
  await page.getByLabel('Source').selectOption('env');
  await page.getByLabel('Variable name').fill(ENV_NAME);
  await page.getByRole('button', { name: 'Add secret' }).click();
  await expect(page.getByTestId('secret-list')).toContainText(`env ${ENV_NAME}`);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved and applied.')).toBeVisible();
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { secrets: object[] };
  expect(config.secrets).toContainEqual({ label: 'from-env', env: ENV_NAME });
  expect(JSON.stringify(config)).not.toContain(ENV_SECRET);
  // The server reads the value from its environment: a delivery signed with it verifies.
  await send(['--common-name', 'env-secret.example.com'], ENV_SECRET);
  await page.reload();
  await expect(page.getByTestId('secret-list').locator('li').filter({ hasText: 'from-env' })).toContainText('env');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Deliveries' }).click();
  await expect(page.getByTestId('delivery-row').filter({ hasText: 'env-secret.example.com' })).toContainText('accepted');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await page.screenshot({ path: 'test-results/e2e-secret-from-env.png', fullPage: true });
});

test('the hooks file is set in the editor: a missing file is an inline error, a real one lists its methods', async ({ page }) => {
  await openHooks(page);
  const card = page.getByTestId('hooks-file');
  await expect(card).toContainText('No hooks file set.');
  await card.getByLabel('File path').fill('no-such-hooks.mjs');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(card).toContainText('no such file');
  const file = join(dir, 'my-hooks.mjs');
  writeFileSync(file, 'export class Hooks { async preHook(ctx) { process.stdout.write(`file-pre ${ctx.event}`); } }\n');
  await card.getByLabel('File path').fill('my-hooks.mjs');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved and applied.')).toBeVisible();
  await expect(card.getByRole('list', { name: 'Methods of the hooks file in force' })).toContainText('preHook()');
  await expect(card).toContainText(`from ${file}`);
  expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toMatchObject({ hooksFile: 'my-hooks.mjs' });
  await page.screenshot({ path: 'test-results/e2e-hooks-file.png', fullPage: true });
  // Clear it again so later tests see only their own hooks.
  await card.getByLabel('File path').fill('');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(card).toContainText('No hooks file set.');
});
