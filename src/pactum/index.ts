// `iot-sms-conformance/pactum`: the kit's checks as pactum handlers, so a pactum spec against a
// platform (or a customer endpoint) judges answers with the same validators and clause messages as
// the conformance suites. pactum is an optional peer dependency: this module never imports it; the
// user passes the pactum module in.
//
//   import pactum from 'pactum';
//   import { registerPactumHandlers } from 'iot-sms-conformance/pactum';
//   registerPactumHandlers(pactum, { profile: 'target.json' }); // or { platform: mock.profile.platform }
//   await pactum.spec().post(url).withJson({ '@DATA:TEMPLATE@': 'iot-sms:SendTemplateMessageRequest' })
//     .expect('iot-sms:SendTemplateMessageResponse').expect('iot-sms:resultCode', '0')
//     .expect('iot-sms:everyRecipient').wait('iot-sms:statusReport', { url: reportsUrl });
import type { SendTemplateMessageRequest } from '../../generated/types.js';
import {
  type MatcherResult,
  toAnswerEveryRecipientOf,
  toBeValid,
  toHaveResultCode,
} from '../matchers/index.js';
import { loadProfile, type PlatformProfile, requireSecrets } from '../profile/profile.js';
import { MESSAGE_TYPES } from '../schema/message-types.js';
import { validRequest } from '../suites/platform/context.js';
import { validators } from '../validate/validators.js';

/** The parts of pactum this module uses (its `handler` and `stash` exports). */
export interface PactumLike {
  handler: {
    addExpectHandler(name: string, func: (ctx: PactumContext) => void): void;
    addWaitHandler(name: string, func: (ctx: PactumContext) => unknown): void;
  };
  stash: { addDataTemplate(templates: object): void };
}

/** What pactum hands a handler: the request it sent, the response, the handler's data. */
export interface PactumContext {
  req: { url: string; method: string; body?: unknown; data?: unknown };
  res: { statusCode?: number; json?: unknown; body?: unknown; text?: string };
  data?: unknown;
}

/** What the data template needs of a platform profile (docs/profile.md; a mock's `profile.platform` fits). */
export type TemplateSource = Pick<
  PlatformProfile,
  'account' | 'password' | 'signature' | 'templates' | 'mobiles'
>;

export interface PactumHandlerOptions {
  /** A profile file whose platform section gives the data template (its password by `passwordEnv`). */
  profile?: string;
  /** Or the platform section itself. */
  platform?: TemplateSource;
}

/** The names this module registers. */
export const PACTUM_NAMES = {
  resultCode: 'iot-sms:resultCode',
  everyRecipient: 'iot-sms:everyRecipient',
  statusReport: 'iot-sms:statusReport',
  request: 'iot-sms:SendTemplateMessageRequest',
  message: (type: string) => `iot-sms:${type}`,
} as const;

/** The largest admin answer the status-report wait reads. */
const MAX_POLL_BODY = 1024 * 1024;

function body(ctx: PactumContext): unknown {
  return ctx.res.json ?? ctx.res.text ?? ctx.res.body;
}

function assert(result: MatcherResult): void {
  if (!result.pass) throw new Error(result.message());
}

/** The request pactum sent, parsed. */
function sentRequest(ctx: PactumContext): SendTemplateMessageRequest {
  const sent = ctx.req.body ?? ctx.req.data;
  return (typeof sent === 'string' ? JSON.parse(sent) : sent) as SendTemplateMessageRequest;
}

async function boundedJson(url: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(url, { headers });
  const reader = res.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_POLL_BODY) {
      await reader.cancel();
      throw new Error(`${url} answered more than ${MAX_POLL_BODY} bytes`);
    }
    chunks.push(value);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

/** Every object inside a JSON value that looks like a status report for one of `ids`. */
function reportsIn(value: unknown, ids: ReadonlySet<string>, found: Record<string, unknown>[] = []) {
  if (Array.isArray(value)) for (const item of value) reportsIn(item, ids, found);
  else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (
      typeof record.messageId === 'string' &&
      ids.has(record.messageId) &&
      typeof record.status === 'string'
    )
      found.push(record);
    else for (const child of Object.values(record)) reportsIn(child, ids, found);
  }
  return found;
}

