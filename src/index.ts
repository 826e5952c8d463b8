// The package root: types, validators, result codes, the schema walkers, the clause index, the
// mocks and the conformance proxy (for wrapping an integration test run in-process).
export type {
  MtSmsMessage,
  MtSmsMessageRsp,
  NamedParameter,
  NotifyReportMessageRequest,
  NotifyResponse,
  NotifySmsMessageRequest,
  SendTemplateMessageRequest,
  SendTemplateMessageResponse,
  SmsApiMessages,
} from '../generated/types.js';
export {
  type MockCustomer,
  type MockCustomerOptions,
  type MockPlatform,
  type MockPlatformOptions,
  startMockCustomer,
  startMockPlatform,
} from './mock/index.js';
export { type ProxyReportInput, proxyReport } from './proxy/report.js';
export { type ProxyOptions, type RunningProxy, startProxy } from './proxy/server.js';
export {
  type Constraint,
  type ConstraintKeyword,
  constraintsOf,
  type Level,
  limitsOf,
} from './schema/constraints.js';
export { type Detection, detectMessageType } from './schema/detect.js';
export { isMessageType, MESSAGE_TYPES, type MessageType } from './schema/message-types.js';
export { messageSchema, SCHEMA_FILES, type SchemaNode } from './schema/registry.js';
export { CLAUSES, type Clause, clause } from './spec/clauses.js';
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
