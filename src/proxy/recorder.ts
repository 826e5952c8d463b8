// The proxy's account of each exchange: the number it goes by, its place in the ledger (its
// findings masked) and its live line. Every handler tells what happened through here, so that the
// ledger and the console say the same.
import type { Exchange } from '../cases/types.js';
import type { Finding } from '../rules/index.js';
import type { Judged } from './judge.js';
import type { Ledger } from './ledger.js';
import { safeFinding } from './masking.js';
import type { SecretBook } from './secrets.js';

/** A live line's verdict: ok, or the levels and clauses the exchange broke (INFO not counted). */
function summary(findings: readonly Finding[]): string {
  const real = findings.filter((f) => f.level !== 'INFO');
  if (real.length === 0) return 'ok';
  const clauses = [...new Set(real.map((f) => `${f.level} ${f.clause}`))];
  return `✗ ${clauses.join('; ')}`;
}

export class Recorder {
  private sequence = 0;

  constructor(
    readonly ledger: Ledger,
    private readonly secrets: SecretBook,
    private readonly onLine: (line: string) => void,
  ) {}

  /** The number of the next exchange (every request that arrives takes one). */
  next(): number {
    return ++this.sequence;
  }

  /** A live line of its own (an exchange not judged, an error of the proxy's). */
  line(text: string): void {
    this.onLine(text);
  }

  /** Keeps the judged exchange (what each judgement checked and found, in order) and tells it on one line. */
  record(n: number, kind: string, exchange: Exchange, judged: readonly Judged[], detail: string): void {
    const findings = judged.flatMap((j) => j.findings);
    const redactor = this.secrets.redactor();
    this.ledger.add(
      exchange,
      judged.flatMap((j) => j.checked),
      findings.map((f) => safeFinding(redactor, f)),
    );
    this.onLine(`proxy #${n} ${kind} ${detail} ${summary(findings)}`);
  }
}