interface StatusReportWait {
  /** A JSON endpoint that lists received reports: the mock platform's `/__mock/pushes` or `/__mock/reports`, the mock customer's `/__mock/received`, or your receiver's. */
  url: string;
  /** The messageIds to wait for; default: every messageId of the answer's resultLists. */
  messageIds?: string[];
  timeoutMs?: number;
  intervalMs?: number;
  headers?: Record<string, string>;
}

/** Polls `url` until a valid status report (§4 table 4-2) for each messageId has arrived. */
async function waitForReports(ctx: PactumContext): Promise<Record<string, unknown>[]> {
  const wait = ctx.data as StatusReportWait | undefined;
  if (!wait?.url)
    throw new Error(`${PACTUM_NAMES.statusReport} needs { url } of a JSON list of received reports`);
  const lists = (body(ctx) as { resultLists?: { messageId?: unknown }[] } | undefined)?.resultLists;
  const ids = new Set(
    wait.messageIds ??
      (Array.isArray(lists) ? lists.map((r) => r?.messageId).filter((id) => typeof id === 'string') : []),
  );
  if (ids.size === 0) throw new Error(`${PACTUM_NAMES.statusReport}: no messageId to wait for`);
  const deadline = Date.now() + (wait.timeoutMs ?? 30_000);
  for (;;) {
    const reports = reportsIn(await boundedJson(wait.url, wait.headers ?? {}), ids);
    const seen = new Set(reports.map((r) => r.messageId as string));
    if ([...ids].every((id) => seen.has(id))) {
      for (const report of reports) assert(toBeValid.call(undefined, report, 'NotifyReportMessageRequest'));
      return reports;
    }
    if (Date.now() > deadline)
      throw new Error(
        `no status report within ${wait.timeoutMs ?? 30_000} ms for messageId ${[...ids].filter((id) => !seen.has(id)).join(', ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, wait.intervalMs ?? 200));
  }
}

/** A profile file's platform section, with the one secret the data template sends: its password. */
function templateSource(file: string): TemplateSource | undefined {
  const profile = loadProfile(file);
  if (profile.platform)
    requireSecrets(
      profile,
      ['platform'],
      "the pactum data template (a valid request, the profile's password in it)",
    );
  return profile.platform;
}

/**
 * Registers, on the given pactum module:
 * - an expect handler per message type, `iot-sms:<Type>` (data `{ strict: true }` adds our SHOULD readings);
 * - `iot-sms:resultCode` (data: the code) and `iot-sms:everyRecipient` (data: the request, default: the one sent);
 * - `iot-sms:statusReport`, a wait handler for the status reports of the answer's messageIds;
 * - with a profile, the data template `iot-sms:SendTemplateMessageRequest`: a minimal valid request of it.
 */
export function registerPactumHandlers(pactum: PactumLike, options: PactumHandlerOptions = {}): void {
  for (const type of MESSAGE_TYPES) {
    pactum.handler.addExpectHandler(PACTUM_NAMES.message(type), (ctx) => {
      const strict = (ctx.data as { strict?: boolean } | undefined)?.strict === true;
      assert(toBeValid.call(undefined, body(ctx), type, { strict }));
    });
  }
  pactum.handler.addExpectHandler(PACTUM_NAMES.resultCode, (ctx) => {
    if (typeof ctx.data !== 'string')
      throw new Error(`${PACTUM_NAMES.resultCode} needs the expected code as a string`);
    assert(toHaveResultCode.call(undefined, body(ctx), ctx.data));
  });
  pactum.handler.addExpectHandler(PACTUM_NAMES.everyRecipient, (ctx) => {
    const request = (ctx.data as SendTemplateMessageRequest | undefined) ?? sentRequest(ctx);
    assert(toAnswerEveryRecipientOf.call(undefined, body(ctx), request));
  });
  pactum.handler.addWaitHandler(PACTUM_NAMES.statusReport, waitForReports);
  const platform = options.platform ?? (options.profile ? templateSource(options.profile) : undefined);
  if (platform) {
    // To a sink number when the profile has one (docs/profile.md), else to its first phone.
    const request = validRequest({ sinkMobiles: [], ...platform });
    if (!validators.SendTemplateMessageRequest.is(request))
      throw new Error('the profile gives no valid minimal request (see docs/profile.md)');
    pactum.stash.addDataTemplate({ [PACTUM_NAMES.request]: request });
  }
}
