// The transport checks both mocks make of a request to an API path, once the path and the method
// are right: a JSON Content-Type (§1.5, else 415) and a body within the limit (else 413, and the
// connection is closed). Each mock words its own 404 and 405; these two faults are worded alike,
// so they are decided here once and each mock answers them in its own body.
import type { IncomingMessage } from 'node:http';
import { readBody } from '../http/body.js';
import { isJsonContentType } from '../http/content-type.js';

/** A request refused before its body is read as JSON: the HTTP status, why, and extra headers. */
export interface TransportFault {
  status: number;
  desc: string;
  headers?: Record<string, string>;
}

export type ApiBody =
  | { kind: 'ok'; bytes: Buffer }
  | { kind: 'fault'; fault: TransportFault }
  | { kind: 'aborted' };

export async function readApiBody(
  req: IncomingMessage,
  contentType: string | undefined,
  maxBodyBytes: number,
): Promise<ApiBody> {
  if (!isJsonContentType(contentType))
    return {
      kind: 'fault',
      fault: { status: 415, desc: 'Content-Type must be application/json;charset=UTF-8 (§1.5)' },
    };
  const body = await readBody(req, maxBodyBytes);
  if (body.kind !== 'too-large') return body;
  const desc = `body larger than ${body.limit} bytes`;
  return { kind: 'fault', fault: { status: 413, desc, headers: { Connection: 'close' } } };
}
