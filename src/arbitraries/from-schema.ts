// Arbitraries of valid messages, derived from the schemas: valid by construction (records built
// from each property's own arbitrary), no generate-and-filter at the message level.
import fc from 'fast-check';
import type { Json } from '../schema/instances.js';
import type { MessageType } from '../schema/message-types.js';
import { type PathSegment, resolve } from '../schema/navigate.js';
import { messageSchema, type SchemaNode } from '../schema/registry.js';
import { stringFor } from './strings.js';

/**
 * Replacements by schema path (`requestLists.[].mobiles.[]`, `account`): a suite pins fields to a
 * target profile's values (its mobiles, templates, credentials) this way.
 */
export type Overrides = Readonly<Record<string, fc.Arbitrary<Json>>>;

export interface ArbitraryOptions {
  overrides?: Overrides;
  /** Upper bound on generated list lengths (the schema's maxItems still applies if smaller). */
  maxListLength?: number;
}

export function pathKey(path: readonly PathSegment[]): string {
  return path.map(String).join('.');
}

function arbitraryAt(raw: SchemaNode, path: PathSegment[], options: ArbitraryOptions): fc.Arbitrary<Json> {
  const override = options.overrides?.[pathKey(path)];
  if (override) return override;
  const node = resolve(raw);
  const type = Array.isArray(node.type) ? node.type.find((t) => t !== 'null') : node.type;
  switch (type) {
    case 'object': {
      if (node.properties) {
        const model: Record<string, fc.Arbitrary<Json>> = {};
        for (const [name, child] of Object.entries(node.properties))
          model[name] = arbitraryAt(child, [...path, name], options);
        return fc.record(model, { requiredKeys: node.required ?? [] }) as fc.Arbitrary<Json>;
      }
      const value = typeof node.additionalProperties === 'object' ? node.additionalProperties : {};
      const key = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 });
      return fc.dictionary(key, arbitraryAt(value, [...path, '{}'], options), {
        maxKeys: 5,
        noNullPrototype: true,
      });
    }
    case 'array': {
      const item = node.items ? arbitraryAt(node.items, [...path, '[]'], options) : fc.constant(null);
      const maxLength = Math.min(node.maxItems ?? 10, options.maxListLength ?? Number.POSITIVE_INFINITY);
      return fc.array(item, { minLength: Math.min(node.minItems ?? 0, maxLength), maxLength });
    }
    case 'integer':
      return fc.integer({ min: node.minimum ?? -1000, max: node.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: node.minimum ?? -1000, max: node.maximum ?? 1000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    default:
      return stringFor(node);
  }
}

/** Valid instances of a message: every MUST rule and every SHOULD reading kept. */
export function messageArbitrary(type: MessageType, options: ArbitraryOptions = {}): fc.Arbitrary<Json> {
  return arbitraryAt(messageSchema(type), [], options);
}
