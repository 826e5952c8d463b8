// The HTML report in a real browser: headless Chromium loads it from a file, the DOM it builds has
// the failed case open with its FAIL marker, and a screenshot comes out. Chromium comes from the
// Debian package `chromium`; CI installs it (.ci/run), so there a missing browser is a failure;
// elsewhere the test is skipped with the command that installs it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../src/report/render/html.js';
import { HOSTILE, sampleReport } from './fixtures/reports/sample-report.js';

const CHROMIUM = '/usr/bin/chromium';
const FAILED_CASE = 'platform.limits.requestLists.maxItems.over';
const run = promisify(execFile);

let dir = '';
let page = '';
let profiles = 0;
/** How many fragments the page keeps once for several cases. */
let shared = 0;

/** Runs Chromium headless on the report with a fresh profile each time (no state between runs). */
async function chromium(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const userDataDir = join(dir, `profile-${++profiles}`);
  return run(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${userDataDir}`,
      ...args,
      pathToFileURL(page).href,
    ],
    { timeout: 45_000, maxBuffer: 64 * 1024 * 1024 },
  );
}

function requireChromium(skip: (note: string) => never): void {
  if (existsSync(CHROMIUM)) return;
  if (process.env.CI) {
    throw new Error(`${CHROMIUM} is missing: CI must install the Debian package chromium (.ci/run)`);
  }
  const note = `${CHROMIUM} is not installed (apt-get install -y chromium): the HTML report was not checked in a browser`;
  // The default reporter does not print skip notes; a warning is seen.
  console.warn(`skipped: ${note}`);
  skip(note);
}

describe('the HTML report in headless Chromium', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-chromium-'));
    page = join(dir, 'report.html');
    // The failed case's exchange is held by a passing case too: the page keeps it once, and the
    // open case must show it filled in by the page's script.
    const report = sampleReport();
    const failed = report.cases.find((c) => c.id === FAILED_CASE);
    const passing = report.cases.find((c) => c.verdict === 'pass');
    if (!failed?.exchanges[0] || !passing) throw new Error('the sample report changed');
    passing.exchanges = [failed.exchanges[0]];
    shared = renderHtml(report).match(/<template id="(s\d+)">/g)?.length ?? 0;
    await writeFile(page, renderHtml(report), 'utf8');
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders the failed case open, with its FAIL marker, and the hostile body as text', async (ctx) => {
    requireChromium(ctx.skip);
    const { stdout: dom } = await chromium('--dump-dom');
    const start = dom.search(new RegExp(`<details[^>]*id="case-${FAILED_CASE.replace(/\./g, '\\.')}"[^>]*>`));
    expect(start, 'the failed case is in the rendered DOM').toBeGreaterThan(0);
    const element = dom.slice(start, dom.indexOf('</details>', start));
    const tag = element.slice(0, element.indexOf('>') + 1);
    expect(tag, 'its details element is open').toMatch(/\sopen(="")?[\s>]/);
    expect(element).toContain(FAILED_CASE);
    expect(element).toMatch(/>FAIL\b/);
    // What the case shares with others (its exchange, the clause it quotes) was filled in: it is open.
    expect(shared).toBeGreaterThan(0);
    expect(element).not.toContain('data-ref=');
    expect(element).toMatch(/<h6>Request<\/h6><pre>POST /);
    // The browser parsed the target's markup as text: no element came of it.
    expect(dom).not.toContain(HOSTILE);
    expect(dom).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // The filter script ran (it reveals its controls) and hid nothing.
    expect(dom).toMatch(/<form id="filter" class="filter">/);
    expect(dom).not.toMatch(/<tr class="case[^"]*"[^>]*\shidden/);
  });

  it('takes a non-trivial 1280×2000 screenshot', async (ctx) => {
    requireChromium(ctx.skip);
    const png = join(dir, 'report.png');
    await chromium(`--screenshot=${png}`, '--window-size=1280,2000', '--hide-scrollbars');
    expect(existsSync(png)).toBe(true);
    expect((await stat(png)).size).toBeGreaterThan(50_000);
    const bytes = await readFile(png);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height, big-endian, right after the signature and the chunk header.
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1280, 2000]);
    if (process.env.REPORT_SCREENSHOT) await writeFile(process.env.REPORT_SCREENSHOT, bytes);
  });
});
