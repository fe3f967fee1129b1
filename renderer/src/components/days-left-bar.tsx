/** Days left as a bar coloured by the expiry thresholds; the number says it, the colour only repeats it. */
import { barFraction, expiryLevel } from '../lib/certificate-list.ts';

const LEVEL_TEXT = { expired: 'expired', danger: 'expires soon', warn: 'expiring', ok: 'fine', unknown: 'no expiry known' } as const;

export function DaysLeftBar({ daysLeft, thresholds }: { daysLeft: number | null; thresholds: readonly number[] }) {
  const level = expiryLevel(daysLeft, thresholds);
  const text = daysLeft === null ? '—' : daysLeft < 0 ? `${daysLeft}` : String(daysLeft);
  return (
    <span className={`days-left level-${level}`} data-testid="days-left" data-level={level} title={LEVEL_TEXT[level]}>
      <span className="days-left-number">{text}</span>
      <span className="days-left-track" aria-hidden="true">
        <span className="days-left-fill" style={{ width: `${(barFraction(daysLeft) * 100).toFixed(1)}%` }} />
      </span>
    </span>
  );
}
