/**
 * Settings only the desktop app applies (start at login), and its warning when secrets cannot be
 * encrypted (Linux without a keyring). The headless face's page shows neither.
 */
import type { SecretStorageStatus } from '../../../shared/bridge/index.ts';
import { isDesktop } from '../bridge/bridge.ts';

/** `storage`: the status call's `secretStorage` (the settings page has loaded it already). */
export function SecretStorageWarning({ storage }: { storage: SecretStorageStatus | undefined }) {
  if (!storage || storage.secure || !storage.warning) return null;
  return <p className="warning" role="alert" data-testid="secret-storage-warning">{storage.warning}</p>;
}

export function DesktopSettings({ autostart, onChange }: { autostart: boolean; onChange: (autostart: boolean) => void }) {
  if (!isDesktop) return null;
  return (
    <section className="card" aria-labelledby="s-desktop">
      <h2 id="s-desktop">Desktop</h2>
      <label className="check"><input type="checkbox" checked={autostart} onChange={(e) => onChange(e.target.checked)} /> Start Certbell when I log in</label>
      <p className="muted">Certbell then starts in the tray, without opening this window.</p>
    </section>
  );
}
