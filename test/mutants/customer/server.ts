// A small customer endpoint for mutants: it judges a push as a conforming endpoint does (JSON
// media type, JSON body, the MUST rules of the schema, the D18 codes), then lets one defect
// change the answer. Not the mock: just enough honest behaviour for each defect to stand alone.
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { isJsonContentType } from '../../../src/http/content-type.js';
import { PUSH_MESSAGE, type PushKind } from '../../../src/suites/customer/context.js';
import { resultCodeFor } from '../../../src/validate/result-code.js';
import { validators } from '../../../src/validate/validators.js';
import { sharedCertificate } from '../platform/certificate.js';

export const UPLINK_PATH = '/common/sms/notifySmsMessage';
export const REPORT_PATH = '/common/sms/notifyReportMessage';

/** A push as the endpoint received it. */
export interface Incoming {
  kind: PushKind;
  contentType: string | undefined;
  text: string;
  /** The body, when it parsed as a JSON object. */
  body: Record<string, unknown> | undefined;
}

export interface Answer {
  status: number;
  /** null: no Content-Type header at all. */
  contentType: string | null;
  body: string;
  /** Sent instead of `body` when given: bytes, so a defect can break the encoding. */
  bytes?: Buffer;
}

/** What a defect does with a push: answer something, or take the endpoint down without answering. */
export type Outcome = Answer | 'crash';

/** One defect: given the push and the honest answer, the answer the mutant gives. */
export type Defect = (push: Incoming, honest: Answer) => Outcome | Promise<Outcome>;

export interface Endpoint {
  uplinkUrl: string;
  reportUrl: string;
  close(): Promise<void>;
}

export function answer(value: unknown, status = 200): Answer {
  return { status, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(value) };
}

/** The honest refusal of a push (100003 unless said otherwise). */
export function refuse(code = '100003', resultDesc = 'refused'): Answer {
  return answer({ resultCode: code, resultDesc });
}

/** The honest acknowledgement, which defects of the success path change. */
export function isAcknowledgement(a: Answer): boolean {
  return a.status === 200 && a.body === JSON.stringify({ resultCode: '0' });
}

/** The answer of a conforming endpoint. */
export function honestAnswer(push: Incoming): Answer {
  if (!isJsonContentType(push.contentType))
    return answer({ resultCode: '100003', resultDesc: 'not JSON' }, 415);
  if (push.body === undefined) return refuse('100003', 'body is not a JSON object');
  const violations = validators[PUSH_MESSAGE[push.kind]].violations(push.body);
  return violations.length === 0 ? answer({ resultCode: '0' }) : refuse(resultCodeFor(violations));
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts an endpoint with one defect (none: the honest control) on a free port of 127.0.0.1, over
 * HTTPS (tables 3-1 / 4-1) with the test run's self-signed certificate, or over plain HTTP.
 */
export async function startDefective(
  defect: Defect = (_push, honest) => honest,
  options: { plainHttp?: boolean } = {},
): Promise<Endpoint> {
  let down = false;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const kind: PushKind | undefined =
        req.url === UPLINK_PATH ? 'uplink' : req.url === REPORT_PATH ? 'report' : undefined;
      const text = await readText(req);
      if (!kind || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const push: Incoming = {
        kind,
        contentType: req.headers['content-type'],
        text,
        body: parseObject(text),
      };
      const outcome = await defect(push, honestAnswer(push));
      if (outcome === 'crash') {
        down = true;
        server.close();
        server.closeAllConnections();
        return;
      }
      res.writeHead(
        outcome.status,
        outcome.contentType === null ? {} : { 'Content-Type': outcome.contentType },
      );
      res.end(outcome.bytes ?? outcome.body);
    })().catch(() => res.destroy());
  };
  const server = options.plainHttp
    ? createHttpServer(handler)
    : createHttpsServer({ ...sharedCertificate() }, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `${options.plainHttp ? 'http' : 'https'}://127.0.0.1:${port}`;
  return {
    uplinkUrl: `${base}${UPLINK_PATH}`,
    reportUrl: `${base}${REPORT_PATH}`,
    close: () =>
      new Promise<void>((resolve) => {
        if (down) return resolve();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
