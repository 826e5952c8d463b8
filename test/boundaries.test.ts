// For every length, count and range limit in every schema, found by walking the schemas: the value
// at the limit passes and one past it fails, with a violation at that place naming the limit and
// the clause. A new limit in schemas/ is covered here without touching this file.
import { afterAll, describe, expect, it } from 'vitest';
import { constraintsOf, limitsOf } from '../src/schema/constraints.js';
import { boundaryMessage, concretePath, minimalMessage, withValueAt } from '../src/schema/instances.js';
import { MESSAGE_TYPES } from '../src/schema/message-types.js';
import { formatPath } from '../src/schema/navigate.js';
import { resultCodeFor } from '../src/validate/result-code.js';
import { validators } from '../src/validate/validators.js';

const covered: string[] = [];

/** Non-ASCII fillers for string limits: CJK (in the BMP) and an emoji (outside it), decision D7. */
const FILLERS = [undefined, '华', '😀'] as const;

describe.each(MESSAGE_TYPES)('%s limits', (type) => {
  const limits = limitsOf(type);

  for (const c of limits) {
    const where = `${formatPath(c.path)} ${c.keyword} ${c.limit} (${c.clause})`;
    const fillers = c.keyword === 'maxLength' ? FILLERS : [undefined];
    for (const filler of fillers) {
      const label = filler ? ` filled with ${filler}` : '';
      it(`${where}${label}: at the limit passes`, () => {
        expect(validators[type].violations(boundaryMessage(c, false, filler))).toEqual([]);
      });
      it(`${where}${label}: one past it fails`, () => {
        const violations = validators[type].violations(boundaryMessage(c, true, filler));
        expect(violations).toHaveLength(1);
        const [v] = violations;
        expect(v?.path).toBe(formatPath(concretePath(c.path)));
        expect(v?.keyword).toBe(c.keyword);
        expect(v?.limit).toBe(c.limit);
        expect(v?.clause).toBe(c.clause);
        expect(v?.message).toContain(String(c.limit));
        expect(resultCodeFor(violations)).toBe('100003');
      });
    }
    covered.push(`${type} ${where}`);
  }

  it('a required field missing or empty answers 100002, and only that field is reported (D15)', () => {
    const required = constraintsOf(type).filter((c) => c.keyword === 'required');
    for (const c of required) {
      const path = concretePath(c.path);
      for (const value of [undefined, null, '']) {
        const message = withValueAt(type, minimalMessage(type), path, value);
        const violations = validators[type].violations(message);
        const node = violations[0];
        // An empty string is "empty" only for strings; an empty required list is tested below.
        if (value === '' && c.limit === 'requestLists') continue;
        if (value === '' && c.limit === 'mobiles') continue;
        expect(violations, `${formatPath(path)} = ${JSON.stringify(value)}`).toHaveLength(1);
        expect(node?.path).toBe(formatPath(path));
        expect(resultCodeFor(violations)).toBe('100002');
      }
    }
  });
});

describe('required lists', () => {
  it('an empty requestLists or mobiles answers 100002 (D15)', () => {
    for (const [path, value] of [
      [['requestLists'], []],
      [['requestLists', 0, 'mobiles'], []],
    ] as const) {
      const message = withValueAt(
        'SendTemplateMessageRequest',
        minimalMessage('SendTemplateMessageRequest'),
        path,
        [...value],
      );
      const violations = validators.SendTemplateMessageRequest.violations(message);
      expect(violations.map((v) => v.kind)).toEqual(['empty']);
      expect(resultCodeFor(violations)).toBe('100002');
    }
  });
});

describe('the limits walked from the schemas', () => {
  it("include the spec's headline limits", () => {
    const send = limitsOf('SendTemplateMessageRequest').map(
      (c) => `${c.path.join('.')} ${c.keyword} ${c.limit}`,
    );
    expect(send).toContain('requestLists maxItems 20');
    expect(send).toContain('requestLists.[].mobiles maxItems 100');
    expect(send).toContain('requestLists.[].mobiles.[] maxLength 20');
    expect(send).toContain('extendInfos maxItems 10');
    expect(
      limitsOf('NotifyReportMessageRequest').map((c) => `${c.path.join('.')} ${c.keyword} ${c.limit}`),
    ).toEqual(
      expect.arrayContaining(['messageId maxLength 32', 'smsCount maximum 99', 'receiveTime maxLength 36']),
    );
  });

  afterAll(() => {
    console.log(`boundary tests covered ${covered.length} limits across ${MESSAGE_TYPES.length} schemas`);
  });
});

describe('withValueAt', () => {
  it('copies the message deeply, a "__proto__" key as data, and leaves the original as it was', () => {
    const original = JSON.parse(
      '{"account":"a","requestLists":[{"mobiles":["1"],"templateParas":{"__proto__":{"x":1},"v":"2"}}]}',
    );
    const before = JSON.stringify(original);
    const copy = withValueAt('SendTemplateMessageRequest', original, ['requestLists', 0, 'mobiles', 0], '9');
    expect(JSON.stringify(original)).toBe(before);
    expect(JSON.stringify(copy)).toBe(before.replace('["1"]', '["9"]'));
    const paras = (copy as typeof original).requestLists[0].templateParas;
    expect(Object.getPrototypeOf(paras)).toBe(Object.prototype);
    expect(Object.keys(paras)).toEqual(['__proto__', 'v']);
    expect(paras).not.toBe(original.requestLists[0].templateParas);
  });
});
