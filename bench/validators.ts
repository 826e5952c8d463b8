// Validations per second of the send request validator, for the smallest and the largest legal
// request: the ajv validator the package compiles at runtime against ajv standalone code generated
// from the same schemas with the same options. Run: npm run bench:validators
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { limitsOf } from '../src/schema/constraints.js';
import {
  boundaryMessage,
  concretePath,
  type Json,
  minimalMessage,
  stringOfLength,
} from '../src/schema/instances.js';
import { type PathSegment, resolve } from '../src/schema/navigate.js';
import { messageSchema, SCHEMA_BASE, type SchemaNode } from '../src/schema/registry.js';
import { compiledValidator, makeAjv } from '../src/validate/ajv.js';
import { validators } from '../src/validate/validators.js';

// ajv's standalone generator is CommonJS: from ESM its export sits on `.default`.
const standaloneCode = standaloneModule.default;

const TYPE = 'SendTemplateMessageRequest';
const WARMUP_MS = 300;
const BUDGET_MS = 1500;
// The budget is spent in slices taken in turn across variants, and the best slice counts: a burst of
// other work on a shared machine then spoils one slice of one variant, not a whole figure.
const SLICES = 3;
const BATCH = 100;
/** Lists, maps and strings the spec leaves unbounded (MtSmsMessage.extendInfos, D13; templateParas). */
const UNBOUNDED = 10;
const UNBOUNDED_LENGTH = 20;
/** statusCallback keeps the shape of a URI at its full length, so the strict variant accepts it too. */
const CALLBACK_SEED = 'https://sp.example/callback';

type Validate = (data: unknown) => boolean;

// --- the two requests -------------------------------------------------------------------------

/** The largest value a node allows: every optional field present, every list and string at its maximum. */
function largestValue(raw: SchemaNode): Json {
  const node = resolve(raw);
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'object': {
      const out: { [key: string]: Json } = {};
      for (const [name, child] of Object.entries(node.properties ?? {})) out[name] = largestValue(child);
      const values = node.additionalProperties;
      if (values && typeof values === 'object') {
        for (let i = 1; i <= UNBOUNDED; i++) out[`v${i}`] = largestValue(values);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: node.maxItems ?? UNBOUNDED }, () => largestValue(node.items ?? {}));
    case 'string': {
      const isUri = node['x-should']?.anyOf?.some((alt) => alt.format === 'uri') ?? false;
      return stringOfLength(
        isUri ? { ...node, examples: [CALLBACK_SEED] } : node,
        node.maxLength ?? UNBOUNDED_LENGTH,
      );
    }
    default:
      throw new Error(`largestValue: no rule for type ${String(type)}`);
  }
}

function valueAt(instance: Json, path: readonly PathSegment[]): Json | undefined {
  let here: Json | undefined = instance;
  for (const seg of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, Json>)[seg];
  }
  return here;
}

/** Fails unless `largest` sits exactly at every length and count limit the schema states. */
function assertAtEveryLimit(largest: Json): void {
  for (const c of limitsOf(TYPE)) {
    const value = valueAt(largest, concretePath(c.path));
    const size = typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : value;
    if (size !== c.limit)
      throw new Error(`largest request: ${c.path.join('.')} is ${size}, limit ${c.limit}`);
  }
}

function assertValid(name: string, data: Json): void {
  const violations = validators[TYPE].strictViolations(data);
  if (violations.length > 0) throw new Error(`${name} request is not valid:\n${violations[0]?.message}`);
}

// --- standalone code --------------------------------------------------------------------------

// With `esm: true` ajv still emits require() for its runtime helpers and ajv-formats
// (ajv-validator/ajv#1976, #2209); a require resolving from here lets the module live in a temp dir.
const PRELUDE = `import { createRequire } from 'node:module';\nconst require = createRequire(${JSON.stringify(import.meta.url)});\n`;

/** ajv standalone code for the request, from the same ajv setup as the package (src/validate/ajv.ts). */
async function standaloneValidator(dir: string, strict: boolean): Promise<Validate> {
  const ajv = makeAjv(strict, { code: { source: true, esm: true } });
  const file = join(dir, `${strict ? 'strict' : 'plain'}.mjs`);
  await writeFile(file, PRELUDE + standaloneCode(ajv, { validate: `${SCHEMA_BASE}${TYPE}.json` }));
  const generated = (await import(pathToFileURL(file).href)) as { validate: Validate };
  return generated.validate;
}

// --- timing -----------------------------------------------------------------------------------

