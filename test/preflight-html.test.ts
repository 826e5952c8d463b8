// Exit code 3 "answered an HTML page" is for a target that really serves a web page, judged by the
// body: a JSON API that labels its answers text/html is testable (its Content-Type cases fail,
// exit 1), and an HTML page labelled application/json is still no API (exit 3).
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../src/client/http.js';
import { KitError } from '../src/core/errors.js';
import { probe } from '../src/engine/preflight.js';
import { isHtmlPage } from '../src/http/html.js';
import { runCli } from './helpers/cli.js';
import { listenLocal } from './helpers/local-servers.js';
import { testProfile, writeProfile } from './helpers/profiles.js';

const dir = mkdtempSync(join(tmpdir(), 'iot-sms-html-'));

describe('isHtmlPage', () => {
  it.each([
    '<!DOCTYPE html><html><body>Bad Gateway</body></html>',
    '<!doctype HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">',
    '\uFEFF  \r\n<html>\n<head><title>502</title></head>',
    '<?xml version="1.0"?>\n<!-- proxy -->\n<html xmlns="http://www.w3.org/1999/xhtml">',
    '<head><meta charset="utf-8"></head>',
    '<body><h1>Forbidden</h1></body>',
    '<h1>Bad Request</h1>',
    '<title>Login</title>',
  ])('%j is a page', (text) => {
    expect(isHtmlPage(text)).toBe(true);
  });

  it.each([
    '{"resultCode":"100002","resultDesc":"<html> is not a field"}',
    '  {"resultCode":"0"}',
    '',
    'Bad Gateway',
    '<resultCode>0</resultCode>',
    '<htmlish>',
  ])('%j is not a page', (text) => {
    expect(isHtmlPage(text)).toBe(false);
  });
});

/** A target that answers every request with `body` under `contentType` (null: no header). */
async function target(contentType: string | null, body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, contentType === null ? {} : { 'content-type': contentType });
      res.end(body);
    });
  });
  return { url: await listenLocal(server), server };
}

const JSON_REFUSAL = '{"resultCode":"100002","resultDesc":"requestLists is missing"}';
const PAGE = '\n<!DOCTYPE html>\n<html><body><h1>502 Bad Gateway</h1></body></html>';

const servers: Server[] = [];
let jsonAsHtml: string;
let pageAsJson: string;
let pageNoHeader: string;

beforeAll(async () => {
  const made = await Promise.all([
    target('text/html;charset=UTF-8', JSON_REFUSAL),
    target('application/json;charset=UTF-8', PAGE),
    target(null, PAGE),
  ]);
  servers.push(...made.map((m) => m.server));
  [jsonAsHtml, pageAsJson, pageNoHeader] = made.map((m) => m.url) as [string, string, string];
});

afterAll(async () => {
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  rmSync(dir, { recursive: true, force: true });
});

describe('probe', () => {
  const http = new HttpClient({ timeoutMs: 2_000, tls: {} });
  afterAll(() => http.close());

  it('lets a JSON answer under text/html through: the cases judge its Content-Type', async () => {
    await expect(probe(http, `${jsonAsHtml}/common/sms/sendTemplateMessage`)).resolves.toBeUndefined();
  });

  it.each([
    ['under application/json', () => pageAsJson],
    ['without a Content-Type', () => pageNoHeader],
  ])('stops at an HTML page %s', async (_label, url) => {
    const err = await probe(http, `${url()}/common/sms/sendTemplateMessage`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KitError);
    expect((err as KitError).kind).toBe('unreachable');
    expect(String((err as Error).message)).toContain('answered an HTML page');
  });
});

describe('the platform command', () => {
  it('runs the suite against JSON under text/html and fails it (exit 1, not 3)', async () => {
    const r = await runCli([
      'platform',
      '--profile',
      writeProfile(dir, 'json-as-html.json', testProfile(jsonAsHtml)),
      '--only',
      'platform.required.account.missing',
      '--no-color',
    ]);
    // The code is the one the case asks for: only the Content-Type fails it.
    expect(r.stderr).not.toContain('HTML page');
    expect(r.stdout).toMatch(/FAIL\s+MUST\s+platform\.required\.account\.missing/);
    expect(r.stdout).toContain('no JSON Content-Type');
    expect(r.code).toBe(1);
  });

  it('stops at an HTML page under application/json (exit 3)', async () => {
    const r = await runCli([
      'platform',
      '--profile',
      writeProfile(dir, 'page-as-json.json', testProfile(pageAsJson)),
    ]);
    expect(r.stderr).toContain('answered an HTML page');
    expect(r.code).toBe(3);
  });
});
