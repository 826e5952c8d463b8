// Masking changes nothing that is judged, and mangles nothing that is shown (issue 26 finding 4): a
// password drawn from the run's own traffic (a header name or value, a field name, a digit, a word
// of a message) gives the same verdicts as a random password of its length, against the mock
// platform and mock customer and against a mutant platform; and when it is too short to be masked
// in free text, the console prints every line as it would with no secret at all, but one note
// that says so, while every "password" field still shows ***.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseResult } from '../src/cases/types.js';
import { maskableInFreeText } from '../src/client/redact.js';
import { runConformance } from '../src/engine/run.js';
import { runConformance as runMasked } from '../src/library/run.js';
import {
  type MockCustomer,
  type PlatformHooks,
  startMockCustomer,
  startMockPlatform,
} from '../src/mock/index.js';
import { renderConsole } from '../src/report/render/console.js';
import { renderJson } from '../src/report/render/json.js';
import { OutputMask } from '../src/report/render/mask.js';
import type { RunReport } from '../src/report/types.js';
import { mutants } from './mutants/platform/mutants.js';

const SEED = 26;
/** Cases that read headers, charsets and result codes, send the password in every shape, or push. */
const ONLY = [
  'platform.send.minimal',
  'platform.transport.content-type',
  'platform.transport.utf8',
  'platform.auth.wrong-password',
  'platform.types.password',
  'platform.required.password',
  'platform.responses.content-type',
  'platform.responses.schema',
  'customer.uplink.minimal',
  'customer.uplink.answer',
  'customer.report.answer.content-type',
  'customer.report.reject.receiveTime',
].join(',');
/** A mutant that fails cases of its own selection: 100003 for a missing or empty required field. */
const MUTANT = 'missing-as-100003';
const MUTANT_ONLY = 'platform.send.minimal,platform.required.password,platform.required.account';

let customer: MockCustomer;
/** What a run with a random password showed: the text the drawn passwords are cut from. */
let traffic: string[] = [];

/** One run of `only` against a fresh mock platform (with `hooks`, a mutant) whose account has `password`. */
async function judged(password: string, only: string, hooks?: PlatformHooks): Promise<RunReport> {
  const platform = await startMockPlatform({
    tls: false,
    onError: () => {},
    config: {
      accounts: [{ account: 'acme', password }],
      delivery: { delayMs: 20 },
      retry: { baseDelayMs: 30, pushTimeoutMs: 300 },
    },
    ...(hooks ? { hooks } : {}),
  });
  try {
    return await runConformance({
      profile: {
        platform: {
          url: platform.baseUrl,
          account: 'acme',
          password,
          signature: '【ACME】',
          templates: [{ id: 'tpl_plain' }],
          mobiles: ['8613600000000'],
          maxAcceptedMessages: 50,
        },
        customer: { uplinkUrl: customer.uplinkUrl, reportUrl: customer.reportUrl },
        timeoutMs: 3_000,
        statusReportWaitMs: 1_000,
      },
      only,
      seed: SEED,
      runs: 3,
      command: 'masking-property',
    });
  } finally {
    await platform.close({ graceMs: 0 });
  }
}

function verdicts(report: RunReport): string[] {
  return report.cases.map((c) => `${c.id} ${c.verdict}`);
}

/** Every text of a case the target or the kit made: header names and values, bodies, messages. */
function textsOf(c: CaseResult): string[] {
  return [
    c.message,
    c.expected ?? '',
    c.actual ?? '',
    ...c.exchanges.flatMap((e) => [
      e.request.body,
      e.response?.body ?? '',
      ...Object.entries(e.request.headers).flat(),
      ...Object.entries(e.response?.headers ?? {}).flat(),
    ]),
  ].filter((t) => t !== '');
}

