// Platforms written elsewhere, as the kit meets them (issue 8): conforming VARIANTS of the mock
// that read the spec differently from it (the suite must pass them), and mutants with defects
// only a foreign platform has (the suite must fail them). All are the real mock with hooks, or
// behind the rewriting proxy.
import type { PlatformHooks } from '../../../src/mock/index.js';

/** A platform that answers `{"resultCode":"0"}` to everything, with `resultLists` absent or empty. */
export function acceptAll(resultLists: 'absent' | 'empty'): PlatformHooks {
  const answer = () =>
    resultLists === 'absent' ? { resultCode: '0' } : { resultCode: '0', resultLists: [] };
  return {
    validate: () => () => [],
    authenticate: () => () => undefined,
    checkTemplates: () => () => undefined,
    buildResponse: () => () => answer(),
    buildFailure: () => () => answer(),
  };
}
