// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Does the browser reach the device? With the device's SPKI hash pinned it must; with
// any other hash the certificate is refused, as for anyone's browser.
//
// Environment: KEEPSAKE_WEB_URL, KEEPSAKE_WEB_SPKI.
import { env, person, scenario } from './lib.mjs';

scenario(async (browser, result) => {
  const { page } = await person(browser, 'certificate');
  try {
    const response = await page.goto(new URL('/health', env('KEEPSAKE_WEB_URL')).href);
    result.status = response.status();
  } catch (error) {
    result.refused = String(error.message).split('\n')[0];
  }
});
