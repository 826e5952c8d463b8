// The strict variant of a schema: every `x-should` rule (our documented reading of an ambiguity)
// turned into a real assertion. The plain schemas hold what the spec states (MUST); the strict
// ones add the SHOULD readings, e.g. the mobile number grammar (D12) or the time format (D14).
import type { SchemaNode } from './registry.js';

export function strictSchema(node: SchemaNode): SchemaNode {
  if (Array.isArray(node)) return node.map((n) => strictSchema(n as SchemaNode)) as unknown as SchemaNode;
  if (node === null || typeof node !== 'object') return node;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = value !== null && typeof value === 'object' ? strictSchema(value as SchemaNode) : value;
  }
  const should = node['x-should'];
  if (should) {
    for (const [key, value] of Object.entries(should)) if (!key.startsWith('x-')) out[key] = value;
  }
  return out;
}
