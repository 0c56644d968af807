// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A phone at the upload page: opens the address the kiosk's QR code holds, chooses
// photos, taps Send, and waits until the hand-in is done; reports each file's line and
// progress bar, and the summary. The phone is Chromium with a phone's screen, touch and
// user agent (Pixel 7).
//
// Environment: KEEPSAKE_WEB_SPKI, WEB_UPLOAD_URL, WEB_FILES (JSON array of paths), WEB_OUT.
import { env, envJson, faults, open, person, phone, scenario, timeout } from './lib.mjs';
import { join } from 'node:path';

scenario(async (browser, result) => {
  const who = await person(browser, 'phone', { ...phone });
  const { page } = who;
  const files = envJson('WEB_FILES', []);
  result.step = 'open the address';
  await open(page, env('WEB_UPLOAD_URL'));
  await page.waitForSelector('#handin', { state: 'visible' });
  result.forWhom = await page.textContent('#for-whom');
  result.accept = await page.getAttribute('#files', 'accept');
  result.multiple = await page.getAttribute('#files', 'multiple') !== null;

  result.step = 'choose photos';
  await page.setInputFiles('#files', files);
  await page.waitForSelector('#send:not([disabled])');
  result.rows = await page.$$eval('#file-list > .file', (rows) => rows.length);
  await page.screenshot({ path: join(env('WEB_OUT'), 'upload-chosen.png'), fullPage: true });

  result.step = 'send';
  const progress = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT') {
      const query = new URL(request.url()).searchParams;
      progress.push({ path: query.get('path'), offset: Number(query.get('offset')) });
    }
  });
  await page.tap('#send');
  await page.waitForSelector('body[data-state="done"], #message:not([hidden])', { state: 'attached', timeout: timeout * 2 });
  result.message = await page.isVisible('#message') ? await page.textContent('#message') : null;
  result.files = await page.$$eval('#file-list > .file', (rows) => rows.map((row) => ({
    path: row.dataset.path,
    state: row.className,
    text: row.querySelector('.file-state').textContent,
    value: row.querySelector('progress').value,
    max: row.querySelector('progress').max,
  })));
  result.pieces = progress;
  result.summary = await page.isVisible('#summary') ? await page.textContent('#summary-text') : null;
  await page.screenshot({ path: join(env('WEB_OUT'), 'upload-done.png'), fullPage: true });
  result.faults = faults(who);
});
