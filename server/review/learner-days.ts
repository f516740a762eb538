// A learner's "today" is a calendar day in their own time zone: what is due today, the streak and
// the once-a-day reminder all count days there, not in the server's zone or in UTC.

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

let zones: Set<string> | undefined;

/** An IANA zone name this Node build knows ("UTC" included). */
export function isTimeZone(name: string): boolean {
  zones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return zones.has(name);
}

export function timeZoneNames(): string[] {
  return [...new Set(["UTC", ...Intl.supportedValuesOf("timeZone")])];
}

/** The wall clock in `timeZone` at `at`, as if that wall clock were UTC. */
function wallClockMs(at: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(at)) {
    if (part.type !== "literal") p[part.type] = Number(part.value);
  }
  return Date.UTC(
    p.year ?? 1970,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
}

const offsetMs = (at: number, timeZone: string) =>
  wallClockMs(at - (at % 1000), timeZone) - (at - (at % 1000));

/** "YYYY-MM-DD": the calendar day `at` falls on in `timeZone`. */
export function dayIn(at: Date, timeZone: string): string {
  return new Date(wallClockMs(at.getTime(), timeZone)).toISOString().slice(0, 10);
}

/** The calendar day `n` days after `day` (negative: before). */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The instant the wall clock in `timeZone` shows `time` ("HH:MM") on `day`. A time skipped by a
 * daylight-saving change lands just after the jump.
 */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number);
  const [hh, mm] = time.split(":").map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  return new Date(Math.max(first, second));
}

export interface DayBounds {
  day: string;
  start: Date;
  /** The start of the next day: "today" is start <= t < end. */
  end: Date;
}

export function dayBounds(at: Date, timeZone: string): DayBounds {
  const day = dayIn(at, timeZone);
  return {
    day,
    start: zonedInstant(day, "00:00", timeZone),
    end: zonedInstant(addDays(day, 1), "00:00", timeZone),
  };
}

/** The first instant strictly after `after` at which the wall clock in `timeZone` shows `time`. */
export function nextOccurrence(time: string, timeZone: string, after: Date): Date {
  const today = dayIn(after, timeZone);
  for (const day of [today, addDays(today, 1), addDays(today, 2)]) {
    const at = zonedInstant(day, time, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  return zonedInstant(addDays(today, 3), time, timeZone);
}

/** "Thursday 4 December", as the learner's calendar shows it. */
export function formatDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
  }).format(at);
}
