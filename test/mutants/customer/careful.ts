// Careful customer endpoints: not mutants but conforming variants, each stricter than the honest
// base in one way a real endpoint rightly is (issue 26). One parses every time as a real date, as
// Python's datetime and Java's DateTimeFormatter (STRICT) do; one refuses what is no phone number.
// The suite must pass every MUST case against both: what it pushes as valid must be valid to them.
import { TIME_FIELD } from '../../../src/rules/push.js';
import { type Defect, type Endpoint, type Incoming, refuse, startDefective } from './server.js';

export interface CarefulEndpoint {
  name: string;
  /** What it refuses beyond the honest base, in one line. */
  refuses: string;
  start(): Promise<Endpoint>;
}

const TIME = /^([0-9]{4})-([0-9]{2})-([0-9]{2}) ([0-9]{2}):([0-9]{2}):([0-9]{2})$/;

/** Whether `text` is a real calendar date and time in yyyy-MM-dd HH:mm:ss: year 0001 onwards. */
export function isRealTime(text: string): boolean {
  const m = TIME.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (year < 1 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  // Day 0 of the next month is this month's last day (Date.UTC reads years 0-99 as 1900s: the
  // leap rule is the same for y and y + 1900 only when both are, so shift by 400 instead).
  const last = new Date(Date.UTC(year + 400, month, 0)).getUTCDate();
  return day <= last;
}

/** Whether `mobile` is a phone number to a careful endpoint: 7 digits at least, not starting with 0. */
export function isPlausibleMobile(mobile: string): boolean {
  const digits = mobile.startsWith('+') ? mobile.slice(1) : mobile;
  return /^[1-9][0-9]{6,}$/.test(digits);
}

/** Refuses (100003) a push whose `bad` holds; otherwise answers as the honest base. */
function refusing(bad: (push: Incoming) => string | undefined): Defect {
  return (push, honest) => {
    const why = bad(push);
    return why ? refuse('100003', why) : honest;
  };
}

export const CAREFUL_CUSTOMER_ENDPOINTS: CarefulEndpoint[] = [
  {
    name: 'strict-times',
    refuses: 'a sendTime or receiveTime that is no real date and time (30 February, year 0000, hour 24)',
    start: () =>
      startDefective(
        refusing((p) => {
          const value = p.body?.[TIME_FIELD[p.kind]];
          return typeof value === 'string' && !isRealTime(value) ? `no such time: ${value}` : undefined;
        }),
      ),
  },
  {
    name: 'phone-numbers-only',
    refuses: 'a mobile of fewer than 7 digits, or one starting with 0',
    start: () =>
      startDefective(
        refusing((p) => {
          const value = p.body?.mobile;
          // An empty one is the honest base's (100002, D18): missing, not malformed.
          return typeof value === 'string' && value !== '' && !isPlausibleMobile(value)
            ? `no phone number: ${value}`
            : undefined;
        }),
      ),
  },
];