/** A password cut from the traffic: a whole word or value of it, or any piece of 1 to 12 characters. */
function fromTraffic(): fc.Arbitrary<string> {
  const words = [...new Set(traffic.flatMap((t) => t.split(/[\s"{}[\]:,;=]+/)))].filter(
    (w) => w !== '' && [...w].length <= 100,
  );
  const text = [...traffic.join('\n')];
  const piece = fc
    .tuple(fc.nat(text.length - 1), fc.integer({ min: 1, max: 12 }))
    .map(([from, length]) => text.slice(from, from + length).join(''));
  return fc.oneof(fc.constantFrom(...traffic.filter((t) => [...t].length <= 100), ...words), piece);
}

/** A password cut from the traffic, and a random one of as many characters. */
function passwords(): fc.Arbitrary<[string, string]> {
  return fromTraffic().chain((secret) =>
    fc.tuple(
      fc.constant(secret),
      fc.string({
        unit: fc.constantFrom(...'QZXJVWqzxjvw'),
        minLength: [...secret].length,
        maxLength: [...secret].length,
      }),
    ),
  );
}

/** The console with no secret at all, and with `secret` masked: equal but for the one note. */
function expectNothingMangled(report: RunReport, secret: string): void {
  const mask = new OutputMask([secret]);
  const masked = mask.report(report);
  const note = mask.note ?? '';
  expect(note).toMatch(/^the password is too short to be hidden in free text \(/);
  expect(masked.notes.filter((n) => n === note)).toHaveLength(1);
  const shown = renderConsole(masked, { color: false }).split('\n');
  expect(shown.filter((l) => l.includes(note))).toHaveLength(1);
  expect(shown.filter((l) => !l.includes(note))).toEqual(renderConsole(report, { color: false }).split('\n'));
  // Each case's line says its title as declared.
  for (const c of report.cases) expect(shown.find((l) => l.includes(` ${c.id} `)) ?? '').toContain(c.title);
  // Where the password is structured, it is masked: every "password" field holds *** (or no string).
  for (const value of renderJson(masked).matchAll(/\\*"password\\*"\s*:\s*(\[?\s*\\*"[^"\\]*)/g))
    expect(value[1]?.replace(/^\[\s*/, '').replace(/\\/g, '')).toBe('"***');
}

/** A secret long enough is masked in every text of every case, as it is and JSON-escaped. */
function expectMaskedEverywhere(report: RunReport, secret: string): void {
  const masked = new OutputMask([secret]).report(report);
  expect(masked.notes.join('\n')).not.toContain('too short to be hidden');
  const forms = [secret, JSON.stringify(secret).slice(1, -1)];
  const left = masked.cases.flatMap(textsOf).filter((t) => forms.some((f) => t.includes(f)));
  expect(left).toEqual([]);
}

beforeAll(async () => {
  customer = await startMockCustomer({ tls: false });
  const reference = await judged('QZXJVW-qzxjvw', ONLY);
  traffic = reference.cases.flatMap(textsOf);
  expect(traffic.join('\n')).toContain('Content-Type');
});

afterAll(async () => {
  await customer?.close({ graceMs: 0 });
});

describe('a password drawn from the traffic judges as a random one', () => {
  it('against the mock platform and the mock customer', async () => {
    await fc.assert(
      fc.asyncProperty(passwords(), async ([secret, random]) => {
        const drawn = await judged(secret, ONLY);
        expect(verdicts(drawn), JSON.stringify(secret)).toEqual(verdicts(await judged(random, ONLY)));
        if (maskableInFreeText(secret)) expectMaskedEverywhere(drawn, secret);
        else expectNothingMangled(drawn, secret);
      }),
      {
        seed: SEED,
        numRuns: 30,
        examples: [[['y', 'Q']], [['UTF-8', 'QZXJV']], [['Content-Type', 'QZXJVWqzxjvw']]],
      },
    );
  }, 120_000);

  it(`against a mutant platform (${MUTANT}) that fails some of the cases`, async () => {
    const mutant = mutants().find((m) => m.name === MUTANT);
    if (!mutant?.hooks) throw new Error(`no mutant ${MUTANT} with hooks`);
    const hooks = mutant.hooks;
    await fc.assert(
      fc.asyncProperty(passwords(), async ([secret, random]) => {
        const drawn = await judged(secret, MUTANT_ONLY, hooks);
        expect(drawn.cases.filter((c) => c.verdict === 'fail').length).toBeGreaterThan(0);
        expect(verdicts(drawn), JSON.stringify(secret)).toEqual(
          verdicts(await judged(random, MUTANT_ONLY, hooks)),
        );
        if (maskableInFreeText(secret)) expectMaskedEverywhere(drawn, secret);
        else expectNothingMangled(drawn, secret);
      }),
      { seed: SEED, numRuns: 12, examples: [[['e', 'Q']], [['0', 'Q']]] },
    );
  }, 60_000);

  it('the run says once, in its report and on the console, that a short password is masked only where structured', async () => {
    const platform = await startMockPlatform({
      tls: false,
      onError: () => {},
      config: { accounts: [{ account: 'acme', password: 'e' }] },
    });
    try {
      const told: string[][] = [];
      const report = await runMasked({
        profile: {
          platform: {
            url: platform.baseUrl,
            account: 'acme',
            password: 'e',
            signature: '【ACME】',
            templates: [{ id: 'tpl_plain' }],
            mobiles: ['8613600000000'],
            maxAcceptedMessages: 5,
          },
        },
        only: 'platform.send.minimal',
        seed: SEED,
        onEvent: (e) => {
          if (e.type === 'run-finished') told.push(e.report.notes);
        },
      });
      const note = new OutputMask(['e']).note;
      for (const notes of [report.notes, ...told]) expect(notes.filter((n) => n === note)).toHaveLength(1);
      const shown = renderConsole(report, { color: false });
      expect(shown.split('\n').filter((l) => l.includes('too short to be hidden'))).toEqual([`  - ${note}`]);
      expect(shown).toContain('accepted with resultCode "0"');
    } finally {
      await platform.close({ graceMs: 0 });
    }
  });
});
