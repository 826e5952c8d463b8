// Pushes with retries (D20: at least once): each push is attempted until it is acknowledged or the
// policy's attempts are spent, waiting base × factor^n between attempts; a bounded number run at
// once. Every push is kept (bounded) with its attempts, for the admin API and for tests.
import type { PushKind } from '../../core/terms.js';
import type { PushClient, PushOutcome } from '../../http/push-client.js';
import { BoundedLog } from '../bounded-log.js';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  factor: number;
  maxDelayMs: number;
}

export interface PushAttempt extends PushOutcome {
  /** ISO time the attempt started. */
  at: string;
}

export interface PushRecord {
  id: number;
  kind: PushKind;
  url: string;
  body: unknown;
  /** `cancelled`: dropped by a reset or by closing before it was acknowledged. */
  state: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: PushAttempt[];
}

export interface PushStats {
  /** Pushes not yet settled (queued, in flight or waiting to retry). */
  pending: number;
  delivered: number;
  failed: number;
  cancelled: number;
  attempts: number;
}

interface Job {
  record: PushRecord;
  text: string;
  generation: number;
  resolve: (record: PushRecord) => void;
}

/** The wait after the `failures`-th failed attempt. */
export function backoffDelayMs(policy: RetryPolicy, failures: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * policy.factor ** Math.max(0, failures - 1));
}

export class RetryingPusher {
  private queue: Job[] = [];
  private queueHead = 0;
  private active = 0;
  private readonly retryTimers = new Map<NodeJS.Timeout, Job>();
  private readonly inFlight = new Set<Promise<void>>();
  private generation = 0;
  private closed = false;
  private nextId = 1;
  private readonly stats: PushStats = { pending: 0, delivered: 0, failed: 0, cancelled: 0, attempts: 0 };
  readonly history: BoundedLog<PushRecord>;

  constructor(
    private readonly client: PushClient,
    private readonly policy: RetryPolicy,
    private readonly maxConcurrent: number,
    historySize: number,
    private readonly onAttempt: (record: PushRecord, attempt: PushAttempt) => void = () => {},
  ) {
    this.history = new BoundedLog(historySize);
  }

  /** Queues a push; `settled` resolves when it is acknowledged, given up or cancelled. */
  push(kind: PushKind, url: string, body: unknown): { record: PushRecord; settled: Promise<PushRecord> } {
    const record: PushRecord = { id: this.nextId++, kind, url, body, state: 'pending', attempts: [] };
    this.history.push(record);
    const settled = new Promise<PushRecord>((resolve) => {
      const job: Job = { record, text: JSON.stringify(body), generation: this.generation, resolve };
      this.stats.pending++;
      if (this.closed) this.settle(job, 'cancelled');
      else this.enqueue(job);
    });
    return { record, settled };
  }

  counts(): PushStats {
    return { ...this.stats };
  }

  /** Cancels what waits, forgets the history and the counts; attempts in flight finish unrecorded. */
  reset(): void {
    this.generation++;
    this.cancelWaiting();
    this.history.clear();
    Object.assign(this.stats, { delivered: 0, failed: 0, cancelled: 0, attempts: 0 });
  }

  /** Stops: cancels queued pushes and pending retries, waits up to `graceMs` for those in flight. */
  async close(graceMs: number): Promise<void> {
    this.closed = true;
    this.cancelWaiting();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...this.inFlight]), grace]);
    clearTimeout(timer);
    await this.client.close();
  }

  private enqueue(job: Job): void {
    this.queue.push(job);
    this.pump();
  }

  private pump(): void {
    while (!this.closed && this.active < this.maxConcurrent && this.queueHead < this.queue.length) {
      const job = this.queue[this.queueHead++] as Job;
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.queueHead);
        this.queueHead = 0;
      }
      this.active++;
      const running: Promise<void> = this.attempt(job).finally(() => {
        this.active--;
        this.inFlight.delete(running);
        this.pump();
      });
      this.inFlight.add(running);
    }
  }

  private async attempt(job: Job): Promise<void> {
    const at = new Date().toISOString();
    const outcome = await this.client.post(job.record.url, job.text);
    if (job.generation !== this.generation) {
      this.settle(job, 'cancelled');
      return;
    }
    const attempt: PushAttempt = { at, ...outcome };
    job.record.attempts.push(attempt);
    this.stats.attempts++;
    this.onAttempt(job.record, attempt);
    if (outcome.ok) return this.settle(job, 'delivered');
    if (this.closed || job.record.attempts.length >= this.policy.attempts) return this.settle(job, 'failed');
    const timer = setTimeout(
      () => {
        this.retryTimers.delete(timer);
        this.enqueue(job);
      },
      backoffDelayMs(this.policy, job.record.attempts.length),
    );
    this.retryTimers.set(timer, job);
  }

  private cancelWaiting(): void {
    for (const [timer, job] of this.retryTimers) {
      clearTimeout(timer);
      this.settle(job, 'cancelled');
    }
    this.retryTimers.clear();
    for (let i = this.queueHead; i < this.queue.length; i++) this.settle(this.queue[i] as Job, 'cancelled');
    this.queue = [];
    this.queueHead = 0;
  }

  private settle(job: Job, state: Exclude<PushRecord['state'], 'pending'>): void {
    if (job.record.state !== 'pending') return;
    job.record.state = state;
    this.stats.pending--;
    this.stats[state]++;
    job.resolve(job.record);
  }
}
