// Renders openapi.json: an OpenAPI 3.1 description of the whole API, generated from schemas/ and
// docs/spec-decisions.md (never written by hand; `npm run generate` writes it and a test checks it
// is fresh). sendTemplateMessage is under `paths`; the two pushes are `webhooks` and, for the status
// report, a `callbacks` entry on the request's statusCallback. Every schema becomes a component and
// every $ref points there, so the file stands alone; `x-spec` clauses travel with the schemas and
// the decisions are listed under `x-decisions`.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEFAULT_REPORT_PATH, DEFAULT_UPLINK_PATH } from '../src/mock/customer/server.js';
import { SEND_PATH } from '../src/mock/platform/server.js';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

const ROOT = join(import.meta.dirname, '..');
const SCHEMA_DIR = join(ROOT, 'schemas');
const DECISIONS_FILE = join(ROOT, 'docs', 'spec-decisions.md');
const DEFINITIONS = 'definitions.json';
const SPEC = 'IoT 云通信 API 参考 v1.5 (2024-04-08)';

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

/** Every schema of schemas/ as a component (definitions.json's $defs each their own), sorted by name. */
function components(): JsonObject {
  const schemas: JsonObject = {};
  for (const file of readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const schema = JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as JsonObject;
    if (file === DEFINITIONS) {
      const defs = schema.$defs;
      if (!defs || typeof defs !== 'object' || Array.isArray(defs)) throw new Error(`${file} has no $defs`);
      for (const [name, def] of Object.entries(defs)) schemas[name] = bundled(def, file);
    } else {
      schemas[basename(file, '.json')] = bundled(schema, file);
    }
  }
  return schemas;
}

/** The decisions of docs/spec-decisions.md, `## Dn — title`, as `{ Dn: title }`. */
export function decisionTitles(markdown = readFileSync(DECISIONS_FILE, 'utf8')): JsonObject {
  const out: JsonObject = {};
  for (const m of markdown.matchAll(/^## (D[0-9]+) — (.+)$/gm)) out[m[1] as string] = (m[2] as string).trim();
  return out;
}

const JSON_MEDIA_TYPE = 'application/json;charset=UTF-8';

function json(name: string): JsonObject {
  return { [JSON_MEDIA_TYPE]: { schema: { $ref: `#/components/schemas/${name}` } } };
}

/** One JSON-over-POST operation: its request and the answer the other side gives. */
function operation(
  operationId: string,
  summary: string,
  clause: string,
  request: string,
  response: string,
): JsonObject {
  return {
    post: {
      operationId,
      summary,
      'x-spec': clause,
      requestBody: { required: true, content: json(request) },
      responses: {
        '200': {
          description: `The answer (${response}). The body's resultCode decides (§5.1); HTTP 200 for a business error is our reading (D8).`,
          content: json(response),
        },
      },
    },
  };
}

const reportPush = operation(
  'notifyReportMessage',
  'Status report push (platform → SP), to the statusCallback of the send request',
  '§4',
  'NotifyReportMessageRequest',
  'NotifyResponse',
);
const uplinkPush = operation(
  'notifySmsMessage',
  'Uplink SMS push (platform → SP), to the URL the SP gave the platform',
  '§3',
  'NotifySmsMessageRequest',
  'NotifyResponse',
);

/** The OpenAPI 3.1 document of the whole API. */
export function buildOpenApi(): JsonObject {
  const send = operation(
    'sendTemplateMessage',
    'Send template SMS (SP → platform)',
    '§2',
    'SendTemplateMessageRequest',
    'SendTemplateMessageResponse',
  );
  (send.post as JsonObject).callbacks = {
    statusReport: { '{$request.body#/statusCallback}': reportPush },
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'IoT SMS API (sendTemplateMessage, notifySmsMessage, notifyReportMessage)',
      version: '1.5',
      description: `Generated by iot-sms-conformance from schemas/*.json and docs/spec-decisions.md; the source is ${SPEC}. Every field carries its clause (x-spec); the readings of the spec's ambiguities are the decisions listed under x-decisions.`,
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: 'https://{host}', variables: { host: { default: 'localhost:8443' } } }],
    'x-spec': SPEC,
    'x-decisions': decisionTitles(),
    paths: { [SEND_PATH]: send },
    webhooks: {
      notifySmsMessage: {
        ...uplinkPush,
        description: `Default path of the kit's mock: ${DEFAULT_UPLINK_PATH}`,
      },
      notifyReportMessage: {
        ...reportPush,
        description: `Default path of the kit's mock: ${DEFAULT_REPORT_PATH}`,
      },
    },
    components: { schemas: components() },
  };
}

export function renderOpenApi(): string {
  return `${JSON.stringify(buildOpenApi(), null, 2)}\n`;
}
