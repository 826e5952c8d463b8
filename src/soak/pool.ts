// What a soak sends: valid pushes and valid send requests drawn up front from the suites'
// schema arbitraries with the soak's seed (a pool, so drawing costs nothing while the clock runs),
// then taken in turn with the ids that must be unique made so for each arrival.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { PushKind } from '../core/terms.js';
import type { PlatformProfile } from '../profile/profile.js';
import type { Json } from '../schema/instances.js';
import { mustValidPush } from '../suites/customer/properties.js';
import { validRequestArbitrary } from '../suites/platform/arbitraries.js';

/** Values drawn per pool: enough variety for the mix, drawn in well under a second. */
export const POOL_SIZE = 256;

type JsonObject = { [key: string]: Json };

/**
 * Ids unique to this soak: a random tag (a sharded soak's runners draw their own) and a serial,
 * in letters and digits. `requestId` holds 20 characters: a 7-character tag leaves 13 for the
 * serial, more than any soak sends.
 */
export class Ids {
  private readonly tag = `s${BigInt(`0x${randomBytes(5).toString('hex')}`)
    .toString(36)
    .padStart(6, '0')
    .slice(-6)}`;
  private serial = 0;

  next(): string {
    return `${this.tag}${(this.serial++).toString(36)}`;
  }
}

/** Valid pushes of one kind, as the customer suite's MUST property draws them (mustValidPush). */
export function drawPushes(kind: PushKind, seed: number, size = POOL_SIZE): JsonObject[] {
  return fc.sample(mustValidPush(kind), { seed, numRuns: size }) as JsonObject[];
}

/** A pooled push with its ids made new: a report's messageId, and its requestId when it has one. */
export function stampPush(kind: PushKind, push: JsonObject, ids: Ids): JsonObject {
  if (kind === 'uplink') return push;
  return {
    ...push,
    messageId: ids.next(),
    ...(typeof push.requestId === 'string' ? { requestId: ids.next() } : {}),
  };
}

/**
 * Valid one-recipient requests for the profile (the platform suite's arbitrary), to `mobiles`,
 * with the kit's receiver as statusCallback.
 */
export function drawRequests(
  platform: PlatformProfile,
  mobiles: readonly string[],
  statusCallback: string,
  seed: number,
  size = POOL_SIZE,
): JsonObject[] {
  const arbitrary = validRequestArbitrary(platform, {
    statusCallback,
    maxListLength: 3,
    mobiles,
    maxRecipients: 1,
  });
  return fc.sample(arbitrary, { seed, numRuns: size }) as JsonObject[];
}

/** The one message of a pooled one-recipient request. */
function messageOf(request: JsonObject | undefined): JsonObject {
  const lists = request?.requestLists;
  return (Array.isArray(lists) ? lists[0] : {}) as JsonObject;
}

/**
 * Arrival `index`'s request: a pooled request carrying `recipients` messages of one recipient
 * each (taken from the pool in turn), every messageId and the requestId made new (a message the
 * arbitrary left without messageId stays without: the platform makes one, §5.4), and the
 * statusCallback always set.
 */
export function requestFor(
  pool: readonly JsonObject[],
  index: number,
  recipients: number,
  ids: Ids,
  statusCallback: string,
): JsonObject {
  const base = pool[index % pool.length] as JsonObject;
  const requestLists: Json[] = [];
  for (let k = 0; k < recipients; k++) {
    const message = messageOf(pool[(index * recipients + k) % pool.length]);
    requestLists.push(
      typeof message.messageId === 'string' ? { ...message, messageId: ids.next() } : message,
    );
  }
  return {
    ...base,
    requestLists,
    ...(typeof base.requestId === 'string' ? { requestId: ids.next() } : {}),
    statusCallback,
  };
}
