/**
 * The inspector in real Chromium (Debian's /usr/bin/chromium through Playwright) against a real
 * `certbell serve` over a store of N deliveries: opening the inspector until the first rows show,
 * typing a search until the filtered list shows, and how many row elements the DOM holds while
 * scrolling through many pages. Each figure sits next to the bridge call the UI makes for it,
 * timed from the same page (the floor the UI cannot beat), or next to the rows the list holds.
 *
 * Builds the renderer first (`vite build` into dist/renderer/, as `npm run build:ui`), so what is
 * measured is the current source.
 */
import { chromium, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CERTBELL_BIN, runToEnd, startServer } from './children.ts';
import { fillDeliveriesSync } from './fill-db.ts';
import { makeDataDir } from './http-bench.ts';
import { median } from './stats.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
// The same switches as playwright.config.ts.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const RUNS = 7;
/** Search terms, each a common name's prefix the fill uses (shop0..shop39.example.com). */
const SEARCHES = ['shop7.example', 'shop13.', 'shop21.example.com', 'shop5.exa', 'shop38', 'shop2.example', 'shop30.'];
const SCROLL_PAGES = 30;

export interface UiBenchResult {
  rows: number;
  fillMs: number;
  firstRowsMs: number[];
  firstRowsCallMs: number[];
  filterMs: number[];
  filterCallMs: number[];
  scroll: { maxRows: number; loadedRows: number; steps: number; pages: number };
}

