// The proxy's one change to a send request: the top-level statusCallback string, replaced in the
// JSON text. Every other byte stays: nested keys of the same name, escapes, spacing, key order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaceTopLevelString, topLevelStringValueSpans } from '../src/proxy/rewrite.js';

const NEW = 'http://proxy:1/proxy/abc/report/1/2';

describe('replaceTopLevelString', () => {
  it('replaces the top-level value only, whatever the spacing, escapes and nesting', () => {
    const text =
      '{ "a" : {"statusCallback":"nested"}, "list":["statusCallback",{"statusCallback":"x"}],\n\t"status\\u0043allback" :\r\n "https://c/\\"q\\"" , "z":1}';
    const out = replaceTopLevelString(text, 'statusCallback', NEW);
    expect(out).toBe(text.replace('"https://c/\\"q\\""', JSON.stringify(NEW)));
    expect(JSON.parse(out).statusCallback).toBe(NEW);
    expect(JSON.parse(out).a.statusCallback).toBe('nested');
  });

  it('leaves a non-string value, and a text without the key, as they are', () => {
    for (const text of ['{"statusCallback":null}', '{"statusCallback":5}', '{"x":"statusCallback"}', '[]'])
      expect(replaceTopLevelString(text, 'statusCallback', NEW)).toBe(text);
  });

  it('replaces every duplicate of the key (JSON.parse keeps the last)', () => {
    expect(topLevelStringValueSpans('{"k":"a","k":"b"}', 'k')).toHaveLength(2);
    expect(replaceTopLevelString('{"k":"a","k":"b"}', 'k', 'c')).toBe('{"k":"c","k":"c"}');
  });

  it('property: the result parses as the input with statusCallback replaced, and only that span changed', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }),
        fc.string({ maxLength: 40 }),
        fc.nat({ max: 5 }),
        fc.constantFrom(0, 2, '\t'),
        (object, callback, at, space) => {
          const entries = Object.entries(object).filter(([k]) => k !== 'statusCallback' && k !== '__proto__');
          entries.splice(Math.min(at, entries.length), 0, ['statusCallback', callback]);
          const input = JSON.stringify(Object.fromEntries(entries), null, space);
          const out = replaceTopLevelString(input, 'statusCallback', NEW);
          expect(JSON.parse(out)).toEqual({ ...JSON.parse(input), statusCallback: NEW });
          const [span] = topLevelStringValueSpans(input, 'statusCallback');
          expect(span).toBeDefined();
          const [start, end] = span as [number, number];
          expect(out).toBe(input.slice(0, start) + JSON.stringify(NEW) + input.slice(end));
        },
      ),
      { numRuns: 500 },
    );
  });
});
