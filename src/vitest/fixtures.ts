// vitest fixtures that start the kit's mock platform and mock customer endpoint for one test and
// stop them after it, so an application team tests its own client or callback code in a few lines:
//
//   import { mockTest as test } from 'iot-sms-conformance/vitest';
//   test('sends', async ({ mockPlatform }) => { await mySender(mockPlatform.url); ... });
//
// Options are fixtures too: `test.override({ mockPlatformOptions: { tls: false } })`.
import { test as base } from 'vitest';
import {
  type MockCustomer,
  type MockCustomerOptions,
  type MockPlatform,
  type MockPlatformOptions,
  startMockCustomer,
  startMockPlatform,
} from '../mock/index.js';

export interface MockFixtures {
  mockPlatformOptions: MockPlatformOptions;
  mockCustomerOptions: MockCustomerOptions;
  /** A mock platform started for this test (HTTPS with a self-signed certificate by default). */
  mockPlatform: MockPlatform;
  /** A mock customer endpoint started for this test (plain HTTP by default). */
  mockCustomer: MockCustomer;
}

export const mockTest = base.extend<MockFixtures>({
  mockPlatformOptions: {},
  mockCustomerOptions: {},
  mockPlatform: async ({ mockPlatformOptions }, use) => {
    const platform = await startMockPlatform(mockPlatformOptions);
    try {
      await use(platform);
    } finally {
      await platform.close({ graceMs: 200 });
    }
  },
  mockCustomer: async ({ mockCustomerOptions }, use) => {
    const customer = await startMockCustomer(mockCustomerOptions);
    try {
      await use(customer);
    } finally {
      await customer.close({ graceMs: 200 });
    }
  },
});
