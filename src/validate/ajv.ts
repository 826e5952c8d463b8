// The ajv set-ups of the message validators: one for the schemas as the spec states them, one for
// the strict variant, and for each a quick guard (lengths in UTF-16 units, no error list). The kit
// runs what `npm run generate` compiles with them (generated/validators/, scripts/render-validators.ts);
// compiledValidator compiles the same at runtime, for the tests that compare the two and the benches.
import type { KeywordCxt, Options, ValidateFunction } from 'ajv';
import ajv2020Module, { _ } from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import type { MessageType } from '../schema/message-types.js';
import { SCHEMA_BASE, SCHEMA_FILES } from '../schema/registry.js';
import { strictSchema } from '../schema/strict.js';
import type { Flavour } from './flavour.js';

// ajv and ajv-formats are CommonJS: imported from ESM, their exports sit on `.default`.
const Ajv2020 = ajv2020Module.default;
const addFormats = ajvFormatsModule.default;

/** Our annotation keywords: ajv's strict mode rejects unknown keywords unless declared. */
const ANNOTATIONS = ['x-spec', 'x-spec-also', 'x-decision', 'x-should', 'x-known-values'];

/**
 * maxLength and minLength in UTF-16 units (`.length`) for the guard. ajv counts code points (D7) by
 * walking every string with charCodeAt: on the mock's hot path that walk cost more than anything
 * else in validating. A string has at least as many UTF-16 units as code points, so one within a
 * maxLength in units is within it in code points, and a minLength of 0 or 1 means the same in both:
 * what the guard accepts, the exact validator accepts. A minLength above 1 counts code points.
 */
function countUtf16Units(ajv: InstanceType<typeof Ajv2020>): void {
  ajv.removeKeyword('maxLength');
  ajv.removeKeyword('minLength');
  ajv.addKeyword({
    keyword: 'maxLength',
    type: 'string',
    schemaType: 'number',
    code: (cxt: KeywordCxt) => cxt.fail(_`${cxt.data}.length > ${cxt.schema as number}`),
  });
  ajv.addKeyword({
    keyword: 'minLength',
    type: 'string',
    schemaType: 'number',
    code: (cxt: KeywordCxt) =>
      (cxt.schema as number) <= 1
        ? cxt.fail(_`${cxt.data}.length < ${cxt.schema as number}`)
        : cxt.fail(_`[...${cxt.data}].length < ${cxt.schema as number}`),
  });
}

/**
 * An ajv with every schema added (strict: the SHOULD readings too); `extra` for the generator's
 * standalone build (`code: { source: true }`). The exact flavour lists every violation; the guard
 * stops at the first and counts lengths in UTF-16 units, so it answers true only where the exact one
 * does (a value it refuses is judged again by the exact validator, validators.ts).
 */
export function makeAjv(
  strict: boolean,
  extra: Options = {},
  flavour: Flavour = 'exact',
): InstanceType<typeof Ajv2020> {
  // strictTypes off: the shared definitions state no type (each field states its own, a string
  // or, when optional, a string or null: D15), which strictTypes would refuse. validateSchema off:
  // checking the shipped schemas against the meta-schema took most of an instance's making (13-36
  // ms, paid again by every process and flavour); test/schemas-meta.test.ts checks them once.
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    allowUnionTypes: true,
    validateSchema: false,
    ...(flavour === 'guard' ? { allErrors: false, verbose: false } : {}),
    ...extra,
  });
  if (flavour === 'guard') countUtf16Units(ajv);
  addFormats(ajv, ['uri']);
  ajv.addVocabulary(ANNOTATIONS);
  for (const schema of Object.values(SCHEMA_FILES)) ajv.addSchema(strict ? strictSchema(schema) : schema);
  return ajv;
}

const instances = new Map<string, InstanceType<typeof Ajv2020>>();
const compiled = new Map<string, ValidateFunction>();

export function compiledValidator(
  type: MessageType,
  strict: boolean,
  flavour: Flavour = 'exact',
): ValidateFunction {
  const which = `${strict ? 'strict' : 'plain'}:${flavour}`;
  const key = `${which}:${type}`;
  let fn = compiled.get(key);
  if (!fn) {
    let ajv = instances.get(which);
    if (!ajv) {
      ajv = makeAjv(strict, {}, flavour);
      instances.set(which, ajv);
    }
    fn = ajv.getSchema(`${SCHEMA_BASE}${type}.json`);
    if (!fn) throw new Error(`schema ${type} is not registered`);
    compiled.set(key, fn);
  }
  return fn;
}
