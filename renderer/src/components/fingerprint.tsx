/** A SHA-256 fingerprint shortened for reading, whole in its title and on the clipboard. */
import { shortFingerprint } from '../lib/deployment.ts';
import { CopyButton } from './copy-button.tsx';

export function Fingerprint({ value, label }: { value: string | null; label: string }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className="fingerprint">
      <code title={value}>{shortFingerprint(value)}</code>
      <CopyButton text={value} ariaLabel={`Copy the ${label}`} />
    </span>
  );
}
