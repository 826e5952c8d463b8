// §2 "此接口可以下发单条消息，也可以下发多条消息" (one call sends one message or many): a request
// of several messages as real senders batch them, each with its own template (every one of the
// profile's in turn), values, messageId or none, extCode or none, to different numbers. Every
// message must be accepted and answered: each result names a recipient, one messageId generated for
// each message without (§5.4, §5.5); the customer's messageId in every recipient's result is D19's
// reading (platform.responses.messageId.echo, SHOULD). Judged by the largest legal batch, 20
// messages (the at-limit request of limits.ts, mixed so: traffic.ts), when it was sent and
// accepted; else by a batch of its own of four to eight messages.
import type { Case, CaseRecorder } from '../../cases/case.js';
import { RULES, WORDS } from '../../rules/index.js';
import { nodeAt } from '../../schema/navigate.js';
import { messageSchema } from '../../schema/registry.js';
import { codeKey } from '../../spec/coverage-keys.js';
import { BATCH_READERS } from './batch-readers.js';
import { expectAccepted } from './checks.js';
import { type PlatformContext, platformCase, send, validRequest } from './context.js';
import { acceptedLargestBatch } from './limits.js';
import { type JsonObject, mixedMessages, uniqueId } from './values.js';

/** Messages of the batch: every template of the profile, at least four, at most eight (each costs a recipient). */
const FEWEST = 4;
const MOST = 8;

const P = RULES.send.recipients;

/** What a batch mixes, in words. */
function describe(request: JsonObject): string {
  const messages = (request.requestLists ?? []) as JsonObject[];
  const templates = new Set(messages.map((m) => m.templateId));
  const own = messages.filter((m) => m.messageId !== undefined).length;
  const ext = messages.filter((m) => m.extCode !== undefined).length;
  return `${messages.length} messages, ${templates.size} template(s), ${own} with the customer's messageId and ${messages.length - own} without, ${ext} with an extCode`;
}

export const batchCases: Case<PlatformContext>[] = [
  platformCase({
    id: BATCH_READERS.batch,
    clause: '§2 sendTemplateMessage',
    level: 'MUST',
    title:
      'a request of several messages with different templates, values, messageIds and extCodes is accepted, each message answered',
    decisions: ['D19'],
    words: [WORDS.batch, WORDS.recipient, WORDS.generated],
    covers: [
      codeKey('0'),
      '§2 SendTemplateMessageRequest.requestLists',
      '§5.4 MtSmsMessage.templateId',
      '§5.4 MtSmsMessage.messageId',
      '§5.4 MtSmsMessage.extCode',
    ],
    async run(ctx: PlatformContext, t: CaseRecorder) {
      // What §5.5's words say of every message: a number of the request, a generated id where there
      // was none. The customer's id in every recipient's result rests on one result per recipient,
      // a reading (D19): platform.responses.messageId.echo, SHOULD.
      const batch = await acceptedLargestBatch(ctx, t);
      if (batch) {
        t.assertSend(batch.result.wire, P.mobile, P.messageIdGenerated);
        t.note(`accepted: the largest legal batch, ${describe(batch.request)}`);
        return;
      }
      const most = Math.min(
        MOST,
        nodeAt(messageSchema('SendTemplateMessageRequest'), ['requestLists'])?.maxItems ?? MOST,
      );
      const count = Math.min(most, Math.max(FEWEST, ctx.platform.templates.length));
      const request = validRequest(ctx.platform, {
        requestLists: mixedMessages(ctx, count),
        requestId: uniqueId(ctx, 20),
      });
      const r = await send(ctx, t, request);
      expectAccepted(
        t,
        r,
        `§2: one request may send many messages (此接口…也可以下发多条消息), and each MtSmsMessage names its own template (§5.4); ${describe(request)}`,
      );
      t.assertSend(r.wire, P.mobile, P.messageIdGenerated);
      t.note(`accepted: ${describe(request)}, ${r.accepted} recipient(s)`);
    },
  }),
];
