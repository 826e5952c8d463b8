// Listening for a mock server: http/listen.ts plus what both mocks add to it. Serving a request is
// async; a fault while serving it (a bug of the mock, a failed self-check, a hook that throws) is
// reported and answered with the mock's JSON 500, and never reaches the process.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ListeningServer, listen, type TlsMaterial } from '../http/listen.js';
import { sendJsonText } from '../http/respond.js';

export interface MockListenOptions {
  host: string;
  port: number;
  tls: TlsMaterial | undefined;
  serve: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** The JSON text answered to a request Node cannot parse as HTTP. */
  malformedBody: string;
  /** The JSON text answered, with HTTP 500, when serving a request failed. */
  internalErrorBody: string;
  /** Errors while serving and errors of the listening socket. */
  onError: (error: Error) => void;
}

export function listenMock(options: MockListenOptions): Promise<ListeningServer> {
  const { serve, onError, internalErrorBody } = options;
  return listen({
    host: options.host,
    port: options.port,
    ...(options.tls ? { tls: options.tls } : {}),
    malformedBody: options.malformedBody,
    onServerError: onError,
    handler: (req, res) => {
      serve(req, res).catch((err: Error) => {
        onError(err);
        sendJsonText(res, 500, internalErrorBody);
      });
    },
  });
}
