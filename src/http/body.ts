// Reading a request body with a size limit. Past the limit the rest is read and thrown away (up to
// a hard cap) so that the client, still sending, can read the 413 answer instead of a reset.
import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { kind: 'ok'; bytes: Buffer }
  | { kind: 'too-large'; limit: number }
  | { kind: 'aborted' };

/** How much of an oversized body is drained before the connection is cut (× the limit). */
export const DRAIN_FACTOR = 16;

export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const overflow = () => {
      chunks.length = 0;
      settle({ kind: 'too-large', limit });
    };
    if (Number.isFinite(declared) && declared > limit) overflow();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (settled) {
        if (size > limit * DRAIN_FACTOR) req.socket.destroy();
        return;
      }
      if (size > limit) overflow();
      else chunks.push(chunk);
    });
    req.on('end', () => settle({ kind: 'ok', bytes: Buffer.concat(chunks) }));
    req.on('error', () => settle({ kind: 'aborted' }));
    req.on('close', () => settle({ kind: 'aborted' }));
  });
}
