/** React glue for the bridge: one shared event stream, and calls as state. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeEvent, MethodName, MethodParams, MethodResult } from '../../../shared/bridge/index.ts';
import { call, subscribe, type ConnectionState } from './bridge.ts';

type Listener = (event: BridgeEvent) => void;
const listeners = new Set<Listener>();
const stateListeners = new Set<(state: ConnectionState) => void>();
let connection: { close(): void } | null = null;
let lastState: ConnectionState = 'connecting';
/** Counts reconnections: events pushed while the stream was down are lost, so what was read is read again. */
let reopened = 0;
let wasOpen = false;
const reopenListeners = new Set<(count: number) => void>();

function ensureConnection(): void {
  if (connection) return;
  connection = subscribe((event) => { for (const l of listeners) l(event); }, (state) => {
    if (state === 'open' && wasOpen && lastState !== 'open') {
      reopened++;
      for (const l of reopenListeners) l(reopened);
    }
    if (state === 'open') wasOpen = true;
    lastState = state;
    for (const l of stateListeners) l(state);
  });
}

/** Calls `listener` for every pushed event while the component is mounted. */
export function useBridgeEvents(listener: Listener): void {
  const ref = useRef(listener);
  useEffect(() => { ref.current = listener; });
  useEffect(() => {
    ensureConnection();
    const forward: Listener = (event) => ref.current(event);
    listeners.add(forward);
    return () => { listeners.delete(forward); };
  }, []);
}

/**
 * Calls `listener` each time the event stream opens again after it was lost (the host drops a
 * stream that fell too far behind): events pushed meanwhile never arrive, so read again.
 */
export function useReconnected(listener: (count: number) => void): void {
  const ref = useRef(listener);
  useEffect(() => { ref.current = listener; });
  useEffect(() => {
    ensureConnection();
    const forward = (count: number) => ref.current(count);
    reopenListeners.add(forward);
    return () => { reopenListeners.delete(forward); };
  }, []);
}

export function useConnectionState(): ConnectionState {
  const [state, setState] = useState(lastState);
  useEffect(() => {
    ensureConnection();
    stateListeners.add(setState);
    // The IPC transport is open as soon as it subscribes, before this listener was added.
    setState(lastState);
    return () => { stateListeners.delete(setState); };
  }, []);
  return state;
}

export interface CallState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Calls a method when mounted and whenever `params` (compared as JSON) change. */
export function useCall<M extends MethodName>(method: M, params?: MethodParams<M>): CallState<MethodResult<M>> {
  const [data, setData] = useState<MethodResult<M> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const [reconnection, setReconnection] = useState(reopened);
  useReconnected(setReconnection);
  const key = JSON.stringify(params ?? {});
  useEffect(() => {
    let live = true;
    setLoading(true);
    call(method, JSON.parse(key) as MethodParams<M>).then(
      (result) => { if (live) { setData(result); setError(null); setLoading(false); } },
      (failure: Error) => { if (live) { setError(failure.message); setLoading(false); } },
    );
    return () => { live = false; };
  }, [method, key, generation, reconnection]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
