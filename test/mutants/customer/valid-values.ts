// Mutant customer endpoints that misread legitimate times and numbers (issue 26): the valid
// properties draw leap days, a day's last second and numbers of many countries, so each of these
// fails them. What the kit pushes as valid is real: a careful endpoint passes (careful.ts).
import { TIME_FIELD } from '../../../src/rules/push.js';
import type { CustomerMutant } from './mutants.js';
import { type Incoming, refuse, startDefective } from './server.js';

const PROPERTIES = ['customer.uplink.property.valid', 'customer.report.property.valid'];

const timeOf = (p: Incoming): string | undefined => {
  const value = p.body?.[TIME_FIELD[p.kind]];
  return typeof value === 'string' ? value : undefined;
};

function refusing(defect: string, name: string, when: (p: Incoming) => boolean): CustomerMutant {
  return {
    name,
    defect,
    kills: PROPERTIES,
    start: () => startDefective((p, honest) => (when(p) ? refuse('100003', 'mutant refusal') : honest)),
  };
}

export const validValueMutants: CustomerMutant[] = [
  refusing('a date check whose February always has 28 days: refuses 29 February', 'no-leap-days', (p) =>
    /^[0-9]{4}-02-29 /.test(timeOf(p) ?? ''),
  ),
  refusing(
    'a clock check with second < 59: refuses a time at :59, 23:59:59 among them',
    'no-second-59',
    (p) => /:59$/.test(timeOf(p) ?? ''),
  ),
  refusing(
    'takes only Chinese numbers (86… or 11 digits from 1), refuses other country codes (§1.4 names none)',
    'china-only',
    (p) => {
      const mobile = p.body?.mobile;
      return typeof mobile === 'string' && !/^(86)?1[0-9]{10}$/.test(mobile);
    },
  ),
];
