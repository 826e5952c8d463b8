// D15: an optional field given JSON null means "not set". The vendor's Java sample serializes with
// Jackson's defaults, so its requests carry every unset optional field as null; the schemas, the
// validators, `validate`, resultCodeFor and the mock platform accept exactly that body, and a
// required field given null stays 100002.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockPlatform, startMockPlatform } from '../src/mock/index.js';
import { constraintsOf } from '../src/schema/constraints.js';
import { concretePath, minimalMessage, withValueAt } from '../src/schema/instances.js';
import { MESSAGE_TYPES } from '../src/schema/message-types.js';
import { formatPath } from '../src/schema/navigate.js';
import { resultCodeFor } from '../src/validate/result-code.js';
import { validators } from '../src/validate/validators.js';
import { call, insecureAgent } from './helpers/mock-http.js';

const root = join(import.meta.dirname, '..');

/** The body of the vendor's Java sample for one message, text as Jackson writes it (field order of its classes). */
function javaClientBody(o: {
  account: string;
  password: string;
  mobile: string;
  templateId: string;
  signature: string;
}) {
  return (
    `{"account":${JSON.stringify(o.account)},"password":${JSON.stringify(o.password)},` +
    `"requestLists":[{"mobiles":[${JSON.stringify(o.mobile)}],"templateId":${JSON.stringify(o.templateId)},` +
    `"templateParas":null,"signature":${JSON.stringify(o.signature)},"messageId":null,"extCode":null,"extendInfos":null}],` +
    `"requestId":null,"statusCallback":null}`
  );
}

const EXAMPLE = javaClientBody({
  account: 'account',
  password: 'password',
  mobile: '12345678911',
  templateId: 'sms1011',
  signature: '【华为】',
});

describe('validators', () => {
  it("accept the Java client's request, MUST and strict, and resultCodeFor answers 0", () => {
    const body: unknown = JSON.parse(EXAMPLE);
    expect(validators.SendTemplateMessageRequest.violations(body)).toEqual([]);
    expect(validators.SendTemplateMessageRequest.strictViolations(body)).toEqual([]);
    expect(resultCodeFor(validators.SendTemplateMessageRequest.violations(body))).toBe('0');
  });

  it('accept null for every optional field of every message, and answer 100002 for a required one', () => {
    let optional = 0;
    for (const type of MESSAGE_TYPES) {
      const required = new Set(
        constraintsOf(type)
          .filter((c) => c.keyword === 'required')
          .map((c) => c.path.join('.')),
      );
      for (const c of constraintsOf(type).filter((x) => x.keyword === 'type')) {
        const where = `${type} ${formatPath(c.path)}`;
        const message = withValueAt(type, minimalMessage(type), concretePath(c.path), null);
        const violations = validators[type].strictViolations(message);
        const last = c.path[c.path.length - 1];
        if (required.has(c.path.join('.'))) {
          expect(resultCodeFor(violations), where).toBe('100002');
        } else if (last === '[]' || last === '{}') {
          // An item of a list or a value of a map is no field: null there is a wrong type.
          expect(resultCodeFor(violations), where).toBe('100003');
        } else {
          optional += 1;
          expect(violations, where).toEqual([]);
        }
      }
    }
    // requestId, statusCallback, extendInfos, templateParas, messageId, extCode, … in every message.
    expect(optional).toBeGreaterThanOrEqual(20);
  });

  it('a list item or a map value given null is still a fault: only a field can be "not set"', () => {
    const body = JSON.parse(EXAMPLE) as { requestLists: { mobiles: unknown[]; templateParas: unknown }[] };
    const first = body.requestLists[0] as { mobiles: unknown[]; templateParas: unknown };
    first.mobiles = [null];
    first.templateParas = { name: null };
    const violations = validators.SendTemplateMessageRequest.violations(body);
    expect(violations.map((v) => v.path).sort()).toEqual([
      'requestLists[0].mobiles[0]',
      'requestLists[0].templateParas.name',
    ]);
  });
});

describe('the validate command', () => {
  it("accepts the Java client's request (exit 0)", () => {
    const cli = join(root, 'dist', 'src', 'cli', 'main.js');
    const r = spawnSync(process.execPath, [cli, 'validate', '--strict', '-'], {
      cwd: root,
      input: EXAMPLE,
      encoding: 'utf8',
    });
    expect(r.stdout).toContain('valid SendTemplateMessageRequest');
    expect(r.status).toBe(0);
  });
});

describe('the mock platform', () => {
  let platform: MockPlatform;
  const agent = insecureAgent();
  beforeAll(async () => {
    platform = await startMockPlatform({ config: { delivery: { delayMs: 5 } } });
  });
  afterAll(async () => {
    await platform.close({ graceMs: 100 });
    await agent.close();
  });

  it("accepts the Java client's request, generates the messageId, pushes nothing and reports no requestId", async () => {
    const { account, password, mobiles, signature, templates } = platform.profile.platform;
    const plain = templates.find((t) => (t.variables?.length ?? 0) === 0);
    if (!plain) throw new Error('the default mock has no template without variables');
    const body = javaClientBody({
      account,
      password,
      mobile: mobiles[0] as string,
      templateId: plain.id,
      signature,
    });
    const answer = await call(platform.url, body, { dispatcher: agent });
    const json = answer.json as {
      resultCode: string;
      resultDesc?: string;
      resultLists: { messageId?: unknown }[];
    };
    expect(json.resultCode, json.resultDesc).toBe('0');
    expect(json.resultLists).toHaveLength(1);
    expect(typeof json.resultLists[0]?.messageId).toBe('string');
    await platform.whenIdle(5_000);
    expect(platform.pushes()).toEqual([]);
    const retained = platform.retainedReports();
    expect(retained).toHaveLength(1);
    expect(retained[0]?.report).not.toHaveProperty('requestId');
  });

  it('answers 100002 to the same request with account null (D15)', async () => {
    const body = JSON.parse(
      javaClientBody({ account: 'x', password: 'y', mobile: '1', templateId: 't', signature: 's' }),
    ) as Record<string, unknown>;
    body.account = null;
    const answer = await call(platform.url, body, { dispatcher: agent });
    expect((answer.json as { resultCode: string }).resultCode).toBe('100002');
  });
});
