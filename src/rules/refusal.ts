// Which faults of a send request every platform must refuse, whatever its JSON binder and its
// length unit: the line between the MUST and the SHOULD refusal rules (D7, D9, D15, D21).
import type { Violation } from '../validate/violation.js';

function valueAt(root: unknown, pointer: string): unknown {
  let value = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

const BEYOND_BMP = /[\u{10000}-\u{10FFFF}]/u;

/**
 * Whether a platform MUST refuse a request for this violation whatever its JSON binder and length
 * unit: a field missing or empty (D9, D15), a list over its limit, a string over its limit in any
 * unit (no character beyond the BMP, D7), a type no default binder reads as the declared one (D21).
 */
export function refusalIsMust(v: Violation, request: unknown): boolean {
  if (v.kind === 'missing' || v.kind === 'empty' || v.kind === 'too-many') return true;
  const value = valueAt(request, v.pointer);
  if (v.kind === 'too-long') return typeof value === 'string' && !BEYOND_BMP.test(value);
  if (v.kind !== 'type') return false;
  const declared = String(v.limit ?? '');
  if (value !== null && typeof value === 'object') return declared === 'string';
  return typeof value === 'string' && ['array', 'object', 'integer'].includes(declared);
}
