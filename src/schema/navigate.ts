// Walking the schemas by instance path, with $ref resolved. Used to find the clause and the
// limits that apply at a place in a message.
import { SCHEMA_FILES, type SchemaNode } from './registry.js';

/** Resolves a `$ref` of the form `file.json` or `file.json#/$defs/Name` (all schemas share one base). */
function deref(ref: string): SchemaNode {
  const [file = '', pointer = ''] = ref.split('#');
  const root = SCHEMA_FILES[file];
  if (!root) throw new Error(`unresolvable $ref ${ref}`);
  let node: unknown = root;
  for (const part of pointer.split('/').filter(Boolean)) {
    node = (node as Record<string, unknown>)[part];
    if (node === undefined) throw new Error(`unresolvable $ref ${ref}`);
  }
  return node as SchemaNode;
}

/**
 * A node with its `$ref` folded in: the referenced node's keywords first, the node's own keywords
 * over them (a field's own `x-spec` and `description` win over the definition's).
 */
export function resolve(node: SchemaNode): SchemaNode {
  if (!node.$ref) return node;
  // Schemas never change: a node's merge is made once. The mock explains every fault by walking
  // the schema from its root (clauseAt), so the same nodes are merged again and again otherwise.
  const known = resolved.get(node);
  if (known) return known;
  const { $ref, ...own } = node;
  const target = resolve(deref($ref));
  const merged: SchemaNode = { ...target, ...own };
  if (target['x-spec'] && own['x-spec']) merged['x-spec-also'] = target['x-spec'];
  resolved.set(node, merged);
  return merged;
}

const resolved = new WeakMap<SchemaNode, SchemaNode>();

/** One step into an instance: a property name, or an array index / map key (`[]` / `{}` in patterns). */
export type PathSegment = string | number;

/** The resolved schema node that governs the value at `path` (undefined when the schema says nothing). */
export function nodeAt(root: SchemaNode, path: readonly PathSegment[]): SchemaNode | undefined {
  let node: SchemaNode | undefined = resolve(root);
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number' || seg === '[]') {
      node = node.items ? resolve(node.items) : undefined;
    } else if (node.properties?.[seg]) {
      node = resolve(node.properties[seg]);
    } else if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      node = resolve(node.additionalProperties);
    } else {
      return undefined;
    }
  }
  return node;
}

/** The clause that governs `path`: the nearest node, walking up, that names one. */
export function clauseAt(root: SchemaNode, path: readonly PathSegment[]): string {
  for (let n = path.length; n >= 0; n--) {
    const clause = nodeAt(root, path.slice(0, n))?.['x-spec'];
    if (clause) return clause;
  }
  return root['x-spec'] ?? '';
}

/** Parses an ajv instancePath (`/requestLists/0/mobiles/3`) into segments. */
export function parsePointer(pointer: string): PathSegment[] {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/** `/requestLists/0/mobiles/3`: a path as a JSON Pointer (RFC 6901), as ajv reports it. */
export function toPointer(path: readonly PathSegment[]): string {
  return path.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** `requestLists[0].mobiles[3]`: a path as people read it. */
export function formatPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return '(the message)';
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (seg === '[]' || seg === '{}') out += seg === '[]' ? '[*]' : '{*}';
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}
