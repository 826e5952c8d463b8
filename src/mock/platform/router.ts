// Which path goes where on the mock platform: /__mock/… to the admin API (admin.ts), the send path
// to the send pipeline (handler.ts), anything else a 404. The transport faults (404, 405, 415, 413)
// are answered with a 4xx and the steps' failure body (D8, D16); every answer is journaled.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SEND_PATH } from '../../core/terms.js';
import { sendJsonText } from '../../http/respond.js';
import { RESULT_CODES } from '../../validate/result-code.js';
import { ADMIN_PREFIX } from '../admin-request.js';
import { readApiBody } from '../transport.js';
import { handlePlatformAdmin } from './admin.js';
import { handleSendTemplateMessage } from './handler.js';
import type { PlatformRuntime } from './runtime.js';

/** One request to an API path, as the journal records it. */
interface Exchange {
  res: ServerResponse;
  method: string;
  path: string;
  contentType: string | undefined;
}

/** What of the request's body the journal keeps: the bytes, and the value when they parsed. */
interface ReceivedBody {
  raw?: Buffer;
  parsed?: { value: unknown };
}

export class PlatformRouter {
  constructor(
    private readonly runtime: PlatformRuntime,
    private readonly selfCheck: boolean,
  ) {}

  async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path.startsWith(ADMIN_PREFIX)) {
      const query = new URLSearchParams(q === -1 ? '' : url.slice(q + 1));
      return handlePlatformAdmin(req, res, path, query, this.runtime);
    }
    const contentType = req.headers['content-type'];
    return this.serveApi(req, { res, method: req.method ?? '', path, contentType });
  }

  private async serveApi(req: IncomingMessage, exchange: Exchange): Promise<void> {
    const { method, path } = exchange;
    if (path !== SEND_PATH)
      return this.fault(exchange, 404, `no such path: ${path}; the API is POST ${SEND_PATH}`);
    if (method !== 'POST')
      return this.fault(exchange, 405, `method ${method} not allowed; use POST (§1.3)`, { Allow: 'POST' });
    const body = await readApiBody(req, exchange.contentType, this.runtime.limits.maxBodyBytes);
    if (body.kind === 'aborted') return;
    if (body.kind === 'fault')
      return this.fault(exchange, body.fault.status, body.fault.desc, body.fault.headers);
    const parsed = this.runtime.steps.parse(body.bytes);
    const answer = handleSendTemplateMessage(this.runtime.steps, parsed, this.selfCheck);
    this.reply(exchange, answer.status, answer.text, { raw: body.bytes, ...(parsed.ok ? { parsed } : {}) });
  }

  /** A transport fault, answered as a 100003 failure through the steps (so hooks shape it too). */
  private fault(exchange: Exchange, status: number, desc: string, headers?: Record<string, string>): void {
    const { steps } = this.runtime;
    const text = steps.serialize(steps.buildFailure({ code: RESULT_CODES.formatError, desc }));
    this.reply(exchange, status, text, undefined, headers);
  }

  private reply(
    exchange: Exchange,
    status: number,
    text: string,
    body?: ReceivedBody,
    headers?: Record<string, string>,
  ): void {
    const { res, method, path, contentType } = exchange;
    sendJsonText(res, status, text, headers);
    this.runtime.log.recordRequest({
      method,
      path,
      contentType,
      raw: body?.raw,
      parsed: body?.parsed,
      status,
      answer: text,
    });
  }
}
