// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Several people with the customers' page open at once, each in a browser of their
// own: signed in with code and PIN, or by the one-time link from their mail. Once every
// page listens for events it prints {"event": "ready"} and waits for a line on stdin
// (the Qt test runs the expiry sweep meanwhile); then each page must show the expected
// notices live, as a banner and in the list, without a reload. Each marks one read.
//
// Environment: KEEPSAKE_WEB_URL, KEEPSAKE_WEB_SPKI, WEB_OUT, WEB_PEOPLE =
// [{"name", "code", "pin"} | {"name", "link"}], WEB_EXPECT = {NAME: [album titles]}.
import { env, envJson, faults, listedAlbums, open, pageFetch, person, scenario, signIn, timeout, waitForGo } from './lib.mjs';
import { join } from 'node:path';

const url = env('KEEPSAKE_WEB_URL');

async function visit(browser, who) {
  const one = await person(browser, who.name);
  const { page } = one;
  if (who.link) {
    const response = await open(page, who.link);
    const landed = new URL(response.url());   // after the redirect
    one.landed = landed.pathname + landed.search;
    await page.waitForSelector('#albums', { state: 'visible' });
  } else {
    await signIn(page, url, who.code, who.pin);
  }
  await page.waitForSelector('body[data-live="open"]', { state: 'attached' });
  // A reload would lose this mark.
  await page.evaluate(() => { window.keepsakeMark = 'still the same page'; });
  one.before = (await pageFetch(page, '/web/v1/notices')).body.notices.map((n) => n.id);
  return one;
}

// The page's notices as it lists them, in order.
function listed(page) {
  return page.$$eval('#notice-list > [data-notice]', (items) => items.map((item) => ({
    id: Number(item.dataset.notice),
    subject: item.querySelector('.notice-subject').textContent,
    read: item.classList.contains('read'),
  })));
}

async function live(one, titles) {
  const { page } = one;
  await page.waitForFunction((wanted) => {
    const banners = Array.from(document.querySelectorAll('#live .live-notice'));
    return wanted.every((title) => banners.some((b) => b.textContent.includes(title)));
  }, titles, { timeout });
  const report = { name: one.name, landed: one.landed ?? null };
  report.banners = await page.$$eval('#live .live-notice', (items) => items.map((b) => ({
    id: Number(b.dataset.notice), subject: b.querySelector('.live-subject').textContent,
    text: b.querySelector('.live-text').textContent,
  })));
  report.reloaded = (await page.evaluate(() => window.keepsakeMark)) !== 'still the same page';
  report.ariaLive = await page.getAttribute('#live', 'aria-live');
  report.newIds = report.banners.map((b) => b.id).filter((id) => !one.before.includes(id));
  report.listedBefore = await listed(page);
  return report;
}

// Marks the first new notice read from its list entry; the list then shows the unread
// first, and the device keeps it read.
async function markRead(one, report) {
  const { page } = one;
  const id = report.newIds[0];
  // The banners close with their button (they float over the page's foot).
  for (const close of await page.$$('#live .live-close'))
    await close.click();
  report.bannersLeft = await page.$$eval('#live .live-notice', (items) => items.length);
  await page.click(`#notice-list > [data-notice="${id}"] .mark-read`);
  await page.waitForSelector(`#notice-list > [data-notice="${id}"].read`, { state: 'attached' });
  report.markedRead = id;
  report.listedAfter = await listed(page);
  const stored = (await pageFetch(page, '/web/v1/notices')).body.notices;
  report.storedRead = stored.find((n) => n.id === id)?.read ?? null;
  report.storedOrder = stored.map((n) => ({ id: n.id, read: n.read }));
}

scenario(async (browser, result) => {
  const people = envJson('WEB_PEOPLE', []);
  const expect = envJson('WEB_EXPECT', {});
  result.step = 'open the pages';
  const pages = [];
  for (const who of people)
    pages.push(await visit(browser, who));
  result.albums = {};
  for (const one of pages)
    result.albums[one.name] = await listedAlbums(one.page);

  result.step = 'waiting for the sweep';
  const go = await waitForGo('ready');
  if (go !== 'go')
    throw new Error(`the test said "${go}" instead of go`);

  result.step = 'live notices';
  result.people = {};
  for (const one of pages) {
    const report = await live(one, expect[one.name] || []);
    result.people[one.name] = report;
    await one.page.screenshot({ path: join(env('WEB_OUT'), `notices-${one.name}.png`), fullPage: true });
  }
  result.step = 'mark read';
  for (const one of pages) {
    const report = result.people[one.name];
    if (report.newIds.length)
      await markRead(one, report);
    report.albumsAfter = await listedAlbums(one.page);
    report.faults = faults(one);
  }
});
