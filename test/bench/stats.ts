/** Small statistics and formatting helpers for the benchmark report. */

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank];
}

export function median(values: readonly number[]): number {
  return percentile([...values].sort((a, b) => a - b), 0.5);
}

export function max(values: readonly number[]): number {
  return values.reduce((a, b) => Math.max(a, b), -Infinity);
}

export async function timeAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  return value < 10 ? `${value.toFixed(2)} ms` : value < 100 ? `${value.toFixed(1)} ms` : `${Math.round(value)} ms`;
}

export function int(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

export function pct(value: number | null): string {
  return value === null || !Number.isFinite(value) ? 'n/a' : `${Math.round(value * 100)}%`;
}

export function ratio(value: number, baseline: number): string {
  return Number.isFinite(value / baseline) && baseline > 0 ? `${(value / baseline).toFixed(2)}x` : 'n/a';
}

export function verdict(pass: boolean): string {
  return pass ? 'PASS' : 'FAIL';
}

/** A plain-text table with aligned columns (numbers right-aligned). */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => (row[col] ?? '').length)));
  const numeric = /^[\d.,%x +-]+(ms|x|%)?$|^n\/a$/;
  return rows.map((row, r) => row.map((cell, col) => {
    const text = cell ?? '';
    return r > 0 && numeric.test(text) ? text.padStart(widths[col]) : text.padEnd(widths[col]);
  }).join('  ').trimEnd()).join('\n') + '\n';
}

/** One line of the final summary: what, measured, baseline, ratio, target, verdict. */
export interface SummaryRow {
  what: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  result: 'PASS' | 'FAIL' | 'info';
}

export function summaryTable(rows: readonly SummaryRow[]): string {
  return table([
    ['figure', 'certbell', 'baseline', 'ratio', 'target', 'result'],
    ...rows.map((r) => [r.what, r.value, r.baseline, r.ratio, r.target, r.result]),
  ]);
}
