// Mutant platforms that read requests as real decoders and real platforms do (issue 26, item 3):
// Go's encoding/json (names matched case-insensitively, bad UTF-8 replaced by U+FFFD, a
// json.Decoder that stops after the first value), JSON.parse alone (the last of two equal names
// wins), a reader that leaves \u escapes undecoded, and platforms that refuse what senders send:
// non-ASCII template values, a batch mixing templates, lengths counted in bytes, values filled by
// position instead of by name.
import { parseJsonText } from '../../../src/http/json-body.js';
import { resolve } from '../../../src/schema/navigate.js';
import type { SchemaNode } from '../../../src/schema/registry.js';
import { platformCases } from '../../../src/suites/platform/index.js';
import { rewriteInPlace } from './lenient.js';
import type { Mutant } from './mutants.js';

/** The mock's own bounds on a body (DEFAULT_PLATFORM_CONFIG.limits). */
const LIMITS = { maxJsonDepth: 32, maxJsonValues: 10_000 };

const ids = (prefix: string) => platformCases.map((c) => c.id).filter((id) => id.startsWith(prefix));

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * What Go's encoding/json makes of names: a key that is no field's name is matched to the field
 * whose name equals it case-insensitively ("Mobiles" fills mobiles).
 */
export function foldNames(value: unknown, raw: SchemaNode): unknown {
  const node = resolve(raw);
  if (Array.isArray(value))
    return node.items ? value.map((v) => foldNames(v, node.items as SchemaNode)) : value;
  if (!isObject(value) || !node.properties) return value;
  const fields = Object.keys(node.properties);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const field = fields.includes(key)
      ? key
      : (fields.find((f) => f.toLowerCase() === key.toLowerCase()) ?? key);
    const child = node.properties[field];
    out[field] = child ? foldNames(v, child) : v;
  }
  return out;
}

/** The end of the first JSON value of `text` (after leading whitespace): where a streaming decoder stops. */
function firstValueEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

const NON_ASCII = /[^\x20-\x7e]/;

export function decoderMutants(): Mutant[] {
  return [
    {
      name: 'refuses-non-ascii-values',
      defect: 'refuses a template value with any character past ASCII (Chinese included)',
      only: ['platform.templates.values'],
      kills: ids('platform.templates.values.'),
      hooks: {
        checkTemplates: (next) => (req) =>
          next(req) ??
          (req.requestLists.some((m) =>
            Object.values(m.templateParas ?? {}).some((v) => NON_ASCII.test(String(v))),
          )
            ? { code: '100003', desc: 'mutant: template values in ASCII only' }
            : undefined),
      },
    },
    {
      name: 'refuses-mixed-templates',
      defect: 'refuses a request whose messages use more than one template',
      only: ['platform.send.batch'],
      kills: ['platform.send.batch.mixed'],
      hooks: {
        checkTemplates: (next) => (req) =>
          next(req) ??
          (new Set(req.requestLists.map((m) => m.templateId)).size > 1
            ? { code: '100003', desc: 'mutant: one template per request' }
            : undefined),
      },
    },
    {
      name: 'go-case-insensitive-names',
      defect:
        'matches member names case-insensitively, as Go\'s encoding/json does ("Mobiles" fills mobiles)',
      only: ['platform.json.name-case'],
      kills: ids('platform.json.name-case.'),
      hooks: {
        validate: (next) => (body) => next(rewriteInPlace(body, foldNames)),
      },
    },
    {
      name: 'duplicate-names-last-wins',
      defect: 'reads a name given twice as its last value, as JSON.parse does, and accepts the request',
      only: ['platform.json.duplicate-name'],
      kills: ['platform.json.duplicate-name'],
      hooks: { parse: () => (bytes) => parseJsonText(bytes.toString('utf8'), LIMITS) },
    },
    {
      name: 'trailing-text-ignored',
      defect:
        "reads the first JSON value and ignores what follows, as Go's json.Decoder and Jackson's defaults do",
      only: ['platform.json.trailing-text'],
      kills: ['platform.json.trailing-text'],
      hooks: {
        parse: (next) => (bytes) => {
          const text = bytes.toString('utf8');
          return next(Buffer.from(text.slice(0, firstValueEnd(text)), 'utf8'));
        },
      },
    },
    {
      name: 'lossy-utf8',
      defect:
        "replaces bytes that are not UTF-8 with U+FFFD, as Go's encoding/json does, and accepts the request",
      only: ['platform.json.not-utf8'],
      kills: ['platform.json.not-utf8'],
      hooks: { parse: (next) => (bytes) => next(Buffer.from(bytes.toString('utf8'), 'utf8')) },
    },
    {
      name: 'no-unicode-escapes',
      defect: 'leaves \\uXXXX escapes undecoded (a hand-written reader): "\\u5f20" is read as six characters',
      only: ['platform.templates.values.cjk-escaped'],
      kills: ['platform.templates.values.cjk-escaped'],
      hooks: {
        parse: () => (bytes) =>
          parseJsonText(bytes.toString('utf8').replace(/\\u([0-9a-fA-F]{4})/g, '\\\\u$1'), LIMITS),
      },
    },
    {
      name: 'counts-bytes',
      defect: "counts a template value's length in UTF-8 bytes, not characters (D7)",
      only: ['platform.templates.values'],
      kills: ['platform.templates.values.cjk-at-max'],
      hooks: {
        checkTemplates: (next) => (req) =>
          next({
            ...req,
            requestLists: req.requestLists.map((m) =>
              m.templateParas
                ? {
                    ...m,
                    templateParas: Object.fromEntries(
                      Object.entries(m.templateParas).map(([k, v]) => [
                        k,
                        'x'.repeat(Buffer.byteLength(String(v), 'utf8')),
                      ]),
                    ),
                  }
                : m,
            ),
          }),
      },
    },
    {
      name: 'fills-in-order',
      defect: "fills a template's variables with the values in the order given, not by name",
      only: ['platform.templates.variables.reordered'],
      kills: ['platform.templates.variables.reordered'],
      hooks: {
        checkTemplates: (next) => (req) =>
          next({
            ...req,
            requestLists: req.requestLists.map((m) => {
              if (!m.templateParas) return m;
              // The mock's templates declare their variables in this order (config.ts): code, name.
              const names = ['code', 'name'];
              const values = Object.values(m.templateParas);
              if (values.length !== names.length || !names.every((n) => n in (m.templateParas ?? {})))
                return m;
              return {
                ...m,
                templateParas: Object.fromEntries(names.map((n, i) => [n, values[i] as string])),
              };
            }),
          }),
      },
    },
  ];
}
