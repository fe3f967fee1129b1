/**
 * The provider block (SPEC §13) as Settings edits it. The stored password never reaches the page:
 * the draft only knows where it comes from, and sends it back as `{keep: true}` unless the user
 * typed a new value or named an environment variable.
 */
import type { MaskedProvider, ProviderInput } from '../../../shared/bridge/index.ts';
import { DEFAULT_PROVIDER_API_URL, PROVIDER_KINDS } from '../../../shared/config/index.ts';

export type PasswordSource = 'keep' | 'value' | 'env';

export interface ProviderDraft {
  enabled: boolean;
  kind: (typeof PROVIDER_KINDS)[number];
  apiUrl: string;
  username: string;
  intervalMinutes: number;
  timeoutMs: number;
  /** Where the saved password comes from, or null when none is saved (nothing to keep). */
  stored: MaskedProvider['password']['kind'] | null;
  source: PasswordSource;
  /** The new password typed here (source 'value'); never a stored one. */
  value: string;
  /** The environment variable's name (source 'env'). */
  env: string;
}

export const DEFAULT_PASSWORD_ENV = 'OPENPROVIDER_PASSWORD';

export function providerDraftFrom(masked: MaskedProvider | null): ProviderDraft {
  if (!masked) {
    return { enabled: false, kind: PROVIDER_KINDS[0], apiUrl: DEFAULT_PROVIDER_API_URL, username: '', intervalMinutes: 60, timeoutMs: 15_000,
      stored: null, source: 'env', value: '', env: DEFAULT_PASSWORD_ENV };
  }
  return { enabled: true, kind: masked.kind, apiUrl: masked.apiUrl, username: masked.username, intervalMinutes: masked.intervalMinutes,
    timeoutMs: masked.timeoutMs, stored: masked.password.kind, source: 'keep', value: '', env: '' };
}

function password(draft: ProviderDraft): ProviderInput['password'] {
  if (draft.source === 'keep' && draft.stored) return { keep: true };
  if (draft.source === 'env') return { env: draft.env.trim() };
  return { value: draft.value };
}

/** What `settings.save` and `sync.test` get: null when the sync is switched off. */
export function providerInput(draft: ProviderDraft): ProviderInput | null {
  if (!draft.enabled) return null;
  return { kind: draft.kind, apiUrl: draft.apiUrl.trim(), username: draft.username, password: password(draft),
    intervalMinutes: draft.intervalMinutes, timeoutMs: draft.timeoutMs };
}

/** The block as the shared schema checks it: a kept password stands in as a placeholder value (it stays on the host). */
export function providerForValidation(draft: ProviderDraft): Record<string, unknown> | null {
  const input = providerInput(draft);
  if (!input) return null;
  return { ...input, password: 'keep' in input.password ? { value: 'kept' } : input.password };
}