/** Validations per second over `ms` of wall time, checked in batches; every call must answer true. */
function loop(validate: Validate, data: unknown, ms: number): number {
  let calls = 0;
  let accepted = 0;
  const start = performance.now();
  let now = start;
  do {
    for (let i = 0; i < BATCH; i++) if (validate(data)) accepted++;
    calls += BATCH;
    now = performance.now();
  } while (now - start < ms);
  if (accepted !== calls) throw new Error('a validator rejected a request it accepted before');
  return calls / ((now - start) / 1000);
}

// --- run --------------------------------------------------------------------------------------

const smallest = minimalMessage(TYPE);
const largest = largestValue(messageSchema(TYPE));
assertAtEveryLimit(largest);
assertValid('smallest', smallest);
assertValid('largest', largest);

const dir = await mkdtemp(join(tmpdir(), 'iot-sms-bench-'));
let standalonePlain: Validate;
let standaloneStrict: Validate;
try {
  standalonePlain = await standaloneValidator(dir, false);
  standaloneStrict = await standaloneValidator(dir, true);
} finally {
  await rm(dir, { recursive: true, force: true });
}

const runtimePlain = compiledValidator(TYPE, false);
const runtimeStrict = compiledValidator(TYPE, true);
const api = validators[TYPE];

// The standalone code must judge as the runtime validator does: the two requests, one of each
// limit exceeded, and a SHOULD fault that only the strict variant rejects.
const probes: Json[] = [
  smallest,
  largest,
  ...limitsOf(TYPE).map((c) => boundaryMessage(c, true)),
  { ...smallest, statusCallback: 'not a uri' },
];
for (const probe of probes) {
  if (api.is(probe) !== standalonePlain(probe) || api.isStrict(probe) !== standaloneStrict(probe)) {
    throw new Error(`standalone and runtime disagree on ${JSON.stringify(probe).slice(0, 200)}`);
  }
}

const API = 'package API: validators…is (generated code)';
const API_STRICT = 'package API: validators…isStrict';
const FN = 'runtime: compiled ajv function';
const FN_STRICT = 'runtime: compiled ajv function, strict';
const variants: { name: string; validate: Validate; baseline?: string }[] = [
  { name: API, validate: (d) => api.is(d) },
  { name: FN, validate: runtimePlain, baseline: API },
  { name: 'standalone', validate: standalonePlain, baseline: API },
  { name: API_STRICT, validate: (d) => api.isStrict(d) },
  { name: FN_STRICT, validate: runtimeStrict, baseline: API_STRICT },
  { name: 'standalone, strict', validate: standaloneStrict, baseline: API_STRICT },
];

const sizes = { smallest, largest } as const;
type Size = keyof typeof sizes;
console.log(
  `${TYPE}: validations per second (warm-up ${WARMUP_MS} ms, then ${BUDGET_MS} ms per variant and size` +
    ` in ${SLICES} slices, best slice)`,
);
console.log(`node ${process.version}, ${availableParallelism()} cores`);
for (const [name, data] of Object.entries(sizes))
  console.log(`${name}: ${JSON.stringify(data).length} bytes of JSON`);

const results = new Map<string, Record<Size, number>>();
for (const v of variants) {
  for (const data of Object.values(sizes)) loop(v.validate, data, WARMUP_MS);
  results.set(v.name, { smallest: 0, largest: 0 });
}
for (let slice = 0; slice < SLICES; slice++) {
  for (const v of variants) {
    const best = results.get(v.name);
    if (!best) continue;
    for (const [size, data] of Object.entries(sizes) as [Size, Json][]) {
      best[size] = Math.max(best[size], loop(v.validate, data, BUDGET_MS / SLICES));
    }
  }
}
const rate = (name: string, size: Size): number => results.get(name)?.[size] ?? Number.NaN;
const ratio = (name: string, base: string, size: Size): string =>
  `×${(rate(name, size) / rate(base, size)).toFixed(2)}`;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const header = ['variant', 'smallest/s', 'vs API', 'largest/s', 'vs API'];
const rows = variants.map((v) => [
  v.name,
  fmt(rate(v.name, 'smallest')),
  v.baseline ? ratio(v.name, v.baseline, 'smallest') : '',
  fmt(rate(v.name, 'largest')),
  v.baseline ? ratio(v.name, v.baseline, 'largest') : '',
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
const line = (cells: string[]): string =>
  `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
console.log(line(header));
console.log(line(widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`))));
for (const row of rows) console.log(line(row));
// The like-for-like comparison: generated code against the function ajv compiles at runtime.
for (const [name, fn] of [
  ['standalone', FN],
  ['standalone, strict', FN_STRICT],
] as const) {
  console.log(
    `${name} ÷ ${fn}: smallest ${ratio(name, fn, 'smallest')}, largest ${ratio(name, fn, 'largest')}`,
  );
}
