import { stampDay, stampText } from '../../src/shared/clock';

/** "3 h ago", "2 days ago": how long before `now` an ISO time was. */
export function ago(iso: string, now: Date): string {
  const seconds = Math.round((now.getTime() - Date.parse(iso)) / 1000);
  if (seconds < 0) return 'in the future';
  if (seconds < 90) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/**
 * A time Vigil stamped, in the facility's zone and saying which: "2026-03-16 09:30 EDT"; a dash
 * for none. Times people type (see `when` in incident-parts) are shown as typed.
 */
export const stamped = (iso: string | null | undefined) => stampText(iso);

/** The facility's day of a time Vigil stamped. */
export const stampedDay = (iso: string) => stampDay(iso);

/** A stamped time with its machine-readable value. */
export function Stamped({ iso }: { iso: string }) {
  return <time datetime={iso}>{stampText(iso)}</time>;
}

/** A timestamp a person can read, with the machine-readable value beside it. */
export function Timestamp({ iso, now }: { iso: string | null; now: Date }) {
  if (!iso) return <span class="muted">never</span>;
  return (
    <time datetime={iso} title={iso}>
      {stampText(iso)} <span class="muted">({ago(iso, now)})</span>
    </time>
  );
}
