// Starting and stopping an HTTP or HTTPS server: listen on host:port (port 0 picks a free one),
// answer malformed HTTP with a JSON 400 instead of Node's bare one, and close gracefully (stop
// accepting, let in-flight requests finish within a grace period, then cut what is left).
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { JSON_CONTENT_TYPE } from './content-type.js';

export interface TlsMaterial {
  cert: string;
  key: string;
}

export interface ListenOptions {
  host: string;
  port: number;
  /** Certificate and key for HTTPS; absent for plain HTTP. */
  tls?: TlsMaterial;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** The JSON text answered, with a 4xx, to a request Node cannot parse as HTTP. */
  malformedBody: string;
  /** Time allowed for a whole request, headers included (slow clients are cut). */
  requestTimeoutMs?: number;
  /** Errors of the listening socket once it listens (e.g. EMFILE on accept); the server keeps going. */
  onServerError?: (error: Error) => void;
}

export interface ListeningServer {
  readonly server: http.Server;
  /** `http(s)://host:port`, with a wildcard host shown as the loopback address. */
  readonly baseUrl: string;
  readonly host: string;
  readonly port: number;
  /** Stops accepting; waits up to `graceMs` for open requests, then closes every connection. */
  close(graceMs?: number): Promise<void>;
}

function clientErrorStatus(code: string | undefined): [number, string] {
  if (code === 'HPE_HEADER_OVERFLOW') return [431, 'Request Header Fields Too Large'];
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return [408, 'Request Timeout'];
  return [400, 'Bad Request'];
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export async function listen(options: ListenOptions): Promise<ListeningServer> {
  const serverOptions: http.ServerOptions = {
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    headersTimeout: Math.min(options.requestTimeoutMs ?? 30_000, 10_000),
    keepAliveTimeout: 5_000,
  };
  const server = options.tls
    ? https.createServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, options.handler)
    : http.createServer(serverOptions, options.handler);

  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, reason] = clientErrorStatus(err.code);
    const body = options.malformedBody;
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${JSON_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  // A TLS handshake that fails (a plain-HTTP client, a bad hello) must not reach the process.
  server.on('tlsClientError', (_err: Error, socket: Socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(options.port, options.host, () => {
      server.off('error', onError);
      // Without a listener an 'error' event would end the process.
      server.on('error', (err: Error) => options.onServerError?.(err));
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const baseUrl = `${options.tls ? 'https' : 'http'}://${displayHost(options.host)}:${address.port}`;

  let closing: Promise<void> | undefined;
  const close = (graceMs = 2_000): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => server.closeAllConnections(), graceMs);
      server.close(() => {
        clearTimeout(timer);
        resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { server, baseUrl, host: options.host, port: address.port, close };
}
