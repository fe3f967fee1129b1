/** The settings as the UI may see them: secrets reduced to their label and kind, never a value or a variable name. */
import { SECRET_MASK, type MaskedConfig, type MaskedSecret } from '../../../shared/bridge/index.ts';
import type { Config, CredentialConfig } from '../../../shared/config/index.ts';

function secretKind(secret: CredentialConfig): MaskedSecret['kind'] {
  if (secret.value !== undefined) return 'value';
  return secret.env !== undefined ? 'env' : 'encrypted';
}

export function maskSettings(config: Config): MaskedConfig {
  const copy = structuredClone(config) as Omit<Config, 'secrets' | 'provider'> & { secrets?: unknown; provider?: unknown };
  delete copy.secrets;
  delete copy.provider;
  const provider = config.provider === null ? null
    : { ...config.provider, password: { kind: secretKind(config.provider.password), masked: SECRET_MASK } as const };
  return { ...copy, secrets: config.secrets.map((s) => ({ label: s.label, kind: secretKind(s), masked: SECRET_MASK })), provider };
}
