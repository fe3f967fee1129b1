import { useState } from 'react';
import { copyText } from '../lib/format.ts';

/**
 * Copies `text`; says whether it worked (clipboard access can be refused). `ariaLabel` tells
 * several copy buttons on one page apart ("Copy the served fingerprint").
 */
export function CopyButton({ text, label = 'Copy', ariaLabel }: { text: string | (() => string); label?: string; ariaLabel?: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const onClick = async () => {
    const ok = await copyText(typeof text === 'function' ? text() : text);
    setState(ok ? 'copied' : 'failed');
    setTimeout(() => setState('idle'), 1500);
  };
  return (
    <button type="button" onClick={() => void onClick()} aria-live="polite" aria-label={state === 'idle' ? ariaLabel : undefined}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