/** The bridge call the UI makes, timed inside the page (same origin, same cookie). */
function timeCall(page: Page, method: string, params: object): Promise<number> {
  return page.evaluate(async ([m, p]) => {
    const t0 = performance.now();
    const res = await fetch(`/api/${m}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(p) });
    await res.json();
    return performance.now() - t0;
  }, [method, params] as const);
}

/** Sets the hash and resolves at the first animation frame (a paint) where a delivery row is in the DOM. */
function timeFirstRows(page: Page): Promise<number> {
  return page.evaluate(() => new Promise<number>((done, fail) => {
    const t0 = performance.now();
    location.hash = '#/deliveries';
    const check = () => {
      if (document.querySelector('[data-testid="delivery-row"]')) { done(performance.now() - t0); return; }
      if (performance.now() - t0 > 10_000) { fail(new Error('no rows after 10 s')); return; }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }));
}

/**
 * Types `term` into the search box (one input event with the whole term, as a paste or a fast
 * typist's last keystroke) and resolves at the first frame where every row shown matches it.
 */
function timeFilter(page: Page, term: string): Promise<number> {
  return page.evaluate((text) => new Promise<number>((done, fail) => {
    const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const t0 = performance.now();
    setValue.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const check = () => {
      const rows = [...document.querySelectorAll('[data-testid="delivery-row"]')];
      if (rows.length > 0 && rows.every((r) => (r.textContent ?? '').includes(text))) { done(performance.now() - t0); return; }
      if (performance.now() - t0 > 10_000) { fail(new Error(`search "${text}" not shown after 10 s`)); return; }
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }), term);
}

/** Scrolls the list down page after page (paging in as it goes); the most row elements ever in the DOM. */
function scrollThrough(page: Page, pages: number): Promise<UiBenchResult['scroll']> {
  return page.evaluate((wanted) => new Promise<UiBenchResult['scroll']>((done) => {
    const list = document.querySelector<HTMLElement>('.delivery-list')!;
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    const rowsInDom = () => document.querySelectorAll('[data-testid="delivery-row"]').length;
    void (async () => {
      let maxRows = rowsInDom();
      let steps = 0;
      const rowHeight = document.querySelector<HTMLElement>('[data-testid="delivery-row"]')?.offsetHeight || 40;
      const target = wanted * 100 * rowHeight;
      const t0 = performance.now();
      while (list.scrollTop + list.clientHeight < target && performance.now() - t0 < 20_000) {
        const before = list.scrollTop;
        list.scrollTop = before + list.clientHeight;
        steps++;
        await frame();
        await frame();
        maxRows = Math.max(maxRows, rowsInDom());
        // At the end of what is loaded: wait for the next page to come in.
        if (list.scrollTop === before) await new Promise((r) => setTimeout(r, 20));
      }
      const shown = /([\d,]+)\+? shown/.exec(document.querySelector('.list-count')?.textContent ?? '');
      const loadedRows = shown ? Number(shown[1].replace(/,/g, '')) : NaN;
      done({ maxRows, loadedRows, steps, pages: Math.floor(loadedRows / 100) });
    })();
  }), pages);
}

export async function runUiBench(rows: number, tempDirs: string[], log: (text: string) => void): Promise<UiBenchResult> {
  log('building the renderer (vite build) ...');
  const built = await runToEnd([join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], 120_000);
  if (built.code !== 0 || !existsSync(join(ROOT, 'dist/renderer/index.html'))) throw new Error(`vite build failed:\n${built.stderr}`);
  const dataDir = makeDataDir({ secrets: [{ label: 'bench', value: 'ui-bench-secret-0123456789' }], retention: { maxDeliveries: 2_000_000 } });
  tempDirs.push(dataDir);
  log(`filling a store with ${rows.toLocaleString('en-US')} deliveries ...`);
  const fillStarted = performance.now();
  fillDeliveriesSync(join(dataDir, 'certbell.db'), rows, log);
  const fillMs = performance.now() - fillStarted;

  const serve = await startServer([CERTBELL_BIN, 'serve', '--port', '0', '--ui-port', '0', '--data-dir', dataDir], 'certbell ready ');
  const server = await chromium.launchServer({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const browserPid = server.process().pid;
  log(`serve pid ${serve.pid}, chromium pid ${browserPid ?? '?'}`);
  try {
    const ui = (JSON.parse(serve.readyLine.slice('certbell ready '.length)) as { ui: string | null }).ui;
    if (!ui) throw new Error('serve started without a UI');
    const browser = await chromium.connect(server.wsEndpoint());
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(ui);
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();

    log(`timing the inspector's first rows, ${RUNS} times ...`);
    const firstRowsMs: number[] = [];
    const firstRowsCallMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      firstRowsCallMs.push(await timeCall(page, 'deliveries.list', { limit: 100 }));
      firstRowsMs.push(await timeFirstRows(page));
      await page.evaluate(() => { location.hash = '#/'; });
      await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
      await page.locator('[data-testid="delivery-row"]').first().waitFor({ state: 'detached' });
    }

    log(`timing ${SEARCHES.length} searches ...`);
    await page.evaluate(() => { location.hash = '#/deliveries'; });
    await page.locator('[data-testid="delivery-row"]').first().waitFor();
    const filterMs: number[] = [];
    const filterCallMs: number[] = [];
    for (const term of SEARCHES) {
      filterCallMs.push(await timeCall(page, 'deliveries.list', { limit: 100, search: term }));
      filterMs.push(await timeFilter(page, term));
      await page.getByRole('searchbox').fill('');
      await page.locator('.list-count').filter({ hasText: /^100\+ shown$/ }).waitFor();
      // The unfiltered list again, so the next term starts from the same state.
      await page.locator('[data-testid="delivery-row"]').first().waitFor();
    }

    log(`scrolling through ${SCROLL_PAGES} pages of the list ...`);
    const scroll = await scrollThrough(page, SCROLL_PAGES);
    await browser.close();
    return { rows, fillMs, firstRowsMs, firstRowsCallMs, filterMs, filterCallMs, scroll };
  } finally {
    await server.close().catch(() => {});
    if (browserPid !== undefined) { try { process.kill(browserPid, 'SIGKILL'); } catch {} }
    await serve.stop();
  }
}

export function uiDetail(u: UiBenchResult): string {
  const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  return [
    `filled ${u.rows.toLocaleString('en-US')} rows in ${(u.fillMs / 1000).toFixed(1)} s`,
    `inspector first rows (ms): ${list(u.firstRowsMs)}; deliveries.list {limit:100} from the page: ${list(u.firstRowsCallMs)}`,
    `search to filtered list (ms): ${list(u.filterMs)}; deliveries.list {search} from the page: ${list(u.filterCallMs)}`,
    `scroll: ${u.scroll.steps} steps, ${u.scroll.loadedRows.toLocaleString('en-US')} rows loaded (${u.scroll.pages} pages), `
      + `at most ${u.scroll.maxRows} row elements in the DOM`,
    `medians: first rows ${median(u.firstRowsMs).toFixed(0)} ms, filter ${median(u.filterMs).toFixed(0)} ms`,
  ].join('\n');
}
