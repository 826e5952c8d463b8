// Running the platform suite against a mock platform (the real one, or a mutant built with its
// hooks, possibly behind a rewriting proxy): start it, make the kit's profile for it, run the
// selected cases through the path the CLI takes (runPlatformSide), stop it; the results come back
// as every output shows them, the password masked.
import type { CaseResult } from '../../../src/cases/types.js';
import { runPlatformSide } from '../../../src/engine/sides.js';
import { type MockPlatform, type MockPlatformOptions, startMockPlatform } from '../../../src/mock/index.js';
import {
  type PlatformProfile,
  type Profile,
  resolveProfile,
  secretsOf,
} from '../../../src/profile/profile.js';
import { OutputMask } from '../../../src/report/render/mask.js';
import { sharedCertificate } from './certificate.js';
import { type ProxyRewrites, startProxy } from './proxy.js';

export interface TargetOptions extends MockPlatformOptions {
  /** How long the kit waits for status reports (the mock delivers after `delivery.delayMs`). */
  statusReportWaitMs: number;
  /** Put a proxy in front of the mock that rewrites what passes (the kit talks to the proxy). */
  proxy?: ProxyRewrites;
}

export interface SuiteRun {
  results: CaseResult[];
  budget: { limit: number; spent: number } | undefined;
  ms: number;
}

type PlatformTarget = Profile & { platform: PlatformProfile };

export const VALID_RUNS_BUDGET = 20;

function profileOf(mock: MockPlatform, statusReportWaitMs: number, baseUrl: string): PlatformTarget {
  const raw = {
    ...mock.profile,
    statusReportWaitMs,
    platform: {
      ...mock.profile.platform,
      // Twice the default's recipients for the valid runs (some fifteen requests of one or two, not
      // eight): a mutant that only some drawn requests reveal (a message without its own
      // messageId, two recipients) is caught whatever values a change of the arbitraries draws.
      validRunsBudget: VALID_RUNS_BUDGET,
      url: baseUrl,
      uplinkTrigger: mock.profile.platform.uplinkTrigger
        ? { url: mock.profile.platform.uplinkTrigger.url.replace(mock.baseUrl, baseUrl) }
        : null,
    },
  };
  const profile = resolveProfile(raw, 'the mock profile');
  if (!profile.platform) throw new Error('the mock profile has no platform');
  return profile as PlatformTarget;
}

export interface RunOptions {
  only?: string;
  runs: number;
  seed: number;
  /** fast-check's replay path of a property counterexample (the CLI's --path). */
  path?: string;
  /** Called with the mock once the run is over, before it closes (its journal, its retained reports). */
  inspect?: (mock: MockPlatform) => void;
}

export async function runAgainstMock(target: TargetOptions, run: RunOptions): Promise<SuiteRun> {
  const { statusReportWaitMs, proxy: rewrites, ...mockOptions } = target;
  const mock = await startMockPlatform({ tls: sharedCertificate(), onError: () => {}, ...mockOptions });
  const proxy = rewrites ? await startProxy(mock.baseUrl, rewrites) : undefined;
  const started = performance.now();
  try {
    const profile = profileOf(mock, statusReportWaitMs, proxy?.baseUrl ?? mock.baseUrl);
    const outcome = await runPlatformSide(profile, {
      seed: run.seed,
      runs: run.runs,
      ...(run.only ? { only: run.only } : {}),
      ...(run.path !== undefined ? { path: run.path } : {}),
      rerun: (id) => `--only ${id} --seed ${run.seed}`,
    });
    // As every output shows them: the run's secrets masked (src/report/render/mask.ts).
    const mask = new OutputMask(secretsOf(profile));
    run.inspect?.(mock);
    return {
      results: outcome.results.map((r) => mask.result(r)),
      budget: outcome.budget,
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await proxy?.close();
    await mock.close({ graceMs: 200 });
  }
}
