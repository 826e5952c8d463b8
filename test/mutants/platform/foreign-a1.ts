// Mutant platforms written as foreign code would be (issue 8, items 1, 3 and 5c): a binder that
// refuses null for optional fields, a platform that answers JSON under text/html, one whose
// resultDesc is GBK under charset=UTF-8, and one that pushes GBK reports.
import { request } from 'undici';
import { JSON_CONTENT_TYPE } from '../../../src/http/content-type.js';
import type { PlatformHooks } from '../../../src/mock/index.js';
import type { Violation } from '../../../src/validate/violation.js';
import type { Mutant } from './mutants.js';

/** 成功 ("success") in GBK: b3 c9 b9 a6, none of which starts a UTF-8 sequence. */
export const GBK_SUCCESS = Buffer.from([0xb3, 0xc9, 0xb9, 0xa6]);

/** JSON text with the value of its first `"resultDesc"` replaced by GBK bytes (one left as JSON). */
export function withGbkResultDesc(json: Buffer): Buffer {
  const text = json.toString('utf8');
  const m = /"resultDesc":"(?:[^"\\]|\\.)*"/.exec(text);
  if (!m) return json;
  return Buffer.concat([
    Buffer.from(`${text.slice(0, m.index)}"resultDesc":"`),
    GBK_SUCCESS,
    Buffer.from(`"${text.slice(m.index + m[0].length)}`),
  ]);
}

/** Reports pushed by the mutant itself, each with a GBK resultDesc under charset=UTF-8. */
function reportsInGbk(): PlatformHooks {
  return {
    deliverReports: () => (reports, callback) => {
      if (!callback) return;
      for (const report of reports)
        request(callback, {
          method: 'POST',
          headers: { 'content-type': JSON_CONTENT_TYPE },
          body: withGbkResultDesc(Buffer.from(JSON.stringify({ ...report, resultDesc: 'x' }))),
        })
          .then((r) => r.body.dump())
          .catch(() => {});
    },
  };
}

/** The first null anywhere in a JSON value, as a path. */
function firstNull(value: unknown, path = ''): string | undefined {
  if (value === null) return path || '(the body)';
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = firstNull(v, `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = firstNull(v, path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return undefined;
}

export function foreignA1Mutants(): Mutant[] {
  return [
    {
      name: 'rejects-null-optionals',
      defect: 'a strict binder: any JSON null, optional field or not, is a parameter format error (100003)',
      only: ['platform.send.jackson-nulls'],
      kills: ['platform.send.jackson-nulls'],
      hooks: {
        validate: (next) => (body) => {
          const at = firstNull(body);
          if (!at) return next(body);
          const refusal: Violation = {
            path: at,
            pointer: '',
            kind: 'type',
            keyword: 'type',
            clause: '§5.4 MtSmsMessage',
            level: 'MUST',
            message: `mutant: ${at} is null; it must be a string`,
          };
          return [...next(body), refusal];
        },
      },
    },
    {
      name: 'gbk-result-desc',
      defect: 'answers with a resultDesc in GBK (成功) under Content-Type charset=UTF-8',
      only: ['platform.transport.utf8', 'platform.send.minimal'],
      kills: ['platform.transport.utf8', 'platform.send.minimal'],
      proxy: {
        answer: (path, body) => (path.startsWith('/__mock/') ? body : withGbkResultDesc(body)),
      },
    },
    {
      name: 'gbk-report',
      defect: 'pushes status reports whose resultDesc is GBK under charset=UTF-8',
      only: ['platform.reports.schema'],
      kills: ['platform.reports.schema'],
      hooks: reportsInGbk(),
    },
    {
      name: 'json-as-text-html',
      defect:
        'answers its JSON bodies with Content-Type text/html;charset=UTF-8 (a testable target, not a web page)',
      only: ['platform.send.minimal', 'platform.responses.content-type'],
      kills: ['platform.send.minimal', 'platform.responses.content-type'],
      proxy: {
        headers: (path, headers) =>
          path.startsWith('/__mock/') ? headers : { ...headers, 'content-type': 'text/html;charset=UTF-8' },
      },
    },
  ];
}
