// Which §5.1 result code a conforming platform answers for a set of violations (decision D10/D15):
// a required field missing or empty is 100002 and wins over any format fault (100003).
import type { Violation } from './violation.js';

export const RESULT_CODES = {
  success: '0',
  authFailed: '100001',
  missingOrEmpty: '100002',
  formatError: '100003',
  accountAbnormal: '100006',
} as const;

export type KnownResultCode = (typeof RESULT_CODES)[keyof typeof RESULT_CODES];

export function resultCodeFor(violations: readonly Pick<Violation, 'kind'>[]): KnownResultCode {
  if (violations.length === 0) return RESULT_CODES.success;
  if (violations.some((v) => v.kind === 'missing' || v.kind === 'empty')) return RESULT_CODES.missingOrEmpty;
  return RESULT_CODES.formatError;
}
