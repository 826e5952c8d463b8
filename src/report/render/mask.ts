// Masking the run's secrets where output is made: what the console prints, what the report files
// hold, what the package hands to a caller. The engine, the rules and the cases keep and judge the
// exchanges as they travelled; every output goes through one OutputMask made from the run's
// secrets, which masks them in every form a target may echo (src/client/redact.ts). A secret too
// short to be told from the text around it is masked only where it is structured, and the report
// says so once (STRUCTURED_ONLY_NOTE).
import type { CaseResult, Exchange } from '../../cases/types.js';
import { CURL_PASSWORD_VARIABLE } from '../../client/curl.js';
import { FREE_TEXT_MIN_DISTINCT, FREE_TEXT_MIN_LENGTH, Redactor } from '../../client/redact.js';
import type { RunReport } from '../types.js';

/** Where a password too short for free text is still masked, as the note names them. */
const STRUCTURED_PLACES = `JSON "password" fields, authorization and cookie headers, the curl lines' $${CURL_PASSWORD_VARIABLE}, the profile`;

/** The note's words, after whose password it is ("the password is", "a password of the profile is"). */
const STRUCTURED_ONLY_NOTE = `too short to be hidden in free text (fewer than ${FREE_TEXT_MIN_LENGTH} characters, or fewer than ${FREE_TEXT_MIN_DISTINCT} different ones): it is masked where it is structured (${STRUCTURED_PLACES}), not where a target echoes it in other text`;

/** The one-line note for `weak` secrets of `all`, or undefined when every secret is masked in free text. */
function structuredOnlyNote(weak: number, all: number): string | undefined {
  if (weak === 0) return undefined;
  const whose =
    weak > 1
      ? 'the passwords of the profile are'
      : all > 1
        ? 'a password of the profile is'
        : 'the password is';
  return `${whose} ${STRUCTURED_ONLY_NOTE}`;
}

export class OutputMask {
  private readonly redactor: Redactor;
  /** Said once in a report whose secrets are not all masked in free text. */
  readonly note: string | undefined;

  constructor(secrets: Iterable<string>) {
    const given = [...new Set(secrets)].filter((s) => s !== '');
    this.redactor = new Redactor(given);
    this.note = structuredOnlyNote(this.redactor.structuredOnly, given.length);
  }

  text(text: string): string {
    return this.redactor.text(text);
  }

  private optional(text: string | undefined): string | undefined {
    return text === undefined ? undefined : this.text(text);
  }

  exchange(e: Exchange): Exchange {
    const r = this.redactor;
    return {
      ...e,
      request: {
        ...e.request,
        url: r.text(e.request.url),
        headers: r.headers(e.request.headers),
        body: r.text(e.request.body),
      },
      ...(e.response
        ? {
            response: {
              ...e.response,
              headers: r.headers(e.response.headers),
              // A body cut at the cap may end in a secret's first characters: masked too.
              body: e.response.cut ? r.cut(e.response.body) : r.text(e.response.body),
            },
          }
        : {}),
      ...(e.error !== undefined ? { error: r.text(e.error) } : {}),
    };
  }

  result(c: CaseResult): CaseResult {
    const masked: CaseResult = {
      ...c,
      message: this.text(c.message),
      rerun: this.text(c.rerun),
      exchanges: c.exchanges.map((e) => this.exchange(e)),
      curl: c.curl.map((line) => this.text(line)),
    };
    for (const key of ['expected', 'actual', 'notRun'] as const) {
      const value = this.optional(c[key]);
      if (value !== undefined) masked[key] = value;
    }
    if (c.findings)
      masked.findings = c.findings.map((f) => ({
        ...f,
        message: this.text(f.message),
        ...(f.expected !== undefined ? { expected: this.text(f.expected) } : {}),
        ...(f.actual !== undefined ? { actual: this.text(f.actual) } : {}),
        ...(f.summary !== undefined ? { summary: this.text(f.summary) } : {}),
      }));
    if (c.property?.counterexample !== undefined)
      masked.property = { ...c.property, counterexample: this.text(c.property.counterexample) };
    return masked;
  }

  report(report: RunReport): RunReport {
    return {
      ...report,
      command: this.text(report.command),
      notes: [
        ...report.notes.map((n) => this.text(n)),
        ...(this.note && !report.notes.includes(this.note) ? [this.note] : []),
      ],
      ...(report.interrupted
        ? { interrupted: { ...report.interrupted, message: this.text(report.interrupted.message) } }
        : {}),
      cases: report.cases.map((c) => this.result(c)),
    };
  }
}
