/** From a stored delivery to what its hooks are told: context, environment, the PEM chain. */
import { summarizeBody } from '../../../shared/openprovider/payloads.ts';
import type { HookContext, HookStage } from './hook-types.ts';

export interface DeliveryFacts {
  deliveryId: string;
  event: string | null;
  entityId: string | null;
  body: Buffer;
  parsed: unknown;
  /** The certificate the inventory ties this delivery to when the body names none (a CA chat message names only its order). */
  known?: { certificateId: string; commonName: string | null };
}

function certificateFiles(parsed: unknown): { main: string | null; chain: string | null } {
  const files = (parsed as { data?: { certificate?: { certificates?: Record<string, unknown> } } } | null)
    ?.data?.certificate?.certificates;
  const pem = (key: string) => (typeof files?.[key] === 'string' && (files[key] as string).includes('-----BEGIN') ? files[key] as string : null);
  const parts = [pem('main'), pem('intermediate'), pem('root')].filter((p): p is string => p !== null);
  const chain = parts.map((p) => (p.endsWith('\n') ? p : `${p}\n`)).join('');
  return { main: pem('main'), chain: chain || null };
}

/** Base64 DER of a PEM certificate: the text between its armour lines. */
export function pemToDerBase64(pem: string): string | null {
  const match = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  return match ? match[1].replace(/\s+/g, '') : null;
}

export function hookContext(facts: DeliveryFacts, stage: HookStage, error: string | null): HookContext {
  const summary = summarizeBody(facts.parsed);
  const { main, chain } = certificateFiles(facts.parsed);
  return {
    stage,
    event: facts.event,
    deliveryId: facts.deliveryId,
    entityId: facts.entityId,
    certificateName: summary.certificateId ?? facts.known?.certificateId ?? null,
    orderName: summary.orderId,
    commonName: summary.commonName ?? facts.known?.commonName ?? null,
    error,
    certificate: chain,
    certificateRaw: main ? pemToDerBase64(main) : null,
    body: facts.body,
  };
}

/** SPEC §11: an environment value is cut at this many bytes (the whole value is in the JSON on stdin). */
export const ENV_VALUE_MAX_BYTES = 32 * 1024;

/**
 * A value the system will pass to a process: no NUL bytes (they end a C string; spawn refuses
 * them) and at most ENV_VALUE_MAX_BYTES of UTF-8, cut between characters (a single value over
 * 128 KiB makes exec fail with E2BIG on Linux).
 */
export function envValue(value: string): string {
  const clean = value.includes('\0') ? value.replaceAll('\0', '') : value;
  if (clean.length * 3 <= ENV_VALUE_MAX_BYTES) return clean;
  const bytes = Buffer.from(clean, 'utf8');
  if (bytes.length <= ENV_VALUE_MAX_BYTES) return clean;
  let end = ENV_VALUE_MAX_BYTES;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.toString('utf8', 0, end);
}

/** Only what a hook needs: never Certbell's own environment (which may hold secrets). */
export function hookEnvironment(ctx: HookContext, certificateFile: string | null, own: Record<string, string> = {},
  parent: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ['PATH', 'HOME', 'LANG']) if (parent[name]) env[name] = parent[name]!;
  const set = (name: string, value: string | null) => { if (value !== null) env[`CERTBELL_${name}`] = envValue(value); };
  set('STAGE', ctx.stage);
  set('EVENT', ctx.event);
  set('DELIVERY_ID', ctx.deliveryId);
  set('ENTITY_ID', ctx.entityId);
  set('CERTIFICATE_NAME', ctx.certificateName);
  set('ORDER_NAME', ctx.orderName);
  set('COMMON_NAME', ctx.commonName);
  set('ERROR', ctx.error);
  set('CERTIFICATE', certificateFile);
  set('CERTIFICATE_RAW', ctx.certificateRaw);
  for (const [name, value] of Object.entries(own)) env[name] = envValue(value);
  return env;
}
