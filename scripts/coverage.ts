// `npm run coverage [-- test files]`: line and branch coverage of src/, per folder, counting both
// what runs inside the test processes (vitest's v8 provider) and what the built CLI and mocks run
// in child processes (NODE_V8_COVERAGE, inherited by every child). The child coverage is converted
// with the converter vitest itself uses (ast-v8-to-istanbul) through tsc's source maps, so both
// halves land on the same src/*.ts statements and branches and merge by location.
// Writes coverage/summary.md; rebuilds dist/ without source maps at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import astV8ToIstanbul from 'ast-v8-to-istanbul';
import libCoverage, { type CoverageMap, type CoverageMapData } from 'istanbul-lib-coverage';
import { parseAstAsync } from 'vitest/node';

const root = join(import.meta.dirname, '..');
const out = join(root, 'coverage');
const childDir = join(out, 'v8-child');
const inProcessDir = join(out, 'in-process');
const distSrc = join(root, 'dist', 'src');

function step(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  return r.status ?? 1;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(childDir, { recursive: true });
const tsc = join(root, 'node_modules', '.bin', 'tsc');
if (step(tsc, ['-p', 'tsconfig.build.json', '--sourceMap']) !== 0) process.exit(2);

const testStatus = step(
  join(root, 'node_modules', '.bin', 'vitest'),
  [
    'run',
    '--coverage.enabled',
    '--coverage.provider=v8',
    '--coverage.include=src/**',
    '--coverage.reporter=json',
    `--coverage.reportsDirectory=${inProcessDir}`,
    '--coverage.reportOnFailure',
    ...process.argv.slice(2),
  ],
  { ...process.env, NODE_V8_COVERAGE: childDir },
);

interface ScriptCoverage {
  url: string;
  functions: { functionName: string; isBlockCoverage: boolean; ranges: unknown[] }[];
}

/** The child processes' coverage of dist/src, converted to istanbul on the src/*.ts files. */
async function childCoverage(): Promise<CoverageMap> {
  const map = libCoverage.createCoverageMap({});
  const byFile = new Map<string, ScriptCoverage[]>();
  for (const name of readdirSync(childDir)) {
    const data = JSON.parse(readFileSync(join(childDir, name), 'utf8')) as { result: ScriptCoverage[] };
    for (const script of data.result) {
      if (!script.url.startsWith('file://')) continue;
      const file = fileURLToPath(script.url);
      if (!file.startsWith(distSrc + sep) || !file.endsWith('.js')) continue;
      byFile.set(file, [...(byFile.get(file) ?? []), script]);
    }
  }
  for (const [file, scripts] of byFile) {
    const code = readFileSync(file, 'utf8');
    const mapFile = `${file}.map`;
    const sourceMap = existsSync(mapFile) ? JSON.parse(readFileSync(mapFile, 'utf8')) : undefined;
    const ast = await parseAstAsync(code);
    for (const script of scripts) {
      const converted = await astV8ToIstanbul({
        code,
        ast,
        ...(sourceMap ? { sourceMap } : {}),
        coverage: { url: script.url, functions: script.functions as never },
      });
      map.merge(converted as CoverageMapData);
    }
  }
  return map;
}

type Loc = { start: { line: number; column: number | null } };
const at = (l: Loc) => `${l.start.line}:${l.start.column}`;

/**
 * Adds the child counts onto the in-process shape, statement by statement and branch arm by branch
 * arm, matched on where they start (the two conversions differ in where some end, so istanbul's own
 * merge, keyed on start and end, would count such a branch twice). Returns how many child
 * statements and branches found no match.
 */
function addOnto(target: CoverageMap, child: CoverageMap): number {
  let unmatched = 0;
  for (const file of child.files()) {
    if (!target.files().includes(file)) continue;
    const t = target.fileCoverageFor(file).data;
    const c = child.fileCoverageFor(file).data;
    const statements = new Map(Object.entries(t.statementMap).map(([k, l]) => [at(l as Loc), k]));
    for (const [k, l] of Object.entries(c.statementMap)) {
      const key = statements.get(at(l as Loc));
      if (key === undefined) unmatched++;
      else t.s[key] = (t.s[key] ?? 0) + (c.s[k] ?? 0);
    }
    const branches = new Map(Object.entries(t.branchMap).map(([k, b]) => [at(b.loc as Loc), k]));
    for (const [k, b] of Object.entries(c.branchMap)) {
      const key = branches.get(at(b.loc as Loc));
      const arms = key === undefined ? undefined : t.b[key];
      const counts = c.b[k] ?? [];
      if (key === undefined || !arms || arms.length !== counts.length) {
        unmatched++;
        continue;
      }
      t.b[key] = arms.map((n, i) => n + (counts[i] ?? 0));
    }
  }
  return unmatched;
}

interface Counts {
  lines: [number, number];
  branches: [number, number];
}

function byFolder(map: CoverageMap): Map<string, Counts> {
  const folders = new Map<string, Counts>();
  for (const file of map.files()) {
    const rel = relative(root, file);
    if (!rel.startsWith(`src${sep}`)) continue;
    const folder = dirname(rel).split(sep).slice(0, 2).join('/');
    const s = map.fileCoverageFor(file).toSummary();
    const c = folders.get(folder) ?? { lines: [0, 0], branches: [0, 0] };
    c.lines[0] += s.lines.covered;
    c.lines[1] += s.lines.total;
    c.branches[0] += s.branches.covered;
    c.branches[1] += s.branches.total;
    folders.set(folder, c);
  }
  return folders;
}

function pct([covered, total]: [number, number]): string {
  return total === 0 ? '—' : `${((100 * covered) / total).toFixed(1)}% (${covered}/${total})`;
}

function table(inProcess: CoverageMap, all: CoverageMap): string {
  const a = byFolder(inProcess);
  const b = byFolder(all);
  const total = (m: Map<string, Counts>): Counts => {
    const t: Counts = { lines: [0, 0], branches: [0, 0] };
    for (const c of m.values()) {
      t.lines[0] += c.lines[0];
      t.lines[1] += c.lines[1];
      t.branches[0] += c.branches[0];
      t.branches[1] += c.branches[1];
    }
    return t;
  };
  const rows = [...new Set([...a.keys(), ...b.keys()])].sort();
  const empty: Counts = { lines: [0, 0], branches: [0, 0] };
  const line = (name: string, x: Counts, y: Counts) =>
    `| ${name} | ${pct(x.lines)} | ${pct(x.branches)} | ${pct(y.lines)} | ${pct(y.branches)} |`;
  return [
    '| folder | lines, in-process | branches, in-process | lines, with child processes | branches, with child processes |',
    '|---|---|---|---|---|',
    ...rows.map((r) => line(r, a.get(r) ?? empty, b.get(r) ?? empty)),
    line('**all of src/**', total(a), total(b)),
  ].join('\n');
}

const inProcessFile = join(inProcessDir, 'coverage-final.json');
if (!existsSync(inProcessFile)) {
  console.error(`coverage: vitest wrote no ${relative(root, inProcessFile)}`);
  process.exit(2);
}
const inProcess = libCoverage.createCoverageMap(JSON.parse(readFileSync(inProcessFile, 'utf8')));
const all = libCoverage.createCoverageMap(JSON.parse(readFileSync(inProcessFile, 'utf8')));
const unmatched = addOnto(all, await childCoverage());
const summary = `Coverage of src/ (${new Date().toISOString()}, tests exit ${testStatus}; ${unmatched} child statements or branches matched no in-process one)\n\n${table(inProcess, all)}\n`;
writeFileSync(join(out, 'summary.md'), summary);
console.log(`\n${summary}`);

// dist/ as `npm run build` makes it: no source maps.
rmSync(join(root, 'dist'), { recursive: true, force: true });
step(tsc, ['-p', 'tsconfig.build.json']);
process.exit(testStatus);
