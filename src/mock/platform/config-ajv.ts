// How the mock platform's configuration is validated: the ajv that `npm run generate` compiles
// config.schema.json with (into generated/validators/mock-platform-config.ts, which the mock runs),
// and that the tests compile at runtime to check the generated code gives the same verdicts.
import type { Options } from 'ajv';
import ajv2020Module from 'ajv/dist/2020.js';
import ajvFormatsModule from 'ajv-formats';
import configSchema from './config.schema.json' with { type: 'json' };

// ajv and ajv-formats are CommonJS: imported from ESM, their exports sit on `.default`.
const Ajv2020 = ajv2020Module.default;
const addFormats = ajvFormatsModule.default;

/** An ajv with the configuration's options and formats; `extra` for the generator. */
export function configAjv(extra: Options = {}): InstanceType<typeof Ajv2020> {
  const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true, ...extra });
  addFormats(ajv, ['uri']);
  return ajv;
}

export { configSchema };
