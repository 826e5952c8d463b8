// An HTTPS proxy in front of a mock platform, for the defects the mock's hooks cannot reach (the
// headers of an answer, the uplink the admin API pushes): it forwards every request and lets a
// mutant rewrite the request body or the answer's headers on the way.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, request } from 'undici';
import { readBody } from '../../../src/http/body.js';
import { listen } from '../../../src/http/listen.js';
import { sharedCertificate } from './certificate.js';

export interface ProxyAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ProxyRewrites {
  /** The request body as forwarded, given the path. */
  request?: (path: string, body: string) => string;
  /** The answer's headers as returned, given the path. */
  headers?: (path: string, headers: Record<string, string>) => Record<string, string>;
  /** The answer's HTTP status as returned, given the path and the answer's body. */
  status?: (path: string, status: number, body: string) => number;
  /** The answer's body bytes as returned, given the path (bytes: a mutant may break the encoding). */
  answer?: (path: string, body: Buffer) => Buffer;
  /** An answer the proxy gives itself, without forwarding (undefined: forward). */
  intercept?: (method: string, path: string, headers: Record<string, string>) => ProxyAnswer | undefined;
}

export interface Proxy {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startProxy(targetBaseUrl: string, rewrites: ProxyRewrites): Promise<Proxy> {
  const agent = new Agent({ connect: { rejectUnauthorized: false } });
  const forward = async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    const body = await readBody(req, 4 * 1024 * 1024);
    // The bytes as they came (a body that is not UTF-8 stays so), unless a mutant rewrites the text.
    const bytes = body.kind === 'ok' ? body.bytes : Buffer.alloc(0);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === 'string' && !/^(host|content-length|connection)$/i.test(k)) headers[k] = v;
    const method = req.method ?? 'GET';
    const own = rewrites.intercept?.(method, path, headers);
    if (own) {
      res.writeHead(own.status, { ...own.headers, 'content-length': String(Buffer.byteLength(own.body)) });
      res.end(own.body);
      return;
    }
    const answer = await request(`${targetBaseUrl}${path}`, {
      method: method as 'POST',
      headers,
      body:
        method === 'GET' || method === 'HEAD'
          ? null
          : rewrites.request
            ? rewrites.request(path, bytes.toString('utf8'))
            : bytes,
      dispatcher: agent,
    });
    const answered = Buffer.from(await answer.body.arrayBuffer());
    const out = rewrites.answer?.(path, answered) ?? answered;
    let outHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(answer.headers))
      if (typeof v === 'string' && !/^(content-length|connection|keep-alive|transfer-encoding)$/i.test(k))
        outHeaders[k] = v;
    outHeaders = rewrites.headers?.(path, outHeaders) ?? outHeaders;
    const status = rewrites.status?.(path, answer.statusCode, out.toString('utf8')) ?? answer.statusCode;
    res.writeHead(status, { ...outHeaders, 'content-length': String(Buffer.byteLength(out)) });
    res.end(out);
  };
  const server = await listen({
    host: '127.0.0.1',
    port: 0,
    tls: sharedCertificate(),
    malformedBody: '{"resultCode":"100003"}',
    handler: (req, res) => {
      forward(req, res).catch(() => {
        res.writeHead(502);
        res.end();
      });
    },
  });
  return {
    baseUrl: server.baseUrl,
    async close() {
      await server.close(200);
      await agent.close();
    },
  };
}
