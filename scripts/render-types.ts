// Renders generated/types.ts from schemas/ with json-schema-to-typescript.
// Used by `npm run generate` (writes) and by the freshness test (compares).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile, type JSONSchema } from 'json-schema-to-typescript';
import { MESSAGE_TYPES } from '../src/schema/message-types.js';

const SCHEMA_DIR = join(import.meta.dirname, '..', 'schemas');

const BANNER = `/* eslint-disable */
/**
 * GENERATED FILE: do not edit by hand.
 * Produced by \`npm run generate\` (json-schema-to-typescript) from schemas/*.json;
 * \`npm test\` fails when this file is not what the generator makes of the current schemas.
 */`;

/** One root that references every message schema, so each type is declared exactly once. */
function rootSchema(): JSONSchema {
  const properties: Record<string, JSONSchema> = {};
  for (const name of MESSAGE_TYPES) properties[name] = { $ref: `${name}.json` };
  return {
    title: 'SmsApiMessages',
    description: 'Every message of the API, by type name (an index for the generator, not a message).',
    type: 'object',
    properties,
    required: [...MESSAGE_TYPES],
    additionalProperties: false,
  } as JSONSchema;
}

export async function renderTypes(): Promise<string> {
  // Read the definitions once so that a broken schema file fails here with its name.
  JSON.parse(readFileSync(join(SCHEMA_DIR, 'definitions.json'), 'utf8'));
  return compile(rootSchema(), 'SmsApiMessages', {
    cwd: SCHEMA_DIR,
    bannerComment: BANNER,
    additionalProperties: true,
    unreachableDefinitions: false,
    strictIndexSignatures: false,
    ignoreMinAndMaxItems: true,
    style: { singleQuote: true, printWidth: 110 },
  });
}
