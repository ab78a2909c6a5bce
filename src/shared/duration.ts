/** How long a sync run took, or has taken so far, as a person reads it: "42 s", "3 min 5 s", "1 h 2 min". */
export function durationText(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

/** A run's duration: to its end, or to now while it runs. */
export function runDuration(startedAt: string, finishedAt: string | null, now: Date): string {
  const end = finishedAt ? Date.parse(finishedAt) : now.getTime();
  return durationText(end - Date.parse(startedAt));
}
