// The package root: the engine (runConformance: a whole conformance run in-process, the embedded
// default when no profile is given; runSoak: a soak, likewise), the rules every check is made of,
// types, validators, result codes, the schema walkers, the clause index, the mocks and the
// conformance proxy. Everything of `iot-sms-conformance/schema` (src/schema-entry.ts) is exported
// here too.
export type { CaseMeta, CaseResult, Exchange } from './cases/types.js';
export { KitError, type KitErrorKind } from './core/errors.js';
export {
  isGating,
  type Level,
  type PushKind,
  type RunOutcome,
  type Side,
  type Verdict,
} from './core/terms.js';
export type { RunEvent, RunListener } from './engine/events.js';
export type { ConformanceOptions, LocalTargets, StopRequest } from './engine/options.js';
export type { SpendPlan } from './engine/plan.js';
export type { Shard } from './engine/shard.js';
export { planSpend, runConformance } from './library/run.js';
export { runSoak } from './library/soak.js';
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
export type { RunReport } from './report/types.js';
export {
  ALL_RULES,
  type Finding,
  judgePushExchange,
  judgeSendExchange,
  judgeValue,
  type PushExchange,
  type PushRule,
  RULES,
  type Rule,
  type RuleMeta,
  type SendExchange,
  type SendRule,
  schemaRulesOf,
  TRAFFIC_RULES,
} from './rules/index.js';
// The types, guards, validators, limits and result codes: what `iot-sms-conformance/schema` holds.
export * from './schema-entry.js';
export type {
  SoakEvent,
  SoakListener,
  SoakOptions,
  SoakProgress,
  SoakSpend,
  SoakThresholds,
} from './soak/options.js';
export type {
  DeliveryAccounting,
  SoakErrorKind,
  SoakHistogram,
  SoakInterval,
  SoakReport,
  SoakRuleFindings,
  SoakSide,
  SoakThreshold,
} from './soak/types.js';
export { CLAUSES, type Clause, clause } from './spec/clauses.js';
