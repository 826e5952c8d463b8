// `npm run generate`: writes generated/types.ts from schemas/. The freshness test renders the same
// and compares, so the committed file can never drift from the schemas.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderTypes } from './render-types.js';

const root = join(import.meta.dirname, '..');
writeFileSync(join(root, 'generated', 'types.ts'), await renderTypes());
console.log('wrote generated/types.ts');
