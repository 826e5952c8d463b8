// `npm run architecture`: draws the kit's dependencies as they are, with dependency-cruiser and the
// project's own configuration (.dependency-cruiser.cjs), collapsed to the layer folders (src/core,
// src/suites, src/report/render, generated, ...), as a mermaid graph that GitHub renders, and writes
// it into docs/architecture.md between the two marker comments. The rest of the page is by hand.
// A test renders the same and compares, so the committed picture never drifts from the tree.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const ROOT = join(import.meta.dirname, '..');
export const ARCHITECTURE_DOC = join(ROOT, 'docs', 'architecture.md');
export const BEGIN =
  '<!-- architecture-graph:begin (npm run architecture writes what is between these lines) -->';
export const END = '<!-- architecture-graph:end -->';

/** One node per folder of src/ (src/report/render apart from src/report), per file directly in src/, and generated/. */
export const COLLAPSE = '^(src/report/render|src/[^/]+|generated)';

/** The mermaid source of the tree's dependencies between the layer folders. */
export async function renderArchitectureGraph(): Promise<string> {
  const options = await extractDepcruiseOptions(join(ROOT, '.dependency-cruiser.cjs'));
  const tsConfig = join(ROOT, 'tsconfig.json');
  const result = await cruise(
    ['src'],
    {
      ...options,
      baseDir: ROOT,
      tsConfig: { fileName: tsConfig },
      // The kit's own modules only: no Node built-ins, npm packages or schemas/*.json.
      includeOnly: '^(src|generated)/',
      collapse: COLLAPSE,
      outputType: 'mermaid',
    },
    {},
    { tsConfig: extractTSConfig(tsConfig) },
  );
  if (typeof result.output !== 'string') throw new Error('dependency-cruiser gave no mermaid text');
  return `${result.output.trimEnd()}\n`;
}

/** The page with `graph` between the markers, as a mermaid code block. */
export function withGraph(page: string, graph: string): string {
  const begin = page.indexOf(BEGIN);
  const end = page.indexOf(END);
  if (begin < 0 || end < begin) throw new Error(`docs/architecture.md lacks the lines ${BEGIN} and ${END}`);
  return `${page.slice(0, begin + BEGIN.length)}\n\`\`\`mermaid\n${graph}\`\`\`\n${page.slice(end)}`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  const page = readFileSync(ARCHITECTURE_DOC, 'utf8');
  writeFileSync(ARCHITECTURE_DOC, withGraph(page, await renderArchitectureGraph()));
  console.log('wrote the dependency graph into docs/architecture.md');
}
