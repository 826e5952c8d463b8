/** The eight messages of the API, by the TypeScript name each schema's `title` gives it. */
export const MESSAGE_TYPES = [
  'SendTemplateMessageRequest',
  'SendTemplateMessageResponse',
  'MtSmsMessage',
  'MtSmsMessageRsp',
  'NamedParameter',
  'NotifySmsMessageRequest',
  'NotifyReportMessageRequest',
  'NotifyResponse',
] as const;

export type MessageType = (typeof MESSAGE_TYPES)[number];

export function isMessageType(name: string): name is MessageType {
  return (MESSAGE_TYPES as readonly string[]).includes(name);
}
