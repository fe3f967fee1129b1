/** The settings as the UI may see them: secrets reduced to their label and kind, never a value or a variable name. */
import { SECRET_MASK, type MaskedConfig, type MaskedSecret } from '../../../shared/bridge/index.ts';
import type { Config, SecretConfig } from '../../../shared/config/index.ts';

function secretKind(secret: SecretConfig): MaskedSecret['kind'] {
  if (secret.value !== undefined) return 'value';
  return secret.env !== undefined ? 'env' : 'encrypted';
}

export function maskSettings(config: Config): MaskedConfig {
  const copy = structuredClone(config) as Omit<Config, 'secrets'> & { secrets?: unknown };
  delete copy.secrets;
  return { ...copy, secrets: config.secrets.map((s) => ({ label: s.label, kind: secretKind(s), masked: SECRET_MASK })) };
}
