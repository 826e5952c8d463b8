// `npm run generate`: writes generated/types.ts, generated/validators/*.ts, vectors/*.json and
// openapi.json from schemas/ (and examples/, docs/spec-decisions.md), and the spending figures of
// docs/profile.md from the plan.
// The freshness tests render the same and compare, so committed output never drifts.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOpenApi } from './render-openapi.js';
import { PROFILE_DOC, renderSpendFigures, withFigures } from './render-spend-figures.js';
import { renderTypes } from './render-types.js';
import { renderValidators } from './render-validators.js';
import { renderAllVectors } from './render-vectors.js';

const root = join(import.meta.dirname, '..');
writeFileSync(join(root, 'generated', 'types.ts'), await renderTypes());
console.log('wrote generated/types.ts');
mkdirSync(join(root, 'generated', 'validators'), { recursive: true });
for (const [file, text] of Object.entries(renderValidators()))
  writeFileSync(join(root, 'generated', 'validators', file), text);
console.log('wrote generated/validators/*.ts');
mkdirSync(join(root, 'vectors'), { recursive: true });
for (const [file, text] of Object.entries(renderAllVectors()))
  writeFileSync(join(root, 'vectors', file), text);
console.log('wrote vectors/*.json');
writeFileSync(join(root, 'openapi.json'), renderOpenApi());
console.log('wrote openapi.json');
writeFileSync(PROFILE_DOC, withFigures(readFileSync(PROFILE_DOC, 'utf8'), await renderSpendFigures()));
console.log('wrote the spending figures of docs/profile.md');
