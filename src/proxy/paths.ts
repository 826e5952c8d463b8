// The proxy's own URLs: those it hands out (a send's rewritten statusCallback, the uplink URL given
// to the platform) and their reading when a push comes back to them; each carries this run's random
// id.
import { randomBytes } from 'node:crypto';
import { SEND_PATH } from '../core/terms.js';

/** Where a request that arrives goes. */
export type Route =
  | { to: 'send' }
  | { to: 'uplink' }
  | { to: 'report'; urlId: string; sendId: string }
  | { to: 'other' };

export class ProxyPaths {
  readonly run = randomBytes(4).toString('hex');
  /** The base URL the platform reaches the pushes' listener at, set once it listens. */
  callbackBase = '';

  /** Where the platform pushes the reports of send `sendId`, whose original callback is `urlId`. */
  reportUrl(urlId: string, sendId: string): string {
    return `${this.callbackBase}/proxy/${this.run}/report/${urlId}/${sendId}`;
  }

  uplinkUrl(): string {
    return `${this.callbackBase}/proxy/${this.run}/uplink`;
  }

  /** The route of a request's path (its query left out). */
  route(path: string): Route {
    const prefix = `/proxy/${this.run}/`;
    if (path === `${prefix}uplink`) return { to: 'uplink' };
    if (path.startsWith(`${prefix}report/`)) {
      const [urlId = '', sendId = ''] = path.slice(`${prefix}report/`.length).split('/');
      return { to: 'report', urlId, sendId };
    }
    if (path === SEND_PATH) return { to: 'send' };
    return { to: 'other' };
  }
}
