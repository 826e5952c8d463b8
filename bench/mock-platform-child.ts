// The servers bench/mock-platform.ts measures, each in its own process (forked with IPC), so the
// load generator does not share their event loop and their memory is their own:
//   mock CONFIG_JSON   the mock platform over plain HTTP, with the configuration given
//   bare               node:http that parses the JSON body and answers a fixed JSON
// It sends { type: 'ready', url } once it listens; on { type: 'memory' } it waits until no report
// is pending, forces a GC (run it with --expose-gc) and answers its memory; on { type: 'stop' } it exits.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type MockPlatform,
  type PlatformConfigInput,
  SEND_PATH,
  startMockPlatform,
} from '../src/mock/index.js';
import { exampleResponse } from './openapi.js';

export type ChildKind = 'mock' | 'bare';

export type ToChild = { type: 'memory' } | { type: 'stop' };

export interface MemoryReport {
  type: 'memory';
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Reports the mock holds for lack of a statusCallback. */
  retained: number;
  journalEntries: number;
  gc: boolean;
}

export type FromChild = { type: 'ready'; url: string } | MemoryReport;

function send(message: FromChild): void {
  process.send?.(message);
}

async function memory(platform: MockPlatform | undefined): Promise<MemoryReport> {
  let retained = 0;
  let journalEntries = 0;
  if (platform) {
    await platform.whenIdle(60_000);
    retained = platform.retainedReports().length;
    journalEntries = platform.journal().length;
  }
  // Twice: the first pass can leave garbage that finalizers released for the second.
  globalThis.gc?.();
  globalThis.gc?.();
  const m = process.memoryUsage();
  return {
    type: 'memory',
    rss: m.rss,
    heapUsed: m.heapUsed,
    heapTotal: m.heapTotal,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    retained,
    journalEntries,
    gc: typeof globalThis.gc === 'function',
  };
}

async function startBare(): Promise<{ url: string; close(): Promise<void> }> {
  const answer = JSON.stringify(exampleResponse());
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let status = 200;
      try {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        status = 400;
      }
      res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(status === 200 ? answer : '{"resultCode":"100002"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${SEND_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const kind = process.argv[2] as ChildKind | undefined;
let platform: MockPlatform | undefined;
let close: () => Promise<void>;
if (kind === 'mock') {
  // startMockPlatform validates the configuration against its schema.
  const config = JSON.parse(process.argv[3] ?? '{}') as PlatformConfigInput;
  platform = await startMockPlatform({ config, tls: false });
  const p = platform;
  close = () => p.close({ graceMs: 100 });
  send({ type: 'ready', url: p.url });
} else if (kind === 'bare') {
  const bare = await startBare();
  close = bare.close;
  send({ type: 'ready', url: bare.url });
} else {
  throw new Error(`mock-platform-child: unknown kind ${String(kind)} (mock | bare)`);
}

process.on('message', (message: ToChild) => {
  if (message.type === 'memory') {
    memory(platform).then(send, (err: Error) => {
      process.stderr.write(`mock-platform-child: ${err.message}\n`);
      process.exit(1);
    });
  } else if (message.type === 'stop') {
    close().finally(() => process.exit(0));
  }
});
// The parent going away (killed, crashed) takes this process with it.
process.on('disconnect', () => process.exit(0));
