// The ajv instances: one for the schemas as the spec states them, one for the strict variant.
// All schemas are added once; each message's validator is compiled on first use and kept.
import type { Options, ValidateFunction } from 'ajv';
import ajv2020Module from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import type { MessageType } from '../schema/message-types.js';
import { SCHEMA_BASE, SCHEMA_FILES } from '../schema/registry.js';
import { strictSchema } from '../schema/strict.js';

// ajv and ajv-formats are CommonJS: imported from ESM, their exports sit on `.default`.
const Ajv2020 = ajv2020Module.default;
const addFormats = ajvFormatsModule.default;

/** Our annotation keywords: ajv's strict mode rejects unknown keywords unless declared. */
const ANNOTATIONS = ['x-spec', 'x-spec-also', 'x-decision', 'x-should', 'x-known-values'];

/** An ajv with every schema added (strict: the SHOULD readings too); `extra` for the bench's standalone build. */
export function makeAjv(strict: boolean, extra: Options = {}): InstanceType<typeof Ajv2020> {
  // strictTypes off: the shared definitions state no type (each field states its own, a string
  // or, when optional, a string or null: D15), which strictTypes would refuse.
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    allowUnionTypes: true,
    ...extra,
  });
  addFormats(ajv, ['uri']);
  ajv.addVocabulary(ANNOTATIONS);
  for (const schema of Object.values(SCHEMA_FILES)) ajv.addSchema(strict ? strictSchema(schema) : schema);
  return ajv;
}

const instances: { plain?: InstanceType<typeof Ajv2020>; strict?: InstanceType<typeof Ajv2020> } = {};
const compiled = new Map<string, ValidateFunction>();

export function compiledValidator(type: MessageType, strict: boolean): ValidateFunction {
  const key = `${strict ? 'strict' : 'plain'}:${type}`;
  let fn = compiled.get(key);
  if (!fn) {
    const which = strict ? 'strict' : 'plain';
    instances[which] ??= makeAjv(strict);
    fn = instances[which].getSchema(`${SCHEMA_BASE}${type}.json`);
    if (!fn) throw new Error(`schema ${type} is not registered`);
    compiled.set(key, fn);
  }
  return fn;
}
