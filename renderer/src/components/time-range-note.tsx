/** The deliveries list's time filter (set by a bar of the dashboard chart), shown with a way to drop it. */
import { formatTime } from '../lib/format.ts';

export function TimeRangeNote({ from, to, onClear }: { from: string; to: string; onClear(): void }) {
  if (!from && !to) return null;
  return (
    <p className="time-range" data-testid="time-range" role="status">
      Received {from ? <>from <time dateTime={from}>{formatTime(from)}</time></> : null}
      {to ? <> until <time dateTime={to}>{formatTime(to)}</time></> : null}{' '}
      <button type="button" onClick={onClear}>Any time</button>
    </p>
  );
}
