// An OpenAPI 3.1 description of POST /common/sms/sendTemplateMessage built from schemas/*.json, for
// mocking the same interface with another tool (bench/mock-platform.ts runs Stoplight Prism on it).
// Every schema becomes one entry of components.schemas (definitions.json's $defs each get their
// own) and every $ref is rewritten to point there, so the document is self-contained.
// Run: npx tsx bench/openapi.ts [OUT.json]   (stdout without OUT)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_PLATFORM_CONFIG, SEND_PATH } from '../src/mock/index.js';
import { validators } from '../src/validate/validators.js';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA_DIR = join(ROOT, 'schemas');
const DEFINITIONS = 'definitions.json';

/** A valid request for the mock's default config: one message, two mobiles, a template with variables. */
export function benchRequest(): JsonObject {
  const config = DEFAULT_PLATFORM_CONFIG;
  const account = config.accounts.find((a) => !a.disabled);
  const template = config.templates.find((t) => (t.variables?.length ?? 0) > 0);
  if (!account || !template) throw new Error('the default config has no enabled account or no template');
  const paras: JsonObject = {};
  for (const v of template.variables ?? []) paras[v.name] = '7'.repeat(Math.min(v.maxLength, 6));
  const request: JsonObject = {
    account: account.account,
    password: account.password,
    requestLists: [
      {
        mobiles: [...config.target.mobiles.slice(0, 2)],
        templateId: template.id,
        templateParas: paras,
        signature: config.signatures[0] ?? '',
      },
    ],
  };
  if (!validators.SendTemplateMessageRequest.isStrict(request))
    throw new Error('the bench request is not valid for the schemas');
  return request;
}

/** The answer the mock gives `benchRequest()` (but fixed messageIds): the example Prism serves. */
export function exampleResponse(): JsonObject {
  const mobiles = DEFAULT_PLATFORM_CONFIG.target.mobiles.slice(0, 2);
  const response: JsonObject = {
    resultCode: '0',
    resultDesc: 'success',
    resultLists: mobiles.map((mobile, i) => ({
      mobile,
      resultCode: '0',
      resultDesc: 'submit success, waiting for delivery report.',
      messageId: `bench${String(i + 1).padStart(8, '0')}`,
    })),
  };
  if (!validators.SendTemplateMessageResponse.isStrict(response))
    throw new Error('the example response is not valid for the schemas');
  return response;
}

/** `X.json` → the component X; `definitions.json#/$defs/Y` (or `#/$defs/Y` inside it) → the component Y. */
function componentRef(ref: string, inFile: string): string {
  const [file = '', pointer = ''] = ref.split('#', 2);
  const target = file === '' ? inFile : file;
  if (target === DEFINITIONS) {
    const name = /^\/\$defs\/([^/]+)$/.exec(pointer)?.[1];
    if (!name) throw new Error(`${inFile}: cannot bundle $ref ${ref}`);
    return `#/components/schemas/${name}`;
  }
  if (pointer !== '' || !target.endsWith('.json')) throw new Error(`${inFile}: cannot bundle $ref ${ref}`);
  return `#/components/schemas/${basename(target, '.json')}`;
}

/** A copy of a schema with $schema and $id dropped and every $ref pointing into components. */
function bundled(node: JsonValue, inFile: string): JsonValue {
  if (Array.isArray(node)) return node.map((item) => bundled(item, inFile));
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$schema' || key === '$id') continue;
    out[key] =
      key === '$ref' && typeof value === 'string' ? componentRef(value, inFile) : bundled(value, inFile);
  }
  return out;
}

function readSchema(file: string): JsonObject {
  return JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as JsonObject;
}

/** The OpenAPI 3.1 document: one path, the request and response schemas, every schema as a component. */
export function buildOpenApi(): JsonObject {
  const schemas: JsonObject = {};
  for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
    const schema = readSchema(file);
    if (file === DEFINITIONS) {
      const defs = schema.$defs;
      if (!defs || typeof defs !== 'object' || Array.isArray(defs)) throw new Error(`${file} has no $defs`);
      for (const [name, def] of Object.entries(defs)) schemas[name] = bundled(def, file);
    } else {
      schemas[basename(file, '.json')] = bundled(schema, file);
    }
  }
  for (const name of ['SendTemplateMessageRequest', 'SendTemplateMessageResponse'])
    if (!(name in schemas)) throw new Error(`schemas/ has no ${name}.json`);
  const json = (name: string, extra: JsonObject = {}): JsonObject => ({
    'application/json': { schema: { $ref: `#/components/schemas/${name}` }, ...extra },
  });
  return {
    openapi: '3.1.0',
    info: {
      title: 'IoT SMS API: sendTemplateMessage',
      version: '1.5',
      description: 'Generated from iot-sms-conformance schemas/*.json by bench/openapi.ts.',
    },
    paths: {
      [SEND_PATH]: {
        post: {
          operationId: 'sendTemplateMessage',
          requestBody: { required: true, content: json('SendTemplateMessageRequest') },
          responses: {
            '200': {
              description: 'The result of the request (failures too are 200 with a resultCode, §5.1).',
              content: json('SendTemplateMessageResponse', { example: exampleResponse() }),
            },
          },
        },
      },
    },
    components: { schemas },
  };
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const text = `${JSON.stringify(buildOpenApi(), null, 2)}\n`;
  const out = process.argv[2];
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}
