// What a Redactor's first use costs in a fresh process, and why src/client/redact.ts compiles its
// big patterns on a 1,000-character subject first (Redactor.ready): V8 runs a new regex in its
// bytecode interpreter until it is hot, except on a subject that long, where it compiles machine
// code at once. For each of the secrets' three big patterns (the whole pattern, the prefix pattern,
// the tail pattern), in fresh processes: the first two runs on a short text as V8 would do them
// (bytecode, then machine code), against one run on the long blank subject and one on the text.
// The text holds a `…`, so it is a two-byte string, which V8 compiles for apart from the blank
// (one-byte) subject: once a pattern has gone to machine code, that second compile is machine code
// too. Then the Redactor itself: its first text() that needs the whole pattern, and its steady cost.
// Run: npm run bench:redaction
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redactor } from '../src/client/redact.js';
import { fixed, machine, median, table } from './format.js';

// Eight characters: the shortest a Redactor masks in free text (FREE_TEXT_MIN_LENGTH).
const SECRETS = ['s3cret-x', 'wr0ng1-y'];
const PATTERNS = ['pattern', 'prefixPattern', 'tailAtCut'] as const;
/** A short text with an encoding mark, the raw password and a `…`: it takes all three patterns. */
const TEXT = '{"password":"s3cret-x","a":"x\\"y…"}';
const PROCESSES = 7;

type PatternName = (typeof PATTERNS)[number];

function patternOf(r: Redactor, name: PatternName): RegExp {
  const re = (r as unknown as Record<PatternName, RegExp | undefined>)[name];
  if (!re) throw new Error(`no ${name}`);
  // A copy of the source: the Redactor's own object stays untouched.
  return new RegExp(re.source, re.flags);
}

function timed(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** In a child: ms for [first, second] run on TEXT, or [blank 1,000, then TEXT] when `long`. */
function child(name: PatternName, long: boolean): number[] {
  const re = patternOf(new Redactor(SECRETS), name);
  const first = long ? ' '.repeat(1000) : TEXT;
  const a = timed(() => {
    re.lastIndex = 0;
    re.test(first);
  });
  const b = timed(() => {
    re.lastIndex = 0;
    re.test(TEXT);
  });
  return [a, b];
}

/** In a child: ms of a fresh Redactor's first text() on TEXT, then the median of 1,000 more. */
function redactorChild(): number[] {
  const r = new Redactor(SECRETS);
  const first = timed(() => r.text(TEXT));
  const more = Array.from({ length: 1000 }, (_, i) => timed(() => r.text(`${TEXT}${i}`)));
  more.sort((x, y) => x - y);
  return [first, more[500] as number];
}

const mode = process.argv[2];
if (mode === 'child') {
  const name = process.argv[3] as PatternName | 'redactor';
  const out = name === 'redactor' ? redactorChild() : child(name, process.argv[4] === 'long');
  process.stdout.write(JSON.stringify(out));
} else {
  const self = fileURLToPath(import.meta.url);
  const run = (...args: string[]): number[] =>
    JSON.parse(
      execFileSync(process.execPath, ['--import', 'tsx', self, 'child', ...args], { encoding: 'utf8' }),
    ) as number[];
  console.log(
    `Redactor: first use in a fresh process, two 8-character secrets, ${PROCESSES} processes each, medians (ms)`,
  );
  console.log(machine());
  const rows: string[][] = [];
  for (const name of PATTERNS) {
    const short: number[][] = [];
    const long: number[][] = [];
    for (let i = 0; i < PROCESSES; i++) {
      short.push(run(name, 'short'));
      long.push(run(name, 'long'));
    }
    const asV8 = median(short.map(([a = 0, b = 0]) => a + b));
    const primed = median(long.map(([a = 0, b = 0]) => a + b));
    rows.push([
      name,
      `${fixed(median(short.map((x) => x[0] ?? 0)), 2)} + ${fixed(median(short.map((x) => x[1] ?? 0)), 2)}`,
      `${fixed(median(long.map((x) => x[0] ?? 0)), 2)} + ${fixed(median(long.map((x) => x[1] ?? 0)), 2)}`,
      `×${fixed(primed / asV8, 2)}`,
    ]);
  }
  console.log(
    table(
      [
        'pattern',
        'first + second run on the text (bytecode, then machine code)',
        'a 1,000-character blank run + the text',
        'primed ÷ as V8 would',
      ],
      rows,
    ),
  );
  const redactor = Array.from({ length: PROCESSES }, () => run('redactor'));
  console.log(
    `a fresh Redactor's first text() on ${JSON.stringify(TEXT)}: ${fixed(median(redactor.map((x) => x[0] ?? 0)), 2)} ms; ` +
      `the same text afterwards: ${fixed(1000 * median(redactor.map((x) => x[1] ?? 0)), 1)} µs`,
  );
}
