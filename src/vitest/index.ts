// `iot-sms-conformance/vitest`: the conformance suites as vitest tests, the kit's matchers for
// `expect`, and fixtures that start the mocks. vitest is an optional peer dependency: only this
// entry point loads it, never the package root.
import { expect } from 'vitest';
import { type SmsMatchers, smsMatchers } from '../matchers/index.js';

export { type SmsMatchers, smsMatchers } from '../matchers/index.js';
export { type MockFixtures, mockTest } from './fixtures.js';
export { type ConformanceSuiteOptions, conformanceSuite } from './suite.js';

declare module 'vitest' {
  // vitest declares `Matchers<T = any>`: a merged declaration must repeat it exactly.
  // biome-ignore lint/suspicious/noExplicitAny: the type parameter must match vitest's own declaration
  interface Matchers<T = any> extends SmsMatchers<void> {}
}

/** Adds toBeValid, toHaveResultCode and toAnswerEveryRecipientOf to vitest's `expect`. */
export function installSmsMatchers(): void {
  expect.extend(smsMatchers);
}
