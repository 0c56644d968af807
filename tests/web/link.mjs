// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A one-time link from a mail, opened in a fresh browser (no cookie): reports where it
// landed, who the page then shows, and the albums it lists; or, for a used link, the
// sign-in form with the page's "link used" message.
//
// Environment: KEEPSAKE_WEB_URL, KEEPSAKE_WEB_SPKI, WEB_LINK.
import { env, faults, listedAlbums, open, pageFetch, person, scenario } from './lib.mjs';

scenario(async (browser, result) => {
  const who = await person(browser, 'link');
  const { page } = who;
  result.step = 'open the link';
  const response = await open(page, env('WEB_LINK'));
  const landed = new URL(response.url());   // after the redirect
  result.landed = landed.pathname + landed.search;
  result.me = await pageFetch(page, '/web/v1/me');
  result.signInShown = await page.isVisible('#signin-form');
  result.linkUsedShown = await page.isVisible('#link-used');
  result.linkUsedText = await page.textContent('#link-used');
  result.albums = result.signInShown ? [] : await listedAlbums(page);
  result.faults = faults(who);
});
