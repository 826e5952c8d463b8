// §1.6 times as a platform pushes them: "所有接口中的时间格式：yyyy-MM-dd HH:mm:ss，国内短信时区是UTC+8".
// A time is a real calendar date and time (D23), not any string the format's pattern matches: an
// endpoint that parses it (Python's datetime, Java's DateTimeFormatter) rightly refuses
// 0000-02-30. Drawn over the present decades, with the edges that break date code: leap days, the
// last day of a month and of a year, the first and the last second of a day.
import fc from 'fast-check';
import { resolve } from '../schema/navigate.js';
import type { SchemaNode } from '../schema/registry.js';

export const SPEC_TIME_FORMAT = 'yyyy-MM-dd HH:mm:ss';

/** Every §1.6 time is this long: a longer value in a time field is no time (D24). */
export const SPEC_TIME_LENGTH = SPEC_TIME_FORMAT.length;

/**
 * The years drawn: the present decades, up to 2037, the last whole year a signed 32-bit Unix time
 * (a MySQL TIMESTAMP column) holds, where an endpoint may well store a time it is pushed.
 */
export const SPEC_TIME_YEARS = { min: 2000, max: 2037 } as const;

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

type CalendarDate = Pick<WallClock, 'year' | 'month' | 'day'>;
type TimeOfDay = Pick<WallClock, 'hour' | 'minute' | 'second'>;

const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);

/** The SpecTime definition: a field that refers to it is a §1.6 time. */
const SPEC_TIME_NODE = resolve({ $ref: 'definitions.json#/$defs/SpecTime' });

/** Whether a (resolved) schema node is a §1.6 time: it carries SpecTime's format reading (D14). */
export function isSpecTimeNode(node: SchemaNode | undefined): boolean {
  const pattern = SPEC_TIME_NODE['x-should']?.pattern;
  return pattern !== undefined && node?.['x-should']?.pattern === pattern;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the Gregorian calendar (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function formatSpecTime(t: WallClock): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
}

/** The fields of a string in the §1.6 shape (digits where the format has them), real or not. */
export function parseSpecTime(text: string): WallClock | undefined {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as number[];
  return { year, month, day, hour, minute, second } as WallClock;
}

/** Why a time in the §1.6 shape is no real date and time, in words; undefined when it is one. */
export function impossibility(t: WallClock): string | undefined {
  if (t.year < 1) return `year ${pad(t.year, 4)}, before year 1`;
  if (t.month < 1 || t.month > 12) return `month ${pad(t.month)}, no such month`;
  if (t.day < 1 || t.day > daysInMonth(t.year, t.month))
    return `${t.day} ${MONTHS[t.month - 1]} ${t.year}, no such day`;
  if (t.hour > 23) return `hour ${t.hour}`;
  if (t.minute > 59) return `minute ${t.minute}`;
  if (t.second > 59) return `second ${t.second}`;
  return undefined;
}

/** What a time is, in words: "29 February 2024 23:59:59 (a leap day; a day's last second)". */
export function describeSpecTime(text: string): string {
  const t = parseSpecTime(text);
  if (!t) return `not a ${SPEC_TIME_FORMAT} time`;
  const impossible = impossibility(t);
  if (impossible) return impossible;
  const notes = [
    t.month === 2 && t.day === 29 ? 'a leap day' : undefined,
    t.month === 1 && t.day === 1 ? "a year's first day" : undefined,
    t.month === 12 && t.day === 31 ? "a year's last day" : undefined,
    t.day === daysInMonth(t.year, t.month) && t.month !== 12 && t.day !== 29
      ? "a month's last day"
      : undefined,
    t.hour + t.minute + t.second === 0 ? 'midnight' : undefined,
    t.hour === 23 && t.minute === 59 && t.second === 59 ? "a day's last second" : undefined,
    t.year < SPEC_TIME_YEARS.min || t.year > SPEC_TIME_YEARS.max ? 'outside the years drawn' : undefined,
  ].filter((n): n is string => n !== undefined);
  const clock = text.slice(11);
  return `${t.day} ${MONTHS[t.month - 1]} ${t.year} ${clock}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
}

const DAY_MS = 86_400_000;
const firstDay = Date.UTC(SPEC_TIME_YEARS.min, 0, 1) / DAY_MS;
const lastDay = Date.UTC(SPEC_TIME_YEARS.max, 11, 31) / DAY_MS;

const year = fc.integer(SPEC_TIME_YEARS);
const month = fc.integer({ min: 1, max: 12 });

/** Any day of the years drawn; shrinks to the first. */
const anyDate: fc.Arbitrary<CalendarDate> = fc.integer({ min: firstDay, max: lastDay }).map((days) => {
  const d = new Date(days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
});

const leapYears = Array.from(
  { length: SPEC_TIME_YEARS.max - SPEC_TIME_YEARS.min + 1 },
  (_, i) => SPEC_TIME_YEARS.min + i,
).filter(isLeapYear);

/** 29 February of a leap year (2000 among them: divisible by 400). */
const leapDay: fc.Arbitrary<CalendarDate> = fc.constantFrom(...leapYears).map((y) => ({
  year: y,
  month: 2,
  day: 29,
}));

const monthEnd: fc.Arbitrary<CalendarDate> = fc
  .tuple(year, month)
  .map(([y, m]) => ({ year: y, month: m, day: daysInMonth(y, m) }));

const yearEdge: fc.Arbitrary<CalendarDate> = fc
  .tuple(year, fc.boolean())
  .map(([y, first]) => (first ? { year: y, month: 1, day: 1 } : { year: y, month: 12, day: 31 }));

/** A real calendar date of the years drawn, one in three at an edge. */
export const calendarDate: fc.Arbitrary<CalendarDate> = fc.oneof(
  { weight: 6, arbitrary: anyDate },
  { weight: 1, arbitrary: leapDay },
  { weight: 1, arbitrary: monthEnd },
  { weight: 1, arbitrary: yearEdge },
);

/** A time of day, one in four the first or the last second. */
export const timeOfDay: fc.Arbitrary<TimeOfDay> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.integer({ min: 0, max: 86_399 }).map((s) => ({
      hour: Math.floor(s / 3600),
      minute: Math.floor(s / 60) % 60,
      second: s % 60,
    })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom({ hour: 0, minute: 0, second: 0 }, { hour: 23, minute: 59, second: 59 }),
  },
);

/** A §1.6 time that is a real date and time (D23): yyyy-MM-dd HH:mm:ss, 19 characters. */
export const specTime: fc.Arbitrary<string> = fc
  .tuple(calendarDate, timeOfDay)
  .map(([date, clock]) => formatSpecTime({ ...date, ...clock }));
