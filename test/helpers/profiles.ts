// The smallest profiles the kit accepts, for tests that point it at a target: the mock platform's
// default account, signature and template, one phone. One place, so a new required profile field
// is added once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The `platform` part of a profile for `url`; `overrides` replace or add fields. */
export function testPlatform(url: string, overrides: Record<string, unknown> = {}) {
  return {
    url,
    account: 'acme',
    password: 's3cret',
    signature: '【ACME】',
    templates: [{ id: 'tpl_plain' }],
    mobiles: ['8613600000000'],
    maxAcceptedMessages: 10,
    ...overrides,
  };
}

/** A whole profile for `url` with a short timeout; `extra` adds top-level fields. */
export function testProfile(url: string, extra: Record<string, unknown> = {}) {
  return { platform: testPlatform(url), timeoutMs: 1500, ...extra };
}

/** Writes a profile file (a string as it is, anything else as JSON) and gives its path. */
export function writeProfile(dir: string, name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}
