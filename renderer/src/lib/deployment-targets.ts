/**
 * `deployment.targets` in the settings form: a map in config.json, an ordered list of rows while
 * editing (a name can be half typed, or empty, without losing its place or its targets).
 */
import { formatPath, type ConfigError } from '../../../shared/config/index.ts';
import { isCertificateName, parseTarget } from '../../../shared/deployment/index.ts';

export interface TargetRow {
  name: string;
  targets: string[];
}

export type TargetMap = Record<string, string[]>;

export function rowsFromTargets(targets: TargetMap): TargetRow[] {
  return Object.entries(targets).map(([name, list]) => ({ name, targets: [...list] }));
}

/** The map as saved: names and targets trimmed (spaces are never part of either). */
export function targetsFromRows(rows: readonly TargetRow[]): TargetMap {
  const map: TargetMap = {};
  for (const row of rows) map[row.name.trim()] = row.targets.map((t) => t.trim());
  return map;
}

/** The JSON path of a row's name, or of one of its targets: `deployment.targets["shop.example.nl"][0]`. */
export function targetPath(name: string, index?: number): string {
  const path: PropertyKey[] = ['deployment', 'targets', name.trim()];
  if (index !== undefined) path.push(index);
  return formatPath(path);
}

/** Names are host names: "Shop.example.nl" and "shop.example.nl" are one name. */
function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The problems of each row's name, by row: what the schema reports at the name's path (its own
 * words for an invalid key, which the record schema does not carry through), and a name given twice.
 */
export function nameErrors(rows: readonly TargetRow[], errors: readonly ConfigError[]): string[][] {
  return rows.map((row, i) => {
    const messages: string[] = [];
    if (!isCertificateName(row.name.trim())) {
      messages.push(row.name.trim() === '' ? 'give the certificate name, such as "shop.example.nl" or "*.example.nl"'
        : 'not a certificate name: a host name such as "shop.example.nl", or a wildcard such as "*.example.nl"');
    } else if (rows.findIndex((other) => sameName(other.name, row.name)) < i) messages.push('this name is listed above already');
    const path = targetPath(row.name);
    // A bad name is said above, in the form's words; what the schema adds about its row waits until the name is right.
    const badName = !isCertificateName(row.name.trim());
    for (const e of errors) if (!badName && e.path === path && !messages.includes(e.message)) messages.push(e.message);
    return messages;
  });
}

/** Problems only the form can see (a name listed twice collapses into one key of the map). */
export function duplicateNameCount(rows: readonly TargetRow[]): number {
  return rows.filter((row, i) => rows.findIndex((other) => sameName(other.name, row.name)) < i).length;
}

const TARGET_SYNTAX = 'a target is "host:port" (port 1–65535; an IPv6 address in brackets: "[::1]:8443")';

/**
 * The problems of a row's target: the schema's, or, while the row's name is invalid (the schema
 * then does not look at its targets), the same syntax rule checked here.
 */
export function targetErrors(row: TargetRow, index: number, errors: readonly ConfigError[]): string[] {
  const path = targetPath(row.name, index);
  const reported = errors.filter((e) => e.path === path).map((e) => e.message);
  if (reported.length > 0 || isCertificateName(row.name.trim())) return reported;
  return parseTarget(row.targets[index] ?? '') === null ? [TARGET_SYNTAX] : [];
}
