// `iot-sms-conformance/schema`: the messages' types, guards and validators, their limits, and the
// §5.1 result codes, for an application that composes or receives the API's messages (a web
// console, an edge function) and runs no conformance. Nothing it reaches needs Node: no node:
// module, Buffer, HTTP, mock, proxy or engine (the `schema-entry-reaches-no-node` rule of
// .dependency-cruiser.cjs; test/schema-entry.test.ts type-checks it without @types/node and bundles
// it for the browser). The package root exports the same, beside everything that does need Node.
// The messages' types, as generated from the schemas (SmsApiMessages and one interface per message).
export type * from '../generated/types.js';
export {
  type Constraint,
  type ConstraintKeyword,
  constraintsOf,
  type Level as ConstraintLevel,
  limitsOf,
} from './schema/constraints.js';
export { type Detection, detectMessageType } from './schema/detect.js';
export { isMessageType, MESSAGE_TYPES, type MessageType } from './schema/message-types.js';
export { messageSchema, SCHEMA_FILES, type SchemaNode } from './schema/registry.js';
export { type KnownResultCode, RESULT_CODES, resultCodeFor } from './validate/result-code.js';
export {
  type Guard,
  isMtSmsMessage,
  isMtSmsMessageRsp,
  isNamedParameter,
  isNotifyReportMessageRequest,
  isNotifyResponse,
  isNotifySmsMessageRequest,
  isSendTemplateMessageRequest,
  isSendTemplateMessageResponse,
  type MessageValidator,
  validators,
} from './validate/validators.js';
export type { Violation, ViolationKind } from './validate/violation.js';
