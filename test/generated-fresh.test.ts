// generated/ (types and validators) and vectors/ are outputs of `npm run generate`: they must be
// exactly what the generator makes of the current schemas, or `npm test` fails.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderOpenApi } from '../scripts/render-openapi.js';
import { renderTypes } from '../scripts/render-types.js';
import { renderValidators } from '../scripts/render-validators.js';
import { renderAllVectors } from '../scripts/render-vectors.js';

const root = join(import.meta.dirname, '..');
const stale = 'is stale: run `npm run generate` and commit the result';

describe('generated output is fresh', () => {
  it(`generated/types.ts ${stale}`, async () => {
    const committed = readFileSync(join(root, 'generated', 'types.ts'), 'utf8');
    expect(committed === (await renderTypes()), `generated/types.ts ${stale}`).toBe(true);
  });

  it(`openapi.json ${stale}`, () => {
    const committed = readFileSync(join(root, 'openapi.json'), 'utf8');
    expect(committed === renderOpenApi(), `openapi.json ${stale}`).toBe(true);
  });

  it('determinism only: rendering the types twice gives the same text (freshness is the test above)', async () => {
    expect(await renderTypes()).toBe(await renderTypes());
  });

  for (const [file, text] of Object.entries(renderValidators())) {
    it(`generated/validators/${file} ${stale}`, () => {
      const committed = readFileSync(join(root, 'generated', 'validators', file), 'utf8');
      expect(committed === text, `generated/validators/${file} ${stale}`).toBe(true);
    });
  }

  for (const [file, text] of Object.entries(renderAllVectors())) {
    it(`vectors/${file} ${stale}`, () => {
      const committed = readFileSync(join(root, 'vectors', file), 'utf8');
      expect(committed === text, `vectors/${file} ${stale}`).toBe(true);
    });
  }
});
