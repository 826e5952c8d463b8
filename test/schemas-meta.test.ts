// The runtime validators skip checking the shipped schemas against JSON Schema's meta-schema
// (validateSchema: false in src/validate/ajv.ts: it cost more than compiling them, in every
// process). This is where they are checked: every schema, as the spec states it and in its strict
// variant, against the 2020-12 meta-schema with our annotation keywords, and compiled by both
// flavours of validator.
import ajv2020Module from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { MESSAGE_TYPES } from '../src/schema/message-types.js';
import { SCHEMA_FILES } from '../src/schema/registry.js';
import { strictSchema } from '../src/schema/strict.js';
import { compiledValidator, makeAjv } from '../src/validate/ajv.js';

const Ajv2020 = ajv2020Module.default;
const variants = Object.entries(SCHEMA_FILES).flatMap(([file, schema]) => [
  { name: `${file} as stated`, schema },
  { name: `${file} strict`, schema: strictSchema(schema) },
]);

describe('shipped schemas against the meta-schema', () => {
  it.each(variants)('$name is a valid 2020-12 schema', ({ schema }) => {
    const meta = new Ajv2020({ strict: false });
    const valid = meta.validateSchema(schema);
    expect(meta.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('a schema that breaks the meta-schema is caught here', () => {
    const meta = new Ajv2020({ strict: false });
    const [first] = variants;
    expect(first).toBeDefined();
    const broken = { ...(first?.schema ?? {}), type: 'no-such-type' };
    expect(meta.validateSchema(broken)).toBe(false);
  });

  it.each(MESSAGE_TYPES)('%s compiles in every flavour (strict mode on)', (type) => {
    for (const strict of [false, true])
      for (const flavour of ['exact', 'guard'] as const)
        expect(typeof compiledValidator(type, strict, flavour)).toBe('function');
  });

  it('makes a fresh instance of every kind (strict mode on)', () => {
    for (const strict of [false, true])
      for (const flavour of ['exact', 'guard'] as const)
        expect(() => makeAjv(strict, {}, flavour)).not.toThrow();
  });
});
