// What the platform received and what it pushed, newest last, bounded. Passwords never enter it:
// a request's `password` is replaced by "***" before it is kept, and in a body that could not be
// parsed any `"password": "..."` is masked the same way. A request's entry is recorded on the hot
// path, and read rarely: it keeps the time as a number and the answer as the text sent, and both
// take their entry's form (ISO time, parsed answer) only when the journal is read.
import { BoundedLog } from '../bounded-log.js';
import type { PushAttempt, PushRecord } from './retry.js';

export const REDACTED = '***';

export interface RequestEntry {
  seq: number;
  at: string;
  kind: 'request';
  method: string;
  path: string;
  contentType: string | null;
  /** The parsed body (password redacted), the raw text when it was not JSON, or a note when too large. */
  body: unknown;
  status: number;
  /** The answer as sent. */
  answer: unknown;
}

export interface PushEntry {
  seq: number;
  at: string;
  kind: 'push';
  push: PushRecord['kind'];
  pushId: number;
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
  body: unknown;
  outcome: PushAttempt;
}

export type JournalEntry = RequestEntry | PushEntry;

/**
 * `value` with a top-level `password` masked, in place: the journal is handed the parsed body of
 * its own request (parseJsonBody made it for that request alone) once the answer is built, so no
 * one reads the password after this. In place, because a copy of a null-prototype object (how
 * bodies are parsed) is one of the slower things the hot path did.
 */
export function redactPasswordInPlace(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  if (Object.hasOwn(value, 'password')) (value as { password: unknown }).password = REDACTED;
  return value;
}

export function redactPasswordText(text: string): string {
  return text.replace(/("password"\s*:\s*)("(?:[^"\\]|\\.)*"|[^,}\s]+)/g, `$1"${REDACTED}"`);
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A request's entry as kept: the time in ms and the answer as sent. */
interface KeptRequest extends Omit<RequestEntry, 'at' | 'answer'> {
  atMs: number;
  answerText: string;
}

function requestEntry(kept: KeptRequest): RequestEntry {
  const { seq, atMs, answerText, ...rest } = kept;
  return { seq, at: new Date(atMs).toISOString(), ...rest, answer: parseOr(answerText) };
}

export class Journal {
  private readonly log: BoundedLog<KeptRequest | PushEntry>;
  private seq = 0;

  constructor(
    maxEntries: number,
    private readonly maxBodyBytes: number,
  ) {
    this.log = new BoundedLog(maxEntries);
  }

  /**
   * `parsed` is the body when it was JSON, handed over (its password is masked in place); otherwise
   * the raw bytes are kept as text (redacted).
   */
  recordRequest(entry: {
    method: string;
    path: string;
    contentType: string | undefined;
    raw: Buffer | undefined;
    parsed: { value: unknown } | undefined;
    status: number;
    answer: string;
  }): void {
    let body: unknown = null;
    if (entry.raw && entry.raw.length > this.maxBodyBytes) body = { omitted: `${entry.raw.length} bytes` };
    else if (entry.parsed) body = redactPasswordInPlace(entry.parsed.value);
    else if (entry.raw && entry.raw.length > 0) body = redactPasswordText(entry.raw.toString('utf8'));
    this.log.push({
      seq: ++this.seq,
      atMs: Date.now(),
      kind: 'request',
      method: entry.method,
      path: entry.path,
      contentType: entry.contentType ?? null,
      body,
      status: entry.status,
      answerText: entry.answer,
    });
  }

  recordPush(record: PushRecord, attempt: PushAttempt): void {
    this.log.push({
      seq: ++this.seq,
      at: attempt.at,
      kind: 'push',
      push: record.kind,
      pushId: record.id,
      url: record.url,
      attempt: record.attempts.length,
      body: record.body,
      outcome: attempt,
    });
  }

  entries(): JournalEntry[] {
    return this.log.toArray().map((e) => (e.kind === 'request' ? requestEntry(e) : e));
  }

  get dropped(): number {
    return this.log.dropped;
  }

  clear(): void {
    this.log.clear();
  }
}
