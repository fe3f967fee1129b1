/** The tunnel part of Settings (SPEC §2 `tunnel.*`): the command as argv rows, URL pattern, fixed public URL, autostart. */
import type { MaskedConfig } from '../../../shared/bridge/index.ts';
import type { ConfigError } from '../../../shared/config/index.ts';
import { errorsAt, errorsUnder } from '../lib/config-errors.ts';
import { ArgvEditor } from './argv-editor.tsx';
import { FieldError } from './field-error.tsx';

type Tunnel = MaskedConfig['tunnel'];

export function TunnelSettings({ tunnel, errors, onChange }: { tunnel: Tunnel; errors: ConfigError[]; onChange(next: Tunnel): void }) {
  const set = (p: Partial<Tunnel>) => onChange({ ...tunnel, ...p });
  const blank = (text: string) => (text.trim() === '' ? null : text);
  return (
    <section className="card" aria-labelledby="s-tunnel">
      <h2 id="s-tunnel">Tunnel</h2>
      <p className="muted">The program that exposes this listener to the internet (cloudflared, ngrok, ssh -R …). Certbell runs it,
        restarts it when it exits and reads its public URL from its output. <code>{'{port}'}</code> stands for the listener port.</p>
      <fieldset className="field"><legend>Command</legend>
        <ArgvEditor idPrefix="s-tunnel-arg" placeholder="cloudflared" argv={tunnel.command ?? []} onChange={(argv) => set({ command: argv.length ? argv : null })} />
        <FieldError messages={errorsUnder(errors, 'tunnel.command').map((e) => e.message)} />
      </fieldset>
      <div className="field"><label htmlFor="s-tunnel-pattern">URL pattern (regular expression; empty: the first https URL without a path)</label>
        <input id="s-tunnel-pattern" value={tunnel.urlPattern ?? ''} placeholder="https://[a-z0-9-]+\.trycloudflare\.com"
          onChange={(e) => set({ urlPattern: blank(e.target.value) })} /><FieldError messages={errorsAt(errors, 'tunnel.urlPattern')} /></div>
      <div className="field"><label htmlFor="s-tunnel-public">Fixed public webhook URL (instead of the tunnel's; the full URL the provider calls)</label>
        <input id="s-tunnel-public" value={tunnel.publicUrl ?? ''} placeholder="https://hooks.example.com/webhook"
          onChange={(e) => set({ publicUrl: blank(e.target.value) })} /><FieldError messages={errorsAt(errors, 'tunnel.publicUrl')} /></div>
      <label className="check"><input type="checkbox" checked={tunnel.autoStart} onChange={(e) => set({ autoStart: e.target.checked })} /> Start the tunnel with Certbell</label>
    </section>
  );
}
