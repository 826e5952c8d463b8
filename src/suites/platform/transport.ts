// §1.1–§1.3 and D16: HTTPS, what the platform does with a body that is not JSON, another method
// or another media type, and that it keeps serving afterwards.
import type { Case, CaseRecorder } from '../../cases/case.js';
import { RULES, WORDS } from '../../rules/index.js';
import { codeKey } from '../../spec/coverage-keys.js';
import { expectAccepted, expectCode, short } from './checks.js';
import { type PlatformContext, platformCase, send, validRequest } from './context.js';

const NOT_JSON = '{"account": this is not JSON';

export const transportCases: Case<PlatformContext>[] = [
  platformCase({
    id: 'platform.transport.https',
    clause: '§1.1 HTTPS',
    level: 'MUST',
    title: 'the platform is served over HTTPS',
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const protocol = new URL(ctx.platform.url).protocol;
      t.check(protocol === 'https:', '§1.1: all interfaces use HTTPS', 'an https:// URL', ctx.platform.url);
      t.note(`served at ${ctx.platform.url}`);
    },
  }),
  platformCase({
    id: 'platform.transport.not-json',
    clause: '§1.2 JSON UTF-8',
    level: 'MUST',
    title: 'a body that is not JSON is not accepted',
    decisions: ['D16'],
    words: [WORDS.json],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const r = await send(ctx, t, NOT_JSON);
      const code = (r.json as { resultCode?: unknown } | undefined)?.resultCode;
      t.check(
        code !== '0' && code !== 0,
        '§1.2: request bodies are JSON; a body that is not JSON cannot be a valid request, yet it was answered "0"',
        'anything but resultCode "0"',
        `HTTP ${r.status}: ${short(r.exchange.response?.body ?? '', 200)}`,
      );
      t.note(`HTTP ${r.status}, resultCode ${JSON.stringify(code)}`);
    },
  }),
  platformCase({
    id: 'platform.transport.not-json.code',
    clause: '§1.2 JSON UTF-8',
    level: 'SHOULD',
    title: 'a body that is not JSON is answered 100003, in JSON',
    decisions: ['D16'],
    covers: [codeKey('100003')],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const r = await send(ctx, t, NOT_JSON);
      expectCode(
        t,
        r,
        ['100003'],
        'D16: a body that is not JSON is a parameter format error, answered in JSON',
      );
    },
  }),
  platformCase({
    id: 'platform.transport.utf8',
    clause: '§1.2 JSON UTF-8',
    level: 'MUST',
    title: "the answer's bytes are UTF-8 (a refusal, whose resultDesc is free text)",
    decisions: ['D22'],
    words: [WORDS.contentType],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      // No requestLists: refused with 100002, and it can reach nobody. Every other answer of the
      // run is held to UTF-8 too (checkJsonAnswer).
      const { requestLists: _none, ...request } = validRequest(ctx.platform);
      const r = await send(ctx, t, request);
      t.assertSend(r.wire, RULES.send.answer.utf8);
      t.note(`HTTP ${r.status}: ${r.exchange.response?.body.length ?? 0} characters of UTF-8`);
    },
  }),
  platformCase({
    id: 'platform.transport.get',
    clause: '§1.3 POST',
    level: 'SHOULD',
    title: 'a GET of the send URL is refused with HTTP 405',
    decisions: ['D16'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const r = await send(ctx, t, '', { method: 'GET' });
      const code = (r.json as { resultCode?: unknown } | undefined)?.resultCode;
      t.check(
        code !== '0',
        '§1.3: the method is POST; a GET was answered "0"',
        'not "0"',
        JSON.stringify(code),
      );
      t.check(r.status === 405, 'D16: a wrong method gets 405', 'HTTP 405', `HTTP ${r.status}`);
    },
  }),
  platformCase({
    id: 'platform.transport.keeps-serving',
    clause: '§2 sendTemplateMessage',
    level: 'MUST',
    title: 'after a body that is not JSON and a GET, a valid request is still accepted',
    decisions: ['D16'],
    words: [WORDS.send],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      await send(ctx, t, NOT_JSON, { label: 'a body that is not JSON' });
      await send(ctx, t, '', { method: 'GET', label: 'a GET' });
      const r = await send(ctx, t, validRequest(ctx.platform), { label: 'a valid request' });
      expectAccepted(
        t,
        r,
        'D16: the platform keeps serving after a malformed request; the next valid one is accepted',
      );
    },
  }),
  platformCase({
    id: 'platform.transport.content-type.no-charset',
    clause: '§1.5 Content-Type',
    level: 'SHOULD',
    title: 'a valid request sent as application/json without charset is accepted',
    decisions: ['D16'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const r = await send(ctx, t, validRequest(ctx.platform), {
        headers: { 'content-type': 'application/json' },
      });
      expectAccepted(t, r, 'D16: application/json without charset is UTF-8 JSON all the same');
    },
  }),
  platformCase({
    id: 'platform.transport.content-type.other',
    clause: '§1.5 Content-Type',
    level: 'INFO',
    title: 'what the platform answers to a valid JSON body sent as text/plain',
    decisions: ['D16'],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      const r = await send(ctx, t, validRequest(ctx.platform), { headers: { 'content-type': 'text/plain' } });
      const code = (r.json as { resultCode?: unknown } | undefined)?.resultCode;
      t.note(
        `HTTP ${r.status}, resultCode ${JSON.stringify(code)}${r.accepted > 0 ? `, ${r.accepted} recipient(s) accepted` : ''} (the mock answers 415)`,
      );
    },
  }),
];
