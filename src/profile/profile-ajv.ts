// How profiles are validated: the ajv that `npm run generate` compiles profile.schema.json with
// (into generated/validators/profile.ts, which the kit runs), and that the tests compile at runtime
// to check the generated code gives the same verdicts.
import type { Options } from 'ajv';
import ajv2020Module from 'ajv/dist/2020.js';
import profileSchema from './profile.schema.json' with { type: 'json' };

// ajv is CommonJS: imported from ESM, its export sits on `.default`.
const Ajv2020 = ajv2020Module.default;

/** The schema's annotation: what a field must look like, in words, for errors (profile-errors.ts). */
const ANNOTATIONS = ['x-shape'];

/** An ajv with the profile's options; `extra` for the generator (`code: { source: true }`). */
export function profileAjv(extra: Options = {}): InstanceType<typeof Ajv2020> {
  return new Ajv2020({
    allErrors: false,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    keywords: ANNOTATIONS,
    ...extra,
  });
}

export { profileSchema };
