// What a mock customer endpoint holds besides its socket: what it received (received.ts), how it
// behaves (behaviour.ts), the answers it is holding back (delays.ts) and its limits. Kept in one
// object, passed to the router and the handle, instead of variables captured by one long closure;
// it is also the admin API's target (admin.ts).
import type { AdminLimits } from '../admin-request.js';
import type { CustomerAdminTarget } from './admin.js';
import { BehaviourControl, type CustomerBehaviour } from './behaviour.js';
import { PendingDelays } from './delays.js';
import { ReceivedLog, type ReceivedPush } from './received.js';

export class CustomerRuntime implements CustomerAdminTarget {
  readonly log: ReceivedLog;
  readonly control: BehaviourControl;
  readonly delays = new PendingDelays();
  /** Pushes received and not yet answered (behaviour.ts slowdownPerInFlightMs). */
  inFlight = 0;

  constructor(
    initialBehaviour: CustomerBehaviour,
    maxRecords: number,
    readonly limits: AdminLimits,
    /** A push body larger than this is recorded as its size only. */
    readonly maxStoredBodyBytes: number,
  ) {
    this.control = new BehaviourControl(initialBehaviour);
    this.log = new ReceivedLog(maxRecords);
  }

  received(): ReceivedPush[] {
    return this.log.entries();
  }

  receivedDropped(): number {
    return this.log.dropped;
  }

  behaviour(): CustomerBehaviour {
    return this.control.current();
  }

  setBehaviour(partial: Partial<CustomerBehaviour>): void {
    this.control.update(partial);
  }

  reset(): void {
    this.log.clear();
    this.control.reset();
  }
}
