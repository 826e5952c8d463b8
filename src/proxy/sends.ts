// The send book: the sends whose statusCallback the proxy rewrote, kept until their answer comes so
// that each report can be judged beside the send it belongs to (its requestId, mobiles and
// messageIds), even when the report overtakes the answer. Bounded: the oldest send is forgotten
// first, and a report of it is judged as uncorrelated.
import type { PushExchange, SendOfReport } from '../rules/index.js';

/** One send awaiting (or holding) what its reports are judged against. */
export interface SendRecord {
  /** Set when the platform's answer came: what its reports must carry. */
  correlation?: SendOfReport;
  /** Resolves once the send's exchange is over, answered or not. */
  readonly answered: Promise<void>;
  readonly settle: () => void;
}

export class SendBook {
  private readonly sends = new Map<string, SendRecord>();

  constructor(private readonly max: number) {}

  /** Opens the record of send `id`, forgetting the oldest one past the bound. */
  open(id: string): SendRecord {
    let settle = () => {};
    const answered = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const send: SendRecord = { answered, settle };
    this.sends.set(id, send);
    if (this.sends.size > this.max) this.sends.delete(this.sends.keys().next().value as string);
    return send;
  }

  get(id: string): SendRecord | undefined {
    return this.sends.get(id);
  }
}

/**
 * What a report is judged against: its send as answered, once the answer came (waiting at most
 * `timeoutMs` for it), or why that is not known.
 */
export async function correlationOf(
  send: SendRecord | undefined,
  timeoutMs: number,
): Promise<Pick<PushExchange, 'send' | 'uncorrelated'>> {
  if (send && !send.correlation) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      send.answered,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
  if (send?.correlation) return { send: send.correlation };
  return { uncorrelated: send ? 'its send got no answer' : 'the proxy no longer remembers its send' };
}
