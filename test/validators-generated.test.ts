// The kit runs ajv standalone code that `npm run generate` compiled (generated/validators/), not
// validators compiled at start. Fresh is generated-fresh.test.ts's job; this checks the generated
// code judges as the same schemas compiled at runtime with the same options do: the same verdict
// and the same errors, for every value in vectors/ and for valid profiles and configurations with
// each field in turn removed, nulled, mistyped, or joined by an unknown one.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { validate as generatedConfig } from '../generated/validators/mock-platform-config.js';
import { validate as generatedProfile } from '../generated/validators/profile.js';
import { DEFAULT_PLATFORM_CONFIG } from '../src/mock/platform/config.js';
import { configAjv, configSchema } from '../src/mock/platform/config-ajv.js';
import { profileAjv, profileSchema } from '../src/profile/profile-ajv.js';
import { MESSAGE_TYPES } from '../src/schema/message-types.js';
import { compiledValidator } from '../src/validate/ajv.js';
import { generatedValidator } from '../src/validate/validators.js';
import { testProfile } from './helpers/profiles.js';

const root = join(import.meta.dirname, '..');

/** Every `data` of every vector file (valid and invalid instances of each message). */
function vectorData(): unknown[] {
  const out: unknown[] = [];
  for (const file of readdirSync(join(root, 'vectors'))) {
    const groups = JSON.parse(readFileSync(join(root, 'vectors', file), 'utf8')) as {
      tests: { data: unknown }[];
    }[];
    for (const group of groups) for (const t of group.tests) out.push(t.data);
  }
  return out;
}

/** `value` and, for each of its fields (nested objects too), the value with that field broken. */
function variants(value: Record<string, unknown>): unknown[] {
  const out: unknown[] = [value, { ...value, unknownField: 1 }, [], null, 'text'];
  for (const [key, field] of Object.entries(value)) {
    const { [key]: _removed, ...without } = value;
    out.push(without, { ...value, [key]: null }, { ...value, [key]: 42 }, { ...value, [key]: 'x' });
    out.push({ ...value, [key]: [] }, { ...value, [key]: {} });
    if (field && typeof field === 'object' && !Array.isArray(field))
      for (const inner of variants(field as Record<string, unknown>)) out.push({ ...value, [key]: inner });
  }
  return out;
}

/** Verdicts and errors (as JSON) of both validators for each input: they must be the same. */
function differences(generated: ValidateFunction, runtime: ValidateFunction, inputs: unknown[]): string[] {
  const out: string[] = [];
  for (const input of inputs) {
    const a = [generated(input), JSON.stringify(generated.errors)];
    const b = [runtime(input), JSON.stringify(runtime.errors)];
    if (a[0] !== b[0] || a[1] !== b[1]) out.push(`${JSON.stringify(input)}: generated ${a}, runtime ${b}`);
  }
  return out;
}

describe('the generated validators judge as the runtime-compiled ones', () => {
  const data = vectorData();

  it('the vectors hold valid and invalid data for the comparison to mean something', () => {
    const plain = (x: unknown) => MESSAGE_TYPES.some((t) => compiledValidator(t, false, 'exact')(x));
    expect(data.length).toBeGreaterThan(100);
    expect(data.some(plain)).toBe(true);
    expect(data.some((x) => !plain(x))).toBe(true);
  });

  for (const type of MESSAGE_TYPES)
    for (const strict of [false, true])
      for (const flavour of ['exact', 'guard'] as const)
        it(`${type}, ${strict ? 'strict' : 'plain'}, ${flavour}: every vector`, () => {
          const generated = generatedValidator(type, strict, flavour);
          expect(differences(generated, compiledValidator(type, strict, flavour), data)).toEqual([]);
        });

  it('the profile: valid ones and every field broken in turn', () => {
    const inputs = [
      ...variants(testProfile('https://127.0.0.1:1')),
      ...variants({
        ...testProfile('https://127.0.0.1:1'),
        callbackReceiver: { port: 0, tls: 'self-signed' },
      }),
    ];
    const runtime = profileAjv().compile(profileSchema);
    expect(inputs.some((x) => runtime(x))).toBe(true);
    expect(inputs.some((x) => !runtime(x))).toBe(true);
    expect(differences(generatedProfile as unknown as ValidateFunction, runtime, inputs)).toEqual([]);
  });

  it("the mock platform's configuration: the built-in one and every field broken in turn", () => {
    const inputs = [{}, ...variants(JSON.parse(JSON.stringify(DEFAULT_PLATFORM_CONFIG)))];
    const runtime = configAjv().compile(configSchema);
    expect(inputs.some((x) => runtime(x))).toBe(true);
    expect(inputs.some((x) => !runtime(x))).toBe(true);
    expect(differences(generatedConfig as unknown as ValidateFunction, runtime, inputs)).toEqual([]);
  });
});
