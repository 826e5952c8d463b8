// The shipped test vectors (vectors/*.json) hold: each instance is valid or invalid as it says.
// Other-language teams run the same files; this is the reference run.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { VectorGroup } from '../scripts/render-vectors.js';
import { isMessageType } from '../src/schema/message-types.js';
import { validators } from '../src/validate/validators.js';

const dir = join(import.meta.dirname, '..', 'vectors');

for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  const groups = JSON.parse(readFileSync(join(dir, file), 'utf8')) as VectorGroup[];
  for (const group of groups) {
    describe(group.description, () => {
      const type = group.schema.replace(/\.json$/, '');
      it.each(group.tests)('$description', ({ data, valid }) => {
        expect(isMessageType(type)).toBe(true);
        if (!isMessageType(type)) return;
        expect(validators[type].is(data)).toBe(valid);
      });
    });
  }
}
