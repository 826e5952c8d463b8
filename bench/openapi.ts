// The shipped OpenAPI 3.1 description (openapi.json, generated from schemas/) with the example the
// bench's Prism serves, for mocking the same interface with another tool (bench/mock-platform.ts
// runs Stoplight Prism on it), and the request the bench sends.
// Run: npx tsx bench/openapi.ts [OUT.json]   (stdout without OUT)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DEFAULT_PLATFORM_CONFIG, SEND_PATH } from '../src/mock/index.js';
import { validators } from '../src/validate/validators.js';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

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

/**
 * The shipped openapi.json (generated from schemas/ by `npm run generate`), with the mock's answer
 * to `benchRequest()` as the example of sendTemplateMessage's 200, so that Prism serves what the
 * mock would.
 */
export function buildOpenApi(): JsonObject {
  const doc = JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8')) as JsonObject;
  const content = (
    doc.paths as { [path: string]: { post: { responses: { '200': { content: JsonObject } } } } }
  )[SEND_PATH]?.post.responses['200'].content;
  const media = content ? Object.values(content)[0] : undefined;
  if (!media || typeof media !== 'object' || Array.isArray(media))
    throw new Error(`openapi.json has no JSON 200 answer for ${SEND_PATH}: run npm run generate`);
  media.example = exampleResponse();
  return doc;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const text = `${JSON.stringify(buildOpenApi(), null, 2)}\n`;
  const out = process.argv[2];
  if (out) writeFileSync(out, text);
  else process.stdout.write(text);
}
