/**
 * Wall-clock time in a named time zone ⇄ an instant as ISO 8601 with its
 * offset. Deadlines are entered and shown in Europe/Oslo whatever zone the
 * browser or server is in, and sent with the offset that applies on that
 * date (+01:00 in winter, +02:00 in summer). Uses only `Intl`, so it runs
 * in Node and the browser alike.
 */

/** The zone Tolk shows deadlines in. */
export const DEADLINE_TIME_ZONE = 'Europe/Oslo';

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Minutes the zone is ahead of UTC at `instant`. */
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * `2026-05-15T12:00` on the zone's wall clock → `2026-05-15T12:00:00+02:00`.
 * A time skipped by the spring change (02:30 on the last Sunday of March in
 * Oslo) is taken with the offset before the change, i.e. one hour later;
 * a time that occurs twice in autumn is the first of the two. Undefined for
 * text that is not `YYYY-MM-DDTHH:mm` or not a real date.
 */
export function zonedToIso(local: string, timeZone = DEADLINE_TIME_ZONE): string | undefined {
  const m = LOCAL.exec(local);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59
  ) {
    return undefined;
  }
  // The offsets half a day before and after: equal except around a change.
  const candidates = [
    ...new Set([-1, 1].map((side) => zoneOffsetMinutes(new Date(wall + side * 12 * 60 * 60_000), timeZone))),
  ];
  // An offset fits when the instant it gives has that offset; with two
  // (autumn) the larger is the earlier instant; with none (spring) the one before.
  const fitting = candidates.filter((o) => zoneOffsetMinutes(new Date(wall - o * 60_000), timeZone) === o);
  const offset = fitting.length > 0 ? Math.max(...fitting) : candidates[0];
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:00${offsetText(offset)}`;
}

/** An instant → `YYYY-MM-DDTHH:mm` on the zone's wall clock (for a datetime-local input). */
export function isoToZoned(iso: string, timeZone = DEADLINE_TIME_ZONE): string {
  const instant = new Date(iso);
  const shifted = new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000);
  return `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}`;
}
