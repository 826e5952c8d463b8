// Renders openapi.json: an OpenAPI 3.1 description of the whole API, generated from schemas/ and
// docs/spec-decisions.md (never written by hand; `npm run generate` writes it and a test checks it
// is fresh; docs/openapi.md says how it is linted). sendTemplateMessage is under `paths`; the
// uplink push is a `webhooks` entry (its URL is set up out of band) and the status report a
// `callbacks` entry on the request's statusCallback (§2, §4), described there only so that every
// operationId is unique. Every schema becomes a component and every $ref points there, so the file
// stands alone; `x-spec` clauses travel with the schemas and the decisions are under `x-decisions`.
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

/** The two sides that implement an operation, as tags. */
const TAGS = [
  { name: 'platform', description: 'Implemented by the platform; the SP calls it.' },
  { name: 'customer', description: "Implemented by the SP's endpoints; the platform pushes to them." },
] as const;

const NO_PUSH_CREDENTIALS =
  'The spec gives pushes no credentials and no HTTP-level security scheme, hence `security: []`.';

/** One JSON-over-POST operation: who implements it, its request, and the answer the other side gives. */
interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tag: (typeof TAGS)[number]['name'];
  clause: string;
  request: string;
  response: string;
}

function operation(op: Operation): JsonObject {
  return {
    post: {
      operationId: op.operationId,
      summary: op.summary,
      description: op.description,
      tags: [op.tag],
      'x-spec': op.clause,
      security: [],
      requestBody: { required: true, content: json(op.request) },
      responses: {
        '200': {
          description: `The answer (${op.response}). The body's resultCode decides (§5.1); HTTP 200 for a business error is our reading (D8).`,
          content: json(op.response),
        },
      },
    },
  };
}

/** The OpenAPI 3.1 document of the whole API. */
export function buildOpenApi(): JsonObject {
  const send = operation({
    operationId: 'sendTemplateMessage',
    summary: 'Send template SMS (SP → platform)',
    description:
      'Sends one or many template messages. The credentials are the `account` and `password` fields of the JSON body (§2, table 2-2; the password in plain text): there is no HTTP-level security scheme, hence `security: []`. Bad credentials are answered with resultCode 100001 (§5.1).',
    tag: 'platform',
    clause: '§2',
    request: 'SendTemplateMessageRequest',
    response: 'SendTemplateMessageResponse',
  });
  const reportPush = operation({
    operationId: 'notifyReportMessage',
    summary: 'Status report push (platform → SP), to the statusCallback of the send request',
    description: `The platform pushes each status report to the send request's statusCallback; without one, no report is pushed and the platform keeps it for 1 hour (§2, §4). ${NO_PUSH_CREDENTIALS} Default path of the kit's mock: ${DEFAULT_REPORT_PATH}`,
    tag: 'customer',
    clause: '§4',
    request: 'NotifyReportMessageRequest',
    response: 'NotifyResponse',
  });
  const uplinkPush = operation({
    operationId: 'notifySmsMessage',
    summary: 'Uplink SMS push (platform → SP), to the URL the SP gave the platform',
    description: `The platform pushes each uplink SMS to the URL the SP gave it when access was set up (§3). ${NO_PUSH_CREDENTIALS} Default path of the kit's mock: ${DEFAULT_UPLINK_PATH}`,
    tag: 'customer',
    clause: '§3',
    request: 'NotifySmsMessageRequest',
    response: 'NotifyResponse',
  });
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
    tags: TAGS.map((tag) => ({ ...tag })),
    'x-spec': SPEC,
    'x-decisions': decisionTitles(),
    paths: { [SEND_PATH]: send },
    webhooks: { notifySmsMessage: uplinkPush },
    components: { schemas: components() },
  };
}

export function renderOpenApi(): string {
  return `${JSON.stringify(buildOpenApi(), null, 2)}\n`;
}
