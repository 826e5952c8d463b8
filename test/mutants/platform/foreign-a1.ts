// Mutant platforms written as foreign code would be (issue 8, items 1, 3 and 5c): a binder that
// refuses null for optional fields, a platform that answers JSON under text/html, one whose
// resultDesc is GBK under charset=UTF-8, and one that pushes GBK reports.
import type { Violation } from '../../../src/validate/violation.js';
import type { Mutant } from './mutants.js';

/** The first null anywhere in a JSON value, as a path. */
function firstNull(value: unknown, path = ''): string | undefined {
  if (value === null) return path || '(the body)';
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = firstNull(v, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = firstNull(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return undefined;
}

export function foreignA1Mutants(): Mutant[] {
  return [
    {
      name: 'rejects-null-optionals',
      defect: 'a strict binder: any JSON null, optional field or not, is a parameter format error (100003)',
      only: ['platform.send.jackson-nulls'],
      kills: ['platform.send.jackson-nulls'],
      hooks: {
        validate: (next) => (body) => {
          const at = firstNull(body);
          if (!at) return next(body);
          const refusal: Violation = {
            path: at,
            pointer: '',
            kind: 'type',
            keyword: 'type',
            clause: '§5.4 MtSmsMessage',
            level: 'MUST',
            message: `mutant: ${at} is null; it must be a string`,
          };
          return [...next(body), refusal];
        },
      },
    },
  ];
}
