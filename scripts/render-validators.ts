// Renders generated/validators/*.ts: ajv standalone code for every validator the kit runs (each
// message in the four flavours of src/validate/ajv.ts, the profile, the mock platform's
// configuration), compiled from the schemas with the options the kit's own ajv set-ups give.
// Used by `npm run generate` (writes) and by the freshness test (compares). The kit loads these
// instead of compiling at start: compiling took 100-200 ms of every process that validated.
import standaloneModule from 'ajv/dist/standalone/index.js';
import { configAjv, configSchema } from '../src/mock/platform/config-ajv.js';
import { profileAjv, profileSchema } from '../src/profile/profile-ajv.js';
import { MESSAGE_TYPES } from '../src/schema/message-types.js';
import { SCHEMA_BASE } from '../src/schema/registry.js';
import { makeAjv } from '../src/validate/ajv.js';
import type { Flavour } from '../src/validate/flavour.js';

// ajv's standalone generator is CommonJS: from ESM its export sits on `.default`.
const standaloneCode = standaloneModule.default;

/** ES module output; ajv still writes require() for its runtime helpers and ajv-formats (ajv#1976). */
const CODE = { code: { source: true, esm: true } };

/**
 * ajv's require() calls as static imports: no createRequire (node:module), so the validators load in a
 * browser or an edge runtime too (`iot-sms-conformance/schema`, test/schema-entry.test.ts). The helpers
 * are CommonJS: Node hands their exports over as the namespace's default, some bundlers spread them
 * over the namespace itself; `cjs` takes them either way.
 */
function withImports(code: string): string {
  const ids = [...new Set(Array.from(code.matchAll(/require\("([^"]+)"\)/g), (m) => m[1] ?? ''))];
  if (ids.length === 0) return code;
  const imports = ids.map((id, i) => `import * as cjs${i} from '${id}.js';\n`).join('');
  const helper = 'const cjs = (ns) => (ns.default?.__esModule ? ns.default : ns);\n';
  const body = ids.reduce(
    (text, id, i) => text.replaceAll(`require(${JSON.stringify(id)})`, `cjs(cjs${i})`),
    code,
  );
  return imports + helper + body;
}

const banner = (what: string) => `/* eslint-disable */
// @ts-nocheck
/**
 * GENERATED FILE: do not edit by hand.
 * ajv standalone code for ${what}, produced by \`npm run generate\` (scripts/render-validators.ts);
 * \`npm test\` fails when this file is not what the generator makes of the current schemas.
 */
`;

/** The message validators of one flavour, one file: strict or plain, exact or guard (src/validate/ajv.ts). */
export function messageValidatorsFile(strict: boolean, flavour: Flavour): string {
  return `${strict ? 'strict' : 'plain'}-${flavour}.ts`;
}

/** File name under generated/validators/ → its text. */
export function renderValidators(): Record<string, string> {
  const files: Record<string, string> = {};
  // Each message's validator, exported under the message's name.
  const refs = Object.fromEntries(MESSAGE_TYPES.map((t) => [t, `${SCHEMA_BASE}${t}.json`]));
  for (const strict of [false, true]) {
    for (const flavour of ['exact', 'guard'] as const) {
      const ajv = makeAjv(strict, CODE, flavour);
      const what = `every message, ${strict ? 'with the SHOULD readings (strict)' : 'as the spec states it'}, ${flavour} flavour`;
      files[messageValidatorsFile(strict, flavour)] = banner(what) + withImports(standaloneCode(ajv, refs));
    }
  }
  const profile = profileAjv(CODE);
  files['profile.ts'] =
    banner('the target profile') + withImports(standaloneCode(profile, profile.compile(profileSchema)));
  const config = configAjv(CODE);
  files['mock-platform-config.ts'] =
    banner("the mock platform's configuration") +
    withImports(standaloneCode(config, config.compile(configSchema)));
  return files;
}
