/**
 * "Pause notifications" in the UI, the same pause as the tray's and `certbell notifications pause`:
 * the core's, so the history says "not shown: paused" for what arrives meanwhile.
 */
import { useEffect, useState } from 'react';
import type { PauseState } from '../../../shared/bridge/index.ts';
import { PAUSE_HOUR_MS, tomorrowMorning } from '../../../shared/notify/pause.ts';
import { call } from '../bridge/bridge.ts';
import { useBridgeEvents, useCall } from '../bridge/use-bridge.ts';
import { TimeAt } from './time-ago.tsx';

/** `whenPaused`: only the notice and Resume, nothing while notifications show (the dashboard). */
export function PauseControl({ whenPaused = false }: { whenPaused?: boolean }) {
  const initial = useCall('notifications.pauseState');
  const [state, setState] = useState<PauseState | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { if (initial.data) setState(initial.data); }, [initial.data]);
  // Paused or resumed elsewhere (the tray, the CLI), or the pause ran out.
  useBridgeEvents((e) => { if (e.event === 'pause') setState(e.data); });
  // "Until tomorrow" is 08:00 here, in this browser's time zone.
  const pause = async (until: number | null) => {
    setError(null);
    try {
      setState(await call('notifications.pause', { until: until === null ? null : new Date(until).toISOString() }));
    } catch (failure) { setError((failure as Error).message); }
  };
  if (!state || (whenPaused && !state.pausedUntil)) return null;
  return (
    <div className={state.pausedUntil ? 'notice warn pause-control' : 'pause-control'} data-testid="pause-control">
      {state.pausedUntil ? (
        <p role="status"><b>Notifications are paused until <TimeAt iso={state.pausedUntil} />.</b>{' '}
          <span className="muted">What arrives is kept in the history as not shown.</span>{' '}
          <button type="button" onClick={() => void pause(null)}>Resume</button></p>
      ) : (
        <p className="actions"><span className="muted">Desktop notifications show as they come.</span>
          <button type="button" onClick={() => void pause(Date.now() + PAUSE_HOUR_MS)}>Pause for 1 hour</button>
          <button type="button" onClick={() => void pause(tomorrowMorning(Date.now()))}>Pause until tomorrow</button>
        </p>
      )}
      {error && <p className="warning" role="alert">{error}</p>}
    </div>
  );
}
