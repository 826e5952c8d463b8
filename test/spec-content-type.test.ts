// §1.5 / D16: the Content-Type every message carries, compared as RFC 9110 compares media types.
import { describe, expect, it } from 'vitest';
import { specContentTypeProblem } from '../src/http/content-type.js';

describe('specContentTypeProblem', () => {
  it('takes application/json;charset=UTF-8 in any letter case and spacing', () => {
    for (const header of [
      'application/json;charset=UTF-8',
      'Application/JSON; Charset=utf-8',
      ' application/json ;  charset = "UTF-8" ',
    ])
      expect(specContentTypeProblem(header), header).toBeUndefined();
  });

  it('says what is wrong with anything else', () => {
    expect(specContentTypeProblem('application/json')).toBe('application/json without charset=UTF-8');
    expect(specContentTypeProblem('application/json;charset=GBK')).toBe('charset gbk, not UTF-8');
    expect(specContentTypeProblem('text/plain;charset=UTF-8')).toBe(
      'media type text/plain, not application/json',
    );
    expect(specContentTypeProblem(undefined)).toBe('no Content-Type');
    expect(specContentTypeProblem('  ')).toBe('no Content-Type');
  });
});
