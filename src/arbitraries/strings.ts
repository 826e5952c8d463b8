// String arbitraries whose length is counted in code points (decision D7), as the schemas count it.
import fc from 'fast-check';
import { codePointLength } from '../schema/length.js';
import type { SchemaNode } from '../schema/registry.js';

/** One code point: mostly ASCII, some CJK (as in signatures like 【华为】), a few outside the BMP. */
export const codePoint: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCodePoint(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x1f600, max: 0x1f64f }).map((c) => String.fromCodePoint(c)) },
);

/** Letters and digits only: for ids a real platform stores and echoes. */
export const alphanumeric: fc.Arbitrary<string> = fc.constantFrom(
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
);

/** A string within the node's length bounds; a node with a SHOULD pattern gets strings matching it. */
export function stringFor(node: SchemaNode, unit: fc.Arbitrary<string> = codePoint): fc.Arbitrary<string> {
  const minLength = node.minLength ?? 0;
  const maxLength = node.maxLength ?? 64;
  const fits = (s: string) => codePointLength(s) >= minLength && codePointLength(s) <= maxLength;
  if (node['x-should']?.anyOf?.some((alt) => alt.format === 'uri')) {
    return fc.oneof(fc.constant(''), fc.webUrl({ withQueryParameters: true })).filter(fits);
  }
  const pattern = node['x-should']?.pattern ?? node.pattern;
  if (pattern) {
    return fc.stringMatching(new RegExp(pattern)).filter(fits);
  }
  return fc.string({ unit, minLength, maxLength });
}
