// The mock servers: the reference platform and the reference customer endpoint, for the kit's own
// tests, for trying the conformance suites, and (through hooks) for building mutant platforms.
export { type CustomerBehaviour, DEFAULT_BEHAVIOUR, type FailureMode } from './customer/behaviour.js';
export type { ReceivedPush, ReceivedType } from './customer/received.js';
export {
  DEFAULT_REPORT_PATH,
  DEFAULT_UPLINK_PATH,
  type MockCustomer,
  type MockCustomerOptions,
  startMockCustomer,
} from './customer/server.js';
export {
  type AccountConfig,
  ConfigError,
  DEFAULT_PLATFORM_CONFIG,
  type DeliveryConfig,
  loadPlatformConfigFile,
  type PlatformConfig,
  type PlatformConfigInput,
  type RetryConfig,
  resolvePlatformConfig,
  type TemplateConfig,
  type TemplateVariable,
} from './platform/config.js';
export type { RetainedReport } from './platform/delivery.js';
export type { DeliveryFates, FateCounts, FatedReport, ReportFate } from './platform/fates.js';
export type { AcceptedRecipient, PlatformHooks, PlatformSteps, Rejection } from './platform/hooks.js';
export type { JournalEntry, PushEntry, RequestEntry } from './platform/journal.js';
export type { TargetProfile } from './platform/profile.js';
export type { PushAttempt, PushRecord, PushStats } from './platform/retry.js';
export {
  INTERNAL_ERROR_CODE,
  type MockPlatform,
  type MockPlatformOptions,
  SEND_PATH,
  startMockPlatform,
} from './platform/server.js';
export { smsCount } from './platform/templates.js';
