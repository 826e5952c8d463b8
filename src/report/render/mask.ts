// Masking the run's secrets where output is made: what the console prints, what the report files
// hold, what the package hands to a caller. The engine, the rules and the cases keep and judge the
// exchanges as they travelled; every output goes through one OutputMask made from the run's
// secrets, which masks them in every form a target may echo (src/client/redact.ts).
import type { CaseResult, Exchange } from '../../cases/types.js';
import { Redactor } from '../../client/redact.js';
import type { RunReport } from '../types.js';

export class OutputMask {
  private readonly redactor: Redactor;

  constructor(secrets: Iterable<string>) {
    this.redactor = new Redactor(secrets);
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
      notes: report.notes.map((n) => this.text(n)),
      ...(report.interrupted
        ? { interrupted: { ...report.interrupted, message: this.text(report.interrupted.message) } }
        : {}),
      cases: report.cases.map((c) => this.result(c)),
    };
  }
}
