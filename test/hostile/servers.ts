// Broken targets, as small servers: each is broken in one way a real target can be (issue 9).
// Every one answers any path, so it serves as a platform and as a customer's callback endpoints.
import {
  createServer as createHttp,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createSelfSignedCertificate } from '../../src/http/self-signed.js';
import { ENCODINGS } from './encodings.js';

export type HostileKind =
  | 'refused'
  | 'plain-http-for-https'
  | 'self-signed'
  | 'html-500'
  | 'silent'
  | 'reset'
  | 'huge'
  | 'endless'
  | 'endless-trickle'
  | 'slow'
  | 'reflecting'
  | 'accept-all';

export interface Hostile {
  url: string;
  /** Every request body the target received (up to 1 MiB each). */
  received: string[];
  close(): Promise<void>;
}

export interface HostileOptions {
  /** For `slow`: how long each answer takes. */
  delayMs?: number;
  /** For `huge`: the body's size. */
  hugeBytes?: number;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= 1024 * 1024) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

/** An answer that accepts: one "0" per recipient of a send request, "0" for a push. */
function acceptAll(body: string): unknown {
  let parsed: { requestLists?: { mobiles?: unknown[] }[] } | undefined;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const lists = Array.isArray(parsed?.requestLists) ? parsed.requestLists : [];
  let n = 0;
  const resultLists = lists.flatMap((m) =>
    (Array.isArray(m?.mobiles) ? m.mobiles : []).map((mobile) => ({
      mobile,
      resultCode: '0',
      messageId: `m${Date.now()}${n++}`,
    })),
  );
  return { resultCode: '0', resultDesc: 'ok', resultLists };
}

/** The request body echoed in every form of ENCODINGS: in strings, a list, nested objects and headers. */
function reflect(body: string, res: ServerResponse): void {
  const forms = Object.fromEntries(Object.entries(ENCODINGS).map(([name, encode]) => [name, encode(body)]));
  const answer = JSON.stringify({
    resultCode: '100003',
    resultDesc: `you sent ${body}`,
    echoes: Object.values(forms),
    nested: { deeper: { forms } },
  });
  // A target that escapes every non-ASCII character of its answer.
  const escaped = answer.replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  res.writeHead(200, {
    'content-type': JSON_TYPE,
    'x-echo-base64': Buffer.from(body).toString('base64'),
    'x-echo-url': encodeURIComponent(body),
    'set-cookie': `echo=${encodeURIComponent(body)}`,
  });
  res.end(escaped);
}

/** Writes `total` bytes of a JSON string, respecting backpressure, until done or the client leaves. */
function writeHuge(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const head = Buffer.from('{"resultCode":"0","resultDesc":"');
  const tail = Buffer.from('"}');
  res.writeHead(200, { 'content-type': JSON_TYPE, 'content-length': String(total) });
  res.write(head);
  let left = total - head.length - tail.length;
  const pump = () => {
    while (left > 0 && !res.destroyed) {
      const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= piece.length;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end(tail);
  };
  pump();
}

function writeEndless(res: ServerResponse, trickle: boolean): void {
  res.writeHead(200, { 'content-type': JSON_TYPE });
  res.write('{"resultCode":"0","resultDesc":"');
  if (trickle) {
    const timer = setInterval(() => (res.destroyed ? clearInterval(timer) : res.write('a')), 100);
    res.on('close', () => clearInterval(timer));
    return;
  }
  const chunk = Buffer.alloc(64 * 1024, 'a');
  const pump = () => {
    while (!res.destroyed) if (!res.write(chunk)) return void res.once('drain', pump);
  };
  pump();
}

function handler(kind: HostileKind, options: HostileOptions, received: string[]) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (kind === 'silent') return; // reads nothing, answers nothing
    if (kind === 'reset') {
      req.socket.destroy();
      return;
    }
    const body = await readAll(req);
    received.push(body);
    switch (kind) {
      case 'html-500':
        res.writeHead(500, { 'content-type': 'text/html' });
        res.end('<!DOCTYPE html><html><body><h1>500 Internal Server Error</h1></body></html>');
        return;
      case 'huge':
        return writeHuge(res, options.hugeBytes ?? 50 * 1024 * 1024);
      case 'endless':
      case 'endless-trickle':
        return writeEndless(res, kind === 'endless-trickle');
      case 'slow':
        setTimeout(() => {
          res.writeHead(200, { 'content-type': JSON_TYPE });
          res.end(JSON.stringify(acceptAll(body)));
        }, options.delayMs ?? 1000);
        return;
      case 'reflecting':
        return reflect(body, res);
      default:
        res.writeHead(200, { 'content-type': JSON_TYPE });
        res.end(JSON.stringify(acceptAll(body)));
    }
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export async function startHostile(kind: HostileKind, options: HostileOptions = {}): Promise<Hostile> {
  const received: string[] = [];
  if (kind === 'refused') {
    const server = createHttp();
    const port = await listen(server);
    await stop(server);
    return { url: `http://127.0.0.1:${port}`, received, close: async () => {} };
  }
  if (kind === 'self-signed') {
    const { cert, key } = createSelfSignedCertificate({ altNames: ['127.0.0.1', 'localhost'] });
    const server = createHttps({ cert, key }, handler('accept-all', options, received));
    const port = await listen(server);
    return { url: `https://127.0.0.1:${port}`, received, close: () => stop(server) };
  }
  const server = createHttp(
    handler(kind === 'plain-http-for-https' ? 'accept-all' : kind, options, received),
  );
  const port = await listen(server);
  const scheme = kind === 'plain-http-for-https' ? 'https' : 'http';
  return { url: `${scheme}://127.0.0.1:${port}`, received, close: () => stop(server) };
}
