// Every example printed in the spec validates against its schema (examples/, named by type).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectMessageType } from '../src/schema/detect.js';
import { isMessageType } from '../src/schema/message-types.js';
import { validators } from '../src/validate/validators.js';

const dir = join(import.meta.dirname, '..', 'examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe("the spec's examples", () => {
  it('are all there: two requests, two responses, one uplink, one report, one push answer', () => {
    expect(files).toHaveLength(7);
  });

  for (const file of files) {
    const type = file.split('.')[0] ?? '';
    const data: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));

    it(`${file} is a valid ${type}`, () => {
      expect(isMessageType(type)).toBe(true);
      if (!isMessageType(type)) return;
      expect(validators[type].violations(data)).toEqual([]);
    });

    it(`${file} is detected as ${type}`, () => {
      expect(detectMessageType(data)?.type).toBe(type);
    });
  }

  it('the §4 example status DELIVED is an "other value", valid (D1)', () => {
    const report = JSON.parse(readFileSync(join(dir, 'NotifyReportMessageRequest.json'), 'utf8'));
    expect(report.status).toBe('DELIVED');
    expect(validators.NotifyReportMessageRequest.strictViolations(report)).toEqual([]);
  });
});
