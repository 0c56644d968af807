// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What every browser scenario shares: Debian's Chromium driven by playwright-core (no
// browser of its own is downloaded), the device's certificate pinned by its SPKI hash,
// one browser context per person (cookies of their own), and one JSON line of results
// on stdout (tst_webpage asserts on it).
import { chromium, devices } from 'playwright-core';
import { createInterface } from 'node:readline';

export function env(name, fallback) {
  const value = process.env[name];
  if (value === undefined || value === '') {
    if (fallback !== undefined)
      return fallback;
    throw new Error(`the environment variable ${name} is not set`);
  }
  return value;
}

export function envJson(name, fallback) {
  const value = process.env[name];
  return value ? JSON.parse(value) : fallback;
}

export const timeout = Number(env('KEEPSAKE_WEB_TIMEOUT', '60000'));

export async function launch() {
  // Only the device's own certificate is accepted (by the hash of its public key):
  // any other certificate still fails, as it would for a customer.
  const spki = env('KEEPSAKE_WEB_SPKI');
  return chromium.launch({
    executablePath: env('KEEPSAKE_CHROMIUM', '/usr/bin/chromium'),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--ignore-certificate-errors-spki-list=${spki}`],
  });
}

// A person at their own browser: a fresh context (cookies, storage) with one page.
// Console errors, uncaught exceptions and CSP refusals are kept for the report.
export async function person(browser, name, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, locale: 'en-GB', ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const who = { name, context, page, consoleErrors: [], pageErrors: [] };
  page.on('console', (message) => {
    if (message.type() === 'error')
      who.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => who.pageErrors.push(String(error && error.stack || error)));
  return who;
}

export const phone = devices['Pixel 7'];

// CSP refusals and script errors: what the Qt test requires to be empty. (A console
// line for a 401 or 403 answer is the browser's own report of a refused request.)
export function faults(who) {
  const csp = who.consoleErrors.filter((line) => /Content Security Policy|Refused to/i.test(line));
  return { csp, pageErrors: who.pageErrors };
}

// Opens a page of the device; an answer that is no HTML page fails at once, with what
// came instead (before the device serves the pages: 401 and a JSON error).
export async function open(page, url) {
  const response = await page.goto(url);
  const type = response.headers()['content-type'] || '';
  if (!response.ok() || !type.startsWith('text/html')) {
    const body = (await response.text().catch(() => '')).slice(0, 300);
    throw new Error(`GET ${response.url()} answered ${response.status()} (${type}) instead of the page: ${body}`);
  }
  await ready(page);
  return response;
}

export async function ready(page) {
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
}

export async function signIn(page, url, code, pin) {
  await open(page, url);
  await page.waitForSelector('#signin-form', { state: 'visible' });
  await page.fill('#signin-code', code);
  await page.fill('#signin-pin', pin);
  await page.click('#signin-submit');
  await page.waitForSelector('#albums', { state: 'visible' });
}

// The albums the page lists, as it shows them.
export async function listedAlbums(page) {
  await page.waitForSelector('#album-list', { state: 'attached' });
  return page.$$eval('#album-list > [data-album]', (items) => items.map((item) => ({
    id: Number(item.dataset.album),
    title: item.querySelector('.album-title')?.textContent ?? '',
    owner: item.querySelector('.owner')?.textContent ?? '',
    expires: item.querySelector('.expires')?.textContent ?? '',
    reason: item.querySelector('.reason')?.textContent ?? '',
    expiring: item.classList.contains('expiring'),
  })));
}

// A request as the page makes it (its cookie, its origin): status and JSON body.
export async function pageFetch(page, path) {
  return page.evaluate(async (p) => {
    const reply = await fetch(p, { credentials: 'same-origin' });
    let body = null;
    try { body = await reply.json(); } catch (e) { body = null; }
    return { status: reply.status, body };
  }, path);
}

// Waits for one line on stdin (the Qt test's go-ahead), after saying what it waits for.
export async function waitForGo(event) {
  process.stdout.write(`${JSON.stringify({ event })}\n`);
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line.trim();
  }
  throw new Error('stdin closed before the go-ahead');
}

// Runs a scenario: its results (and where it failed) as the last line on stdout.
export async function scenario(body) {
  const result = { ok: false, step: 'start' };
  let browser = null;
  try {
    browser = await launch();
    await body(browser, result);
    result.ok = true;
  } catch (error) {
    result.error = String(error && error.message || error);
  } finally {
    if (browser)
      await browser.close().catch(() => undefined);
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exit(result.ok ? 0 : 1);
}
