// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// One customer at the customers' page: a wrong PIN first (when WEB_WRONG_PIN is set),
// then signs in with code and PIN, lists the albums, opens some (thumbnails), downloads
// a photo and an album's zip through the page's links, asks for albums they may not
// see through the page's own fetch and by address, and signs out.
//
// Environment: KEEPSAKE_WEB_URL, KEEPSAKE_WEB_SPKI, WEB_CODE, WEB_PIN, WEB_WRONG_PIN,
// WEB_OPEN (album ids, comma-separated), WEB_DOWNLOAD (an album id: its first photo
// and its zip), WEB_REFUSED (album ids), WEB_SECOND_TAB (set: a second tab's stream
// ends at sign-out), WEB_OUT (folder for the downloads).
import { env, faults, listedAlbums, open, pageFetch, person, scenario, signIn, timeout } from './lib.mjs';
import { join } from 'node:path';

const url = env('KEEPSAKE_WEB_URL');
const ids = (name) => env(name, '').split(',').filter(Boolean).map(Number);

async function wrongPin(page, result) {
  result.step = 'wrong PIN';
  await open(page, url);
  await page.fill('#signin-code', env('WEB_CODE'));
  await page.fill('#signin-pin', env('WEB_WRONG_PIN'));
  await page.click('#signin-submit');
  await page.waitForSelector('#signin-error', { state: 'visible' });
  result.wrongPin = { message: await page.textContent('#signin-error'), me: (await pageFetch(page, '/web/v1/me')).status };
}

async function openAlbum(page, id) {
  await page.click(`#album-list > [data-album="${id}"] .album-open`);
  await page.waitForSelector('#album', { state: 'visible' });
  await page.waitForFunction((albumId) => {
    const items = document.querySelectorAll('#photo-grid > [data-photo]');
    return document.querySelector('#album-download').getAttribute('href').includes(`/albums/${albumId}/`)
      && (items.length > 0 || !document.querySelector('#album-empty').hidden);
  }, id);
  // Every thumbnail shown or given up on (a 202 is asked again).
  await page.waitForFunction(() => Array.from(document.querySelectorAll('#photo-grid img.thumb'))
    .every((img) => img.classList.contains('loaded') || img.classList.contains('failed')), null, { timeout });
  return page.$$eval('#photo-grid > [data-photo]', (items) => items.map((item) => ({
    id: Number(item.dataset.photo),
    name: item.querySelector('.photo-name').textContent,
    thumbnail: item.querySelector('img.thumb').classList.contains('loaded'),
    width: item.querySelector('img.thumb').naturalWidth,
  })));
}

async function download(page, selector, file) {
  const [started] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const failure = await started.failure();
  if (failure)
    return { failure, suggested: started.suggestedFilename() };
  await started.saveAs(file);
  return { file, suggested: started.suggestedFilename(), url: started.url() };
}

async function back(page) {
  await page.click('#album-back');
  await page.waitForSelector('#albums', { state: 'visible' });
}

async function refused(page, id) {
  const answer = await pageFetch(page, `/web/v1/albums/${id}/photos`);
  const photo = await pageFetch(page, `/web/v1/albums/${id}/download`);
  // The album's address typed in: the page says why and stays on the list.
  await page.evaluate((albumId) => { location.hash = `#album-${albumId}`; }, id);
  await page.waitForSelector('#message', { state: 'visible' });
  const message = await page.textContent('#message');
  const shown = await page.isVisible('#album');
  await page.evaluate(() => { location.hash = ''; });
  return { status: answer.status, code: answer.body?.error?.code ?? null, zip: photo.status, message, shown };
}

scenario(async (browser, result) => {
  const who = await person(browser, env('WEB_CODE'));
  const { page } = who;
  const out = env('WEB_OUT');
  if (process.env.WEB_WRONG_PIN)
    await wrongPin(page, result);

  result.step = 'sign in';
  result.headers = (await open(page, url)).headers();
  await signIn(page, url, env('WEB_CODE'), env('WEB_PIN'));
  result.me = (await pageFetch(page, '/web/v1/me')).body?.me ?? null;
  result.who = await page.textContent('#who-name');
  result.albums = await listedAlbums(page);
  await page.screenshot({ path: join(out, `albums-${env('WEB_CODE')}.png`), fullPage: true });

  result.step = 'albums';
  result.opened = {};
  for (const id of ids('WEB_OPEN')) {
    result.opened[id] = await openAlbum(page, id);
    await page.screenshot({ path: join(out, `album-${env('WEB_CODE')}-${id}.png`), fullPage: true });
    await back(page);
  }

  const downloadAlbum = Number(env('WEB_DOWNLOAD', '0'));
  if (downloadAlbum) {
    result.step = 'downloads';
    const photos = await openAlbum(page, downloadAlbum);
    result.photoDownload = { photo: photos[0].id, name: photos[0].name,
      ...await download(page, `#photo-grid > [data-photo="${photos[0].id}"] a.download`, join(out, `photo-${photos[0].id}`)) };
    result.zipDownload = { album: downloadAlbum, ...await download(page, '#album-download', join(out, `album-${downloadAlbum}.zip`)) };
    await back(page);
  }

  result.step = 'refused albums';
  result.refused = {};
  for (const id of ids('WEB_REFUSED'))
    result.refused[id] = await refused(page, id);

  // With WEB_SECOND_TAB, a second tab of the same browser listens for notices; signing
  // out in the first ends its stream (the device checks the session every 30 s), and
  // it shows the sign-in form without a reload.
  let tab = null;
  if (process.env.WEB_SECOND_TAB) {
    result.step = 'second tab';
    tab = await who.context.newPage();
    tab.setDefaultTimeout(timeout);
    await open(tab, url);
    await tab.waitForSelector('body[data-live="open"]', { state: 'attached' });
    await tab.evaluate(() => { window.keepsakeMark = 'still the same page'; });
  }

  result.step = 'sign out';
  await page.click('#signout');
  await page.waitForSelector('#signin-form', { state: 'visible' });
  if (tab) {
    await tab.waitForSelector('#signin-form', { state: 'visible' });
    result.otherTab = { signIn: true, reloaded: (await tab.evaluate(() => window.keepsakeMark)) !== 'still the same page' };
  }
  result.afterSignOut = { me: (await pageFetch(page, '/web/v1/me')).status, albums: (await pageFetch(page, '/web/v1/albums')).status };
  result.faults = faults(who);
});
