// Reading an answer's body up to a cap: the kit's client (answers of the platform) and the mock's
// push client (answers of the customer) both read this way.
import type { Readable } from 'node:stream';

/** A body that was over the cap: how much was read, and what its Content-Length said. */
export interface TooLarge {
  limit: number;
  read: number;
  declared?: number;
}

export interface CappedRead {
  bytes: Buffer;
  /** Bytes that came, those past the cap included. */
  size: number;
  /** The body went past the cap: `bytes` holds what came before it. */
  over: boolean;
}

/**
 * Reads a body up to `limit` bytes; past it, stops reading (the body is destroyed, the connection
 * dropped). By its events rather than `for await`: an async iterator per answer cost more than
 * the rest of reading it. `progress.size` counts the bytes as they come (a stalled body's size).
 */
export function readCapped(
  body: Readable,
  limit: number,
  progress: { size: number } = { size: 0 },
): Promise<CappedRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const onData = (chunk: Buffer) => {
      progress.size += chunk.length;
      if (progress.size <= limit) {
        chunks.push(chunk);
        return;
      }
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', reject);
      // Nothing more is read: a listener stays so that the error of the destroyed body is not unhandled.
      body.on('error', () => {});
      body.destroy();
      resolve({ bytes: Buffer.concat(chunks), size: progress.size, over: true });
    };
    const onEnd = () => resolve({ bytes: Buffer.concat(chunks), size: progress.size, over: false });
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', reject);
  });
}
