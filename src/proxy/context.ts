// What the handlers of an exchange work with: the proxy's parts, built once by startProxy and
// handed to each of them (no closure holds them): where the platform is, the way upstream and its
// limits, the proxy's URLs, its three books and its recorder; and the request that arrived.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallbackBook } from './callbacks.js';
import type { Forwarder, ForwardOptions } from './forward.js';
import type { ProxyPaths } from './paths.js';
import type { Recorder } from './recorder.js';
import type { SecretBook } from './secrets.js';
import type { SendBook } from './sends.js';

export interface ProxyContext {
  /** The platform's base URL: a send goes to it with the path it came with. */
  readonly base: string;
  /** The customer's uplink URL, if given. */
  readonly uplinkForward: string | undefined;
  readonly limits: ForwardOptions;
  readonly forwarder: Forwarder;
  readonly paths: ProxyPaths;
  readonly callbacks: CallbackBook;
  readonly sends: SendBook;
  readonly secrets: SecretBook;
  readonly recorder: Recorder;
}

/** A request as it arrives: its number (they are numbered as they arrive), it, its answer, its path (no query). */
export interface Arrival {
  readonly n: number;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly path: string;
}
