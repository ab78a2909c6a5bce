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

/** An ISO time as a printed page writes it: "2026-03-16 09:30 UTC"; a dash for none. */
export const utcMinute = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—');

/** A timestamp a person can read, with the machine-readable value beside it. */
export function Timestamp({ iso, now }: { iso: string | null; now: Date }) {
  if (!iso) return <span class="muted">never</span>;
  return (
    <time datetime={iso} title={iso}>
      {utcMinute(iso)} <span class="muted">({ago(iso, now)})</span>
    </time>
  );
}
