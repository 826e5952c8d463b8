// openapi.json is generated from schemas/ (scripts/render-openapi.ts; freshness is checked in
// generated-fresh.test.ts). Here: it is a valid OpenAPI 3.1 document for a maintained validator,
// its bundled schemas judge every vector as the kit's validators do, and Prism can mock it.
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decisionTitles } from '../scripts/render-openapi.js';
import { SEND_PATH } from '../src/mock/platform/server.js';
import { validators } from '../src/validate/validators.js';

const ROOT = join(import.meta.dirname, '..');
type Doc = {
  openapi: string;
  paths: Record<string, { post?: { callbacks?: Record<string, Record<string, unknown>> } }>;
  webhooks: Record<string, { post?: unknown }>;
  components: { schemas: Record<string, unknown> };
  'x-decisions': Record<string, string>;
};
const doc = JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8')) as Doc;

describe('openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (@seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('the validator is not a yes-man: a document with a broken operation fails', async () => {
    const broken = structuredClone(doc) as unknown as {
      paths: Record<string, { post: { responses: unknown } }>;
    };
    (broken.paths[SEND_PATH] as { post: { responses: unknown } }).post.responses = 'none';
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('describes sendTemplateMessage as a path, the uplink push as a webhook, the report as a callback', () => {
    expect(Object.keys(doc.paths)).toEqual([SEND_PATH]);
    expect(Object.keys(doc.webhooks)).toEqual(['notifySmsMessage']);
    const callbacks = doc.paths[SEND_PATH]?.post?.callbacks ?? {};
    expect(Object.keys(callbacks.statusReport ?? {})).toEqual(['{$request.body#/statusCallback}']);
  });

  // Each interface once, under its spec name; none has an HTTP-level scheme (the send request's
  // credentials are body fields, §2), which `security: []` states on purpose (docs/openapi.md).
  it('has each operationId once, and every operation says `security: []`', () => {
    const operations = operationsIn(doc);
    expect(operations.map((op) => op.operationId).sort()).toEqual([
      'notifyReportMessage',
      'notifySmsMessage',
      'sendTemplateMessage',
    ]);
    for (const op of operations) expect(op.security, op.operationId).toEqual([]);
  });

  it('carries every decision of docs/spec-decisions.md and every clause of the schemas', () => {
    expect(doc['x-decisions']).toEqual(decisionTitles());
    expect(Object.keys(doc['x-decisions']).length).toBeGreaterThanOrEqual(21);
    const fromSchemas = readdirSync(join(ROOT, 'schemas')).flatMap((file) =>
      clausesIn(JSON.parse(readFileSync(join(ROOT, 'schemas', file), 'utf8'))),
    );
    expect(fromSchemas.length).toBeGreaterThan(40);
    expect(clausesIn(doc.components.schemas).sort()).toEqual(fromSchemas.sort());
  });

  // The bundling rewrites every $ref: a lost constraint would show as a vector judged differently.
  it('its bundled schemas judge every vector of vectors/ as the kit validators do', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: false });
    ajv.addSchema({ ...doc, $id: 'openapi.json' }, 'openapi.json');
    let judged = 0;
    for (const file of readdirSync(join(ROOT, 'vectors')).filter((f) => f.endsWith('.json'))) {
      const type = file.replace(/\.json$/, '') as keyof typeof validators;
      const check = ajv.getSchema(`openapi.json#/components/schemas/${type}`);
      expect(check, `component ${type}`).toBeDefined();
      const groups = JSON.parse(readFileSync(join(ROOT, 'vectors', file), 'utf8')) as {
        tests: { description: string; data: unknown; valid: boolean }[];
      }[];
      for (const test of groups.flatMap((g) => g.tests)) {
        expect(check?.(test.data), `${type}: ${test.description}`).toBe(validators[type].is(test.data));
        judged++;
      }
    }
    expect(judged).toBeGreaterThan(200);
  });
});

type Operation = { operationId?: string; security?: unknown; callbacks?: Record<string, PathItems> };
type PathItems = Record<string, Record<string, Operation>>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Every operation of paths, webhooks and (recursively) callbacks. */
function operationsIn(root: { paths: unknown; webhooks: unknown }): Operation[] {
  const fromItems = (items: PathItems): Operation[] =>
    Object.values(items).flatMap((item) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .flatMap(([, op]) => [
          op,
          ...Object.values(op.callbacks ?? {}).flatMap((callback) => fromItems(callback)),
        ]),
    );
  return [...fromItems(root.paths as PathItems), ...fromItems(root.webhooks as PathItems)];
}

/** Every `x-spec` value in a JSON value, depth first. */
function clausesIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(clausesIn);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'x-spec' && typeof value === 'string' ? [value] : clausesIn(value),
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('Prism mocks openapi.json', () => {
  let prism: ChildProcess | undefined;
  let base = '';
  let log = '';

  beforeAll(async () => {
    const port = await freePort();
    const bin = join(ROOT, 'node_modules', '.bin', 'prism');
    prism = spawn(bin, ['mock', '-h', '127.0.0.1', '-p', String(port), join(ROOT, 'openapi.json')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const listening = new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        log = `${log}${chunk.toString()}`.slice(-4000);
        if (log.includes('Prism is listening')) resolve();
      };
      prism?.stdout?.on('data', onData);
      prism?.stderr?.on('data', onData);
      prism?.once('exit', (code) => reject(new Error(`prism exited ${code}:\n${log}`)));
    });
    await listening;
    base = `http://127.0.0.1:${port}`;
  }, 90_000);

  afterAll(() => {
    prism?.kill('SIGTERM');
  });

  const post = (body: unknown) =>
    fetch(`${base}${SEND_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=UTF-8' },
      body: JSON.stringify(body),
    });

  it('answers the spec example request with a valid SendTemplateMessageResponse', async () => {
    const example = JSON.parse(
      readFileSync(join(ROOT, 'examples', 'SendTemplateMessageRequest.with-variables.json'), 'utf8'),
    ) as unknown;
    const res = await post(example);
    const body = (await res.json()) as unknown;
    expect(res.status, log).toBe(200);
    expect(validators.SendTemplateMessageResponse.violations(body)).toEqual([]);
  });

  it('refuses a request without the required password and requestLists, as the schema says', async () => {
    const res = await post({ account: 'account' });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain("'password'");
    expect(text).toContain("'requestLists'");
  });
});
