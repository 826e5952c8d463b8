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
export function stampPush(kind: PushKind, push: JsonObject, ids: Pick<Ids, 'next'>): JsonObject {
  if (kind === 'uplink') return push;
  return {
    ...push,
    messageId: ids.next(),
    ...(typeof push.requestId === 'string' ? { requestId: ids.next() } : {}),
  };
}

/**
 * A pool of pushes serialised once, the places of the ids left open: arrival `index`'s body is the
 * text around them with new ids put in, encoded once, as `JSON.stringify(stampPush(…))` would
 * give it (ids are letters and digits: nothing to escape). Making the object and serialising it
 * for each arrival cost a fifth of the kit's own time per push at its highest rate.
 */
export class PushBodies {
  /** Per pooled push: the JSON text split where its ids go (one piece: a push without ids). */
  private readonly pieces: string[][];
  /** The bodies that carry no id, encoded once. */
  private readonly fixed: (Buffer | undefined)[];

  constructor(
    kind: PushKind,
    pool: readonly JsonObject[],
    private readonly ids: Pick<Ids, 'next'>,
  ) {
    this.pieces = pool.map((push) => splitAtIds(kind, push));
    this.fixed = this.pieces.map((p) => (p.length === 1 ? Buffer.from(p[0] as string, 'utf8') : undefined));
  }

  /** The body of arrival `index`: pooled push `index mod size`, its ids new. */
  body(index: number): Buffer {
    const i = index % this.pieces.length;
    const fixed = this.fixed[i];
    if (fixed) return fixed;
    const pieces = this.pieces[i] as string[];
    let text = pieces[0] as string;
    for (let k = 1; k < pieces.length; k++) text += this.ids.next() + (pieces[k] as string);
    return Buffer.from(text, 'utf8');
  }
}

/** A push's JSON text cut where stampPush puts ids, by a mark its text does not hold already. */
function splitAtIds(kind: PushKind, push: JsonObject): string[] {
  for (let n = 0; ; n++) {
    const mark = `\u0000${n}\u0000`;
    let places = 0;
    const text = JSON.stringify(
      stampPush(kind, push, {
        next: () => {
          places += 1;
          return mark;
        },
      }),
    );
    // The mark as JSON writes it (its control characters escaped), found where the ids went.
    const pieces = text.split(JSON.stringify(mark).slice(1, -1));
    if (pieces.length === places + 1) return pieces;
  }
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
