/**
 * The facility's clock. Days people see and type (the day the facility became aware, due
 * dates, "today") are days in the facility's time zone: at 8 p.m. in New York it is still today
 * there, though it is tomorrow in UTC. Times Vigil stamps are stored in UTC and shown in the
 * facility's zone, saying which.
 *
 * The zone is a setting of the whole process (VIGIL_TIME_ZONE, the server's own zone by
 * default), set once by the composition root; everything else reads it here.
 */

/** The zone of the machine Vigil runs on. */
export const serverZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Whether `zone` is an IANA time zone this Node knows ("America/New_York", "UTC"). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

let zone = serverZone();
const formats = new Map<string, Intl.DateTimeFormat>();

/** Sets the facility's zone for this process; start-up calls it once from the configuration. */
export function useFacilityZone(value: string): void {
  if (!isTimeZone(value)) throw new Error(`${value} is not a time zone`);
  zone = value;
}

export const facilityZone = (): string => zone;

function partsIn(at: Date, timeZone: string): Record<string, string> {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    formats.set(timeZone, format);
  }
  return Object.fromEntries(format.formatToParts(at).map((p) => [p.type, p.value]));
}

/** The facility's day at a moment: YYYY-MM-DD. */
export function facilityDay(at: Date, timeZone = zone): string {
  const p = partsIn(at, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The facility's time to the minute, as a datetime-local field holds it: YYYY-MM-DDTHH:MM. */
export function facilityMinute(at: Date, timeZone = zone): string {
  const p = partsIn(at, timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** A time Vigil stamped (ISO, UTC), as people read it: "2026-11-20 19:30 EST"; a dash for none. */
export function stampText(iso: string | null | undefined, timeZone = zone): string {
  if (!iso) return '—';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const p = partsIn(at, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute} ${p.timeZoneName}`;
}

/** The facility's day of a stamped time (ISO, UTC). */
export const stampDay = (iso: string, timeZone = zone): string => facilityDay(new Date(iso), timeZone);

/**
 * The moment a facility day begins, as a stored time (ISO, UTC): what a range of days written by
 * a person ("cases opened from 1 June to 30 June") is compared with.
 */
export function dayStart(day: string, timeZone = zone): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d);
  let at = midnightUtc;
  // Twice, so a day whose offset changes overnight (daylight saving) still lands on its midnight.
  for (let i = 0; i < 2; i++) {
    const p = partsIn(new Date(at), timeZone);
    const shown = Date.UTC(
      Number(p.year),
      Number(p.month) - 1,
      Number(p.day),
      Number(p.hour),
      Number(p.minute),
    );
    at -= shown - midnightUtc;
  }
  return new Date(at).toISOString();
}
