// The HTML report in a real browser: headless Chromium (Debian's `chromium`, driven by
// playwright-core) loads it from a file with no console error; the failed case is open with its
// FAIL marker and its exchange; a passing case, opened, unpacks its details (packed-bodies.ts);
// a screenshot comes out. Both on the renderers' sample report (a hostile body, every verdict) and
// on the report the embedded default run writes. CI installs chromium (.ci/run), so there a
// missing browser is a failure; elsewhere the test is skipped with the command that installs it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../src/report/render/html.js';
import { HOSTILE, sampleReport } from './fixtures/reports/sample-report.js';
import { cli } from './helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const FAILED_CASE = 'platform.limits.requestLists.maxItems.over';
const run = promisify(execFile);

let dir = '';
let browser: Browser | undefined;

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

/** The page loaded from its file, with every console error and uncaught exception it gives. */
async function open(file: string): Promise<{ page: Page; errors: string[] }> {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 2000 } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(file).href);
  return { page, errors };
}

/** The CSS selector of a case's details element (ids hold dots). */
function caseSelector(id: string): string {
  return `details.case[id="case-${id}"]`;
}

/** Opens a case as a reader does (a click on its summary) and gives its details' text once unpacked (as in the DOM: headings are upper-cased by CSS only). */
async function openCase(page: Page, id: string): Promise<string> {
  const details = page.locator(caseSelector(id));
  await details.locator('summary').click();
  // An expression the page evaluates (this file is type-checked without the DOM's types).
  await page.waitForFunction(
    `document.querySelector(${JSON.stringify(caseSelector(id))})?.querySelector('[data-packed]') === null`,
    undefined,
    { timeout: 10_000 },
  );
  return (await details.textContent()) ?? '';
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-chromium-'));
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the sample report in headless Chromium', () => {
  let file = '';
  beforeAll(async () => {
    file = join(dir, 'sample.html');
    await writeFile(file, renderHtml(sampleReport()), 'utf8');
  });

  it('loads with no console error, the failed case open with its exchange, the hostile body as text', async (ctx) => {
    requireChromium(ctx.skip);
    const { page, errors } = await open(file);
    const failed = page.locator(caseSelector(FAILED_CASE));
    expect(await failed.getAttribute('open')).not.toBeNull();
    const text = (await failed.textContent()) ?? '';
    expect(text).toMatch(/\bFAIL\b/);
    expect(text).toMatch(/Request\s*POST https:\/\//);
    // The failed case is written out: it needs no script to be read.
    expect(await failed.locator('[data-packed]').count()).toBe(0);
    // The browser parsed the target's markup as text: no element came of it.
    expect(await page.locator('script').count()).toBe(2);
    expect(await page.content()).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await page.content()).not.toContain(HOSTILE);
    // The filter script ran (it reveals its controls) and hid nothing.
    expect(await page.locator('#filter').isVisible()).toBe(true);
    expect(await page.locator('tr.case[hidden]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('unpacks a passing case when it is opened', async (ctx) => {
    requireChromium(ctx.skip);
    const { page, errors } = await open(file);
    const passing = sampleReport().cases.find((c) => c.verdict === 'pass' && c.exchanges.length > 0);
    if (!passing) throw new Error('the sample report has no passing case with an exchange');
    expect(await page.locator(`${caseSelector(passing.id)} [data-packed]`).count()).toBe(1);
    const text = await openCase(page, passing.id);
    expect(text).toContain('Exchanges');
    expect(text).toContain(passing.exchanges[0]?.request.url);
    expect(errors).toEqual([]);
  });

  it('takes a non-trivial 1280×2000 screenshot', async (ctx) => {
    requireChromium(ctx.skip);
    const { page } = await open(file);
    const png = await page.screenshot();
    expect(png.length).toBeGreaterThan(50_000);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: width and height, big-endian, right after the signature and the chunk header.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1280, 2000]);
    if (process.env.REPORT_SCREENSHOT) await writeFile(process.env.REPORT_SCREENSHOT, png);
  });
});

describe("the embedded default run's report in headless Chromium", () => {
  let file = '';
  beforeAll(async () => {
    const reports = join(dir, 'embedded');
    await run(process.execPath, [cli, 'run', '--seed', '1', '--report-dir', reports, '--no-color'], {
      timeout: 280_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    file = join(reports, 'report.html');
  }, 300_000);

  it('is at most 400 KB, loads with no console error, and every case opens with its details', async (ctx) => {
    requireChromium(ctx.skip);
    expect((await readFile(file)).length).toBeLessThanOrEqual(400 * 1024);
    const { page, errors } = await open(file);
    // "Expand all" opens every case: each is unpacked, none is left a placeholder.
    await page.locator('#expand-all').click();
    await page.waitForFunction("document.querySelectorAll('[data-packed]').length === 0", undefined, {
      timeout: 20_000,
    });
    const opened = await page.locator('details.case[open] h4').allTextContents();
    expect(opened.filter((h) => h === 'Requirement').length).toBe(await page.locator('details.case').count());
    const text = (await page.locator(caseSelector('platform.reports.arrive')).textContent()) ?? '';
    expect(text).toMatch(/Request\s*POST https:\/\/127\.0\.0\.1:\d+\/common\/sms\/sendTemplateMessage/);
    expect(errors).toEqual([]);
  }, 60_000);
});
