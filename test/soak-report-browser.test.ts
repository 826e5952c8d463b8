// The soak HTML report in a real browser: headless Chromium (Debian's `chromium`, driven by
// playwright-core) loads a customer soak's page and a platform soak's (with its delivery
// accounting) from a file, with no console error and no request but the page itself; each plot
// is there, drawn (a non-empty path), titled and described; a target's markup stays text. With
// UPDATE_SCREENSHOTS=1 the platform page's screenshot (of this test's made-up data) is written to
// docs/images/soak-report-fixture.png; docs/soak.md shows a real soak's (docs/images/soak-report.png).
// CI installs chromium (.ci/run), so there a missing browser is a failure; elsewhere the test is
// skipped with the command that installs it.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSoakHtml } from '../src/report/render/soak/html.js';
import { PLOT_IDS } from '../src/report/render/soak/plots.js';
import type { SoakReport } from '../src/soak/types.js';
import { buildSoakReport, customerSoak, platformSoak } from './fixtures/reports/soak-report.js';
import { root } from './helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOT = join(root, 'docs', 'images', 'soak-report-fixture.png');

let dir = '';
let browser: Browser | undefined;

function requireChromium(skip: (note: string) => never): void {
  if (existsSync(CHROMIUM)) return;
  if (process.env.CI) {
    throw new Error(`${CHROMIUM} is missing: CI must install the Debian package chromium (.ci/run)`);
  }
  const note = `${CHROMIUM} is not installed (apt-get install -y chromium): the soak HTML report was not checked in a browser`;
  // The default reporter does not print skip notes; a warning is seen.
  console.warn(`skipped: ${note}`);
  skip(note);
}

interface Opened {
  page: Page;
  errors: string[];
  requests: string[];
  url: string;
}

/** The page loaded from its file, with every console error, uncaught exception and request it gives. */
async function open(name: string, report: SoakReport): Promise<Opened> {
  const file = join(dir, `${name}.html`);
  await writeFile(file, renderSoakHtml(report), 'utf8');
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  const url = pathToFileURL(file).href;
  await page.goto(url, { waitUntil: 'load' });
  return { page, errors, requests, url };
}

/** Each plot: its svg, a drawn path, a title and a text alternative. */
async function expectPlots(page: Page, ids: readonly string[]): Promise<void> {
  expect(await page.locator('svg.plot').count()).toBe(ids.length);
  for (const id of ids) {
    const svg = page.locator(`svg#${id}`);
    expect(await svg.count(), id).toBe(1);
    const paths = await Promise.all(
      (await svg.locator('path.line').all()).map(async (p) => (await p.getAttribute('d')) ?? ''),
    );
    expect(paths.length, id).toBeGreaterThan(0);
    for (const d of paths) expect(d, id).toMatch(/^M[\d.]+ [\d.]+L[\d.]+ [\d.]+/);
    const title = (await svg.locator('title').first().textContent()) ?? '';
    const desc = (await svg.locator('desc').textContent()) ?? '';
    expect(title, id).not.toBe('');
    expect(desc.length, id).toBeGreaterThan(40);
    expect(await svg.getAttribute('aria-label'), id).toBe(`${title}. ${desc}`);
    // Drawn at a size a reader sees.
    const box = await svg.boundingBox();
    expect(box?.width ?? 0, id).toBeGreaterThan(400);
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'soak-report-chromium-'));
});

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the soak HTML report in headless Chromium', () => {
  it('a customer soak: no console error, no request but the page, three plots drawn, markup kept as text', async (ctx) => {
    requireChromium(ctx.skip);
    const { page, errors, requests, url } = await open('customer', customerSoak());
    await expectPlots(page, [PLOT_IDS.rate, PLOT_IDS.latencyOverTime, PLOT_IDS.latency]);
    expect(await page.locator('.gate').textContent()).toMatch(/^soak: FAILED — must-findings/);
    // The finding's actual text held a script element: it is text, no element came of it.
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('#findings').textContent()).toContain('<script>alert(1)</script>');
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
  });

  it('a platform soak: the delivery accounting with examples, four plots, and its screenshot', async (ctx) => {
    requireChromium(ctx.skip);
    const { page, errors, requests, url } = await open('platform', platformSoak());
    await expectPlots(page, [
      PLOT_IDS.rate,
      PLOT_IDS.latencyOverTime,
      PLOT_IDS.latency,
      PLOT_IDS.reportDelay,
    ]);
    const delivery = (await page.locator('#delivery').textContent()) ?? '';
    for (const words of ['Lost3', 'Late17', 'Duplicated5', 'Unknown1', 'm-lost-000001']) {
      expect(delivery.replace(/\s+/g, '')).toContain(words);
    }
    expect(requests).toEqual([url]);
    expect(errors).toEqual([]);
    const png = await page.screenshot({ fullPage: true });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // IHDR: the width, big-endian, right after the signature and the chunk header; the page runs long.
    expect(png.readUInt32BE(16)).toBe(1280);
    expect(png.readUInt32BE(20)).toBeGreaterThan(2000);
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      await mkdir(join(root, 'docs', 'images'), { recursive: true });
      await writeFile(SCREENSHOT, png);
    }
  });

  it('an empty soak (stopped at once, no sample) renders its frames without NaN or Infinity', async (ctx) => {
    requireChromium(ctx.skip);
    const empty = buildSoakReport({
      side: 'platform',
      samples: [],
      ratePerS: 50,
      durationS: 0,
      interrupted: 'SIGINT',
    });
    const html = renderSoakHtml({ ...empty, reportDelay: empty.latency });
    expect(html).not.toMatch(/NaN|Infinity/);
    const { page, errors } = await open('empty', empty);
    expect(await page.locator('svg.plot').count()).toBe(3);
    expect(await page.locator('svg.plot text.empty').count()).toBe(3);
    expect(await page.locator('.gate').textContent()).toBe('soak: FAILED — stopped early: SIGINT');
    expect(errors).toEqual([]);
  });
});
