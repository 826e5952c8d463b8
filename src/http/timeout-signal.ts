// A request's timeout, as the signal undici watches (the kit's client, the mock's pushes).
import { EventEmitter } from 'node:events';

/**
 * Aborts after `ms` unless cleared. undici takes an EventEmitter as a signal, reading `aborted` and
 * `reason` as on an AbortSignal. In a cold process an AbortController with undici's listener on its
 * EventTarget costs 10-13 µs a request, this 4.5 (AbortSignal.timeout more still: it registers
 * every signal for garbage collection). Clear it once the answer is read.
 */
export class TimeoutSignal extends EventEmitter {
  aborted = false;
  reason: unknown;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    super();
    this.timer = setTimeout(() => {
      this.aborted = true;
      this.reason = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      this.emit('abort');
    }, ms);
    this.timer.unref();
  }

  clear(): void {
    clearTimeout(this.timer);
  }
}
