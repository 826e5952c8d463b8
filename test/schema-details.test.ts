// Details of the schemas that the walked limits do not show: every "原文" quote is the original's
// own words, the templateParas description agrees with D11, a recipient is never empty, and a
// statusCallback is read as an absolute http(s) URL (D6).
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILES } from '../src/schema/registry.js';
import { CLAUSES } from '../src/spec/clauses.js';
import { resultCodeFor } from '../src/validate/result-code.js';
import { validators } from '../src/validate/validators.js';
import { specFile } from './helpers/spec-beside.js';

/** The original document, where the spec folder is beside the repository; said once when it is not. */
const original = specFile(
  '000_60dc375544c99074.txt',
  "the schemas' and the clause index's quotes against the original, word for word",
);

/** The text as words: the extraction's line breaks, spaces and HTML list tags are layout, not words. */
const words = (text: string) => text.replace(/<[^>]+>/g, '').replace(/\s+/g, '');

function quotes(node: unknown, where: string, out: [string, string][]): [string, string][] {
  if (Array.isArray(node)) for (const n of node) quotes(n, where, out);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) {
      if (k === 'description' && typeof v === 'string') {
        const m = /\(原文: (.*)\)$/.exec(v);
        if (m?.[1]) out.push([where, m[1]]);
      } else quotes(v, `${where}.${k}`, out);
    }
  return out;
}

describe('the original quotes of the schemas', () => {
  it.skipIf(original === undefined)('are word for word (each part of a quote is in the original)', () => {
    const text = words(original as string);
    const all = Object.entries(SCHEMA_FILES).flatMap(([file, schema]) => quotes(schema, file, []));
    expect(all.length).toBeGreaterThan(40);
    // A quote may join headings ("表 3-3 … / 表 4-3 …"): each part stands on its own.
    const misquoted = all.flatMap(([where, quote]) =>
      quote
        .split(/[\s/…]+/)
        .filter((part) => part !== '' && !text.includes(words(part)))
        .map((part) => `${where}: ${part}`),
    );
    expect(misquoted).toEqual([]);
  });

  it.skipIf(original === undefined)('and those of the clause index are word for word', () => {
    const text = words(original as string);
    const all = [...CLAUSES.values()].flatMap((c) => (c.original ? [[c.id, c.original] as const] : []));
    expect(all.length).toBeGreaterThan(10);
    const misquoted = all.flatMap(([id, quote]) =>
      quote
        .split(/[\s/…]+/)
        .filter((part) => part !== '' && !text.includes(words(part)))
        .map((part) => `${id}: ${part}`),
    );
    expect(misquoted).toEqual([]);
  });

  it('templateParas says what D11 decides: matched by key, not in order', () => {
    const paras = (SCHEMA_FILES['MtSmsMessage.json']?.properties?.templateParas ?? {}) as {
      description?: string;
      'x-decision'?: string;
    };
    expect(paras['x-decision']).toBe('D11');
    expect(paras.description).toContain('matched by key');
    expect(paras.description).not.toMatch(/filling the variables in order/);
  });
});

describe('recipients', () => {
  it('an empty string as a recipient is a format fault at MUST level (100003)', () => {
    const body = {
      account: 'a',
      password: 'p',
      requestLists: [{ mobiles: ['13600000000', ''], templateId: 't', signature: 's' }],
    };
    const violations = validators.SendTemplateMessageRequest.violations(body);
    expect(violations.map((v) => `${v.path} ${v.keyword} ${v.level}`)).toEqual([
      'requestLists[0].mobiles[1] minLength MUST',
    ]);
    expect(resultCodeFor(violations)).toBe('100003');
  });
});

describe('statusCallback (D6)', () => {
  const request = (statusCallback: unknown) => ({
    account: 'a',
    password: 'p',
    requestLists: [{ mobiles: ['13600000000'], templateId: 't', signature: 's' }],
    statusCallback,
  });
  it.each([
    'https://sp.example:8443/common/sms/notifyReportMessage',
    'http://127.0.0.1:9000/report',
    'HTTPS://SP.EXAMPLE/r',
    '',
    null,
  ])('%j is a callback address', (url) => {
    expect(validators.SendTemplateMessageRequest.strictViolations(request(url))).toEqual([]);
  });
  it.each(['ftp://sp.example/report', 'mailto:sp@example.com', 'urn:isbn:0451450523', '/relative/path'])(
    '%j is no callback address (SHOULD) but within the table (MUST)',
    (url) => {
      const strict = validators.SendTemplateMessageRequest.strictViolations(request(url));
      expect(strict.map((v) => `${v.path} ${v.level} ${v.decision}`)).toContain('statusCallback SHOULD D6');
      expect(validators.SendTemplateMessageRequest.violations(request(url))).toEqual([]);
    },
  );
});
