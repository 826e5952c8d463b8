// What the mock customer endpoint received, with the answer it gave, bounded. A push acknowledged
// twice with the same body is marked a duplicate (D20 allows them; a test may count them).
import type { NotifyResponse } from '../../../generated/types.js';
import type { PushKind } from '../../core/terms.js';
import { BoundedLog } from '../bounded-log.js';
import type { FailureMode } from './behaviour.js';

/** The kind of a push received: the API's PushKind. */
export type ReceivedType = PushKind;

export interface ReceivedPush {
  seq: number;
  at: string;
  type: ReceivedType;
  path: string;
  contentType: string | null;
  /** The parsed body, the raw text when it was not JSON, or `{ omitted }` when too large to keep. */
  body: unknown;
  /** HTTP status and body of the answer. */
  status: number;
  answer: NotifyResponse;
  /** Answered "0". */
  acknowledged: boolean;
  /** Acknowledged, and an identical push had been acknowledged before. */
  duplicate: boolean;
  /** The violations of the MUST rules, as sentences. */
  violations: string[];
  /** Set when the answer was a deliberate failure (behaviour.ts). */
  simulated: FailureMode | null;
  /** Its place among the pushes received since the start or the last reset (1 for the first); failAfter counts these. */
  arrival: number;
  /** Pushes received before it still in flight (not yet answered) when it arrived. */
  inFlight: number;
  /** How long its answer was held back: delayMs + slowdownPerInFlightMs × inFlight. */
  delayMs: number;
}

export class ReceivedLog {
  private readonly log: BoundedLog<ReceivedPush>;
  /** Bodies acknowledged so far (JSON text), oldest first, bounded like the log. */
  private readonly acknowledgedBodies = new Set<string>();
  private seq = 0;

  constructor(private readonly capacity: number) {
    this.log = new BoundedLog(capacity);
  }

  add(entry: Omit<ReceivedPush, 'seq' | 'at' | 'duplicate'>): ReceivedPush {
    let duplicate = false;
    if (entry.acknowledged) {
      const key = `${entry.type}:${JSON.stringify(entry.body)}`;
      duplicate = this.acknowledgedBodies.has(key);
      this.acknowledgedBodies.add(key);
      if (this.acknowledgedBodies.size > this.capacity) {
        const oldest = this.acknowledgedBodies.values().next().value;
        if (oldest !== undefined) this.acknowledgedBodies.delete(oldest);
      }
    }
    const record: ReceivedPush = { seq: ++this.seq, at: new Date().toISOString(), duplicate, ...entry };
    this.log.push(record);
    return record;
  }

  entries(): ReceivedPush[] {
    return this.log.toArray();
  }

  get dropped(): number {
    return this.log.dropped;
  }

  clear(): void {
    this.log.clear();
    this.acknowledgedBodies.clear();
  }
}
