// Plain HTTP calls for the mock servers' tests (undici): any method, headers and body, and the
// answer with its status, Content-Type, text and JSON (undefined when it is not JSON).
import { Agent, type Dispatcher, request } from 'undici';

export const JSON_UTF8 = 'application/json;charset=UTF-8';

export interface HttpAnswer {
  status: number;
  contentType: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: unknown;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  dispatcher?: Dispatcher;
}

/** An agent that accepts the mocks' self-signed certificates. */
export function insecureAgent(): Agent {
  return new Agent({ connect: { rejectUnauthorized: false } });
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends `body` (a string or Buffer as is, anything else as JSON) and reads the whole answer. */
export async function call(url: string, body?: unknown, options: CallOptions = {}): Promise<HttpAnswer> {
  const payload =
    body === undefined
      ? undefined
      : typeof body === 'string' || Buffer.isBuffer(body)
        ? body
        : JSON.stringify(body);
  const res = await request(url, {
    method: (options.method ?? 'POST') as Dispatcher.HttpMethod,
    headers: options.headers ?? { 'content-type': JSON_UTF8 },
    ...(payload !== undefined ? { body: payload } : {}),
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  const text = await res.body.text();
  const contentType = res.headers['content-type'];
  return {
    status: res.statusCode,
    contentType: Array.isArray(contentType) ? contentType[0] : contentType,
    headers: res.headers,
    text,
    json: parseOrUndefined(text),
  };
}
