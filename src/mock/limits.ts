// The limits the mocks need, read from the schemas (never typed in): the length of a generated
// messageId, of a resultDesc, the range of smsCount, the known status codes.
import type { MessageType } from '../schema/message-types.js';
import { nodeAt, type PathSegment } from '../schema/navigate.js';
import { messageSchema } from '../schema/registry.js';

function schemaNumber(
  type: MessageType,
  path: PathSegment[],
  keyword: 'maxLength' | 'maximum' | 'minimum',
): number {
  const value = nodeAt(messageSchema(type), path)?.[keyword];
  if (typeof value !== 'number') throw new Error(`${type} ${path.join('.')} has no ${keyword}`);
  return value;
}

function knownValues(type: MessageType, path: PathSegment[]): Readonly<Record<string, string>> {
  const known = nodeAt(messageSchema(type), path)?.['x-known-values'];
  if (!known) throw new Error(`${type} ${path.join('.')} lists no known values`);
  return known;
}

export const SCHEMA_LIMITS = {
  /** A messageId the platform returns or generates (§5.5, D2). */
  responseMessageId: schemaNumber('MtSmsMessageRsp', ['messageId'], 'maxLength'),
  responseDesc: schemaNumber('SendTemplateMessageResponse', ['resultDesc'], 'maxLength'),
  recipientDesc: schemaNumber('MtSmsMessageRsp', ['resultDesc'], 'maxLength'),
  reportDesc: schemaNumber('NotifyReportMessageRequest', ['resultDesc'], 'maxLength'),
  notifyDesc: schemaNumber('NotifyResponse', ['resultDesc'], 'maxLength'),
  smsCountMin: schemaNumber('NotifyReportMessageRequest', ['smsCount'], 'minimum'),
  smsCountMax: schemaNumber('NotifyReportMessageRequest', ['smsCount'], 'maximum'),
  account: schemaNumber('SendTemplateMessageRequest', ['account'], 'maxLength'),
  password: schemaNumber('SendTemplateMessageRequest', ['password'], 'maxLength'),
  signature: schemaNumber('MtSmsMessage', ['signature'], 'maxLength'),
  templateId: schemaNumber('MtSmsMessage', ['templateId'], 'maxLength'),
  mobile: schemaNumber('MtSmsMessage', ['mobiles', '[]'], 'maxLength'),
} as const;

/** The §5.2 status codes with their descriptions (D1: the mock platform sends only these). */
export const KNOWN_STATUSES: Readonly<Record<string, string>> = knownValues('NotifyReportMessageRequest', [
  'status',
]);

/** The first `max` code points of `text` (lengths are code points, D7), marked when cut. */
export function fitText(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
