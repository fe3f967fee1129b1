/**
 * A time on screen: `TimeAgo` reads "3 minutes ago" / "in 12 days" (kept up to date) with the absolute
 * time in the user's locale on hover; `TimeAt` shows the absolute time (detail views) with the
 * relative one on hover. Both are `<time dateTime=ISO>`, so the exact instant stays machine-readable.
 */
import { formatAbsolute, formatRelative } from '../lib/time-format.ts';
import { useNow } from '../lib/use-now.ts';

interface Props {
  iso: string | null | undefined;
  /** Shown when there is no time. */
  none?: string;
}

export function TimeAgo({ iso, none = '—' }: Props) {
  const now = useNow();
  if (!iso) return <>{none}</>;
  return <time dateTime={iso} title={formatAbsolute(iso)}>{formatRelative(iso, now)}</time>;
}

export function TimeAt({ iso, none = '—' }: Props) {
  const now = useNow();
  if (!iso) return <>{none}</>;
  return <time dateTime={iso} title={formatRelative(iso, now)}>{formatAbsolute(iso)}</time>;
}
