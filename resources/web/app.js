// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The customers' page (web-contract.md): sign-in with customer code and PIN, the
// albums this person may see, a thumbnail grid per album, downloads as plain links,
// the notices (unread first) and notices arriving live over server-sent events.
// No framework, no build step; every text comes translated from /web/v1/strings.
'use strict';

(function () {
  const api = '/web/v1';
  const state = { strings: {}, language: 'en', me: null, albums: [], notices: [], events: null, album: null };
  const $ = (id) => document.getElementById(id);

  // ---- texts ---------------------------------------------------------------------

  // The text of KEY with %1, %2... replaced by the arguments; the key itself when the
  // server sent no such text (so a missing text shows, rather than nothing).
  function t(key, ...args) {
    const text = Object.prototype.hasOwnProperty.call(state.strings, key) ? state.strings[key] : key;
    return text.replace(/%(\d)/g, (whole, n) => (args[n - 1] !== undefined ? String(args[n - 1]) : whole));
  }

  function applyTexts(root) {
    root.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
    root.querySelectorAll('[data-t-label]').forEach((el) => el.setAttribute('aria-label', t(el.dataset.tLabel)));
    document.title = t('page.title');
    document.documentElement.lang = state.language;
  }

  async function loadStrings(language) {
    const wanted = language || (navigator.language || 'en').split('-')[0];
    const reply = await fetch(`${api}/strings?lang=${encodeURIComponent(wanted)}`, { credentials: 'same-origin' });
    if (!reply.ok)
      throw new Error(`strings: HTTP ${reply.status}`);
    const body = await reply.json();
    state.strings = body.strings || {};
    state.language = body.language || wanted;
    applyTexts(document);
  }

  // ---- talking to the device -------------------------------------------------------

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  // JSON in, JSON out. Non-GET requests carry X-Keepsake: 1 (the device refuses them
  // without). 401 means the session is gone: the page shows the sign-in form.
  async function call(method, path, body) {
    const options = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (method !== 'GET') {
      options.headers['X-Keepsake'] = '1';
      if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
      }
    }
    let reply;
    try {
      reply = await fetch(api + path, options);
    } catch (e) {
      throw new ApiError(0, 'network', t('error.network'));
    }
    let answer = null;
    try {
      answer = await reply.json();
    } catch (e) {
      answer = null;
    }
    if (reply.ok)
      return answer || {};
    const error = (answer && answer.error) || {};
    const failure = new ApiError(reply.status, error.code || 'http', error.message || t('error.unexpected', reply.status));
    if (reply.status === 401 && path !== '/session')
      signedOut();
    throw failure;
  }

  function showMessage(text) {
    const box = $('message');
    box.textContent = text || '';
    box.hidden = !text;
  }

  // ---- formats ---------------------------------------------------------------------

  function formatDate(iso) {
    if (!iso)
      return '';
    const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
    if (Number.isNaN(date.getTime()))
      return iso;
    try {
      return date.toLocaleDateString(state.language, { year: 'numeric', month: 'long', day: 'numeric' });
    } catch (e) {
      return iso;
    }
  }

  function formatBytes(bytes) {
    const units = [['size.gb', 1e9], ['size.mb', 1e6], ['size.kb', 1e3]];
    for (const [key, size] of units) {
      if (bytes >= size)
        return t(key, (bytes / size).toLocaleString(state.language, { maximumFractionDigits: 1 }));
    }
    return t('size.bytes', Number(bytes || 0).toLocaleString(state.language));
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className)
      el.className = className;
    if (text !== undefined)
      el.textContent = text;
    return el;
  }

  // ---- thumbnails: fetched, since a thumbnail still being made answers 202 ------------

  const thumbnails = { queue: [], running: 0, limit: 4 };
  const seen = 'IntersectionObserver' in window
    ? new IntersectionObserver((entries) => {
      entries.forEach((entry) => {
        if (entry.isIntersecting) {
          seen.unobserve(entry.target);
          queueThumbnail(entry.target, 0);
        }
      });
    }, { rootMargin: '200px' })
    : null;

  function thumbnail(img, photoId) {
    img.dataset.photo = String(photoId);
    if (seen)
      seen.observe(img);
    else
      queueThumbnail(img, 0);
  }

  function queueThumbnail(img, tries) {
    thumbnails.queue.push({ img, tries });
    pumpThumbnails();
  }

  function pumpThumbnails() {
    while (thumbnails.running < thumbnails.limit && thumbnails.queue.length) {
      const job = thumbnails.queue.shift();
      if (!job.img.isConnected)
        continue;
      thumbnails.running += 1;
      fetchThumbnail(job).finally(() => {
        thumbnails.running -= 1;
        pumpThumbnails();
      });
    }
  }

  async function fetchThumbnail({ img, tries }) {
    try {
      const reply = await fetch(`${api}/photos/${img.dataset.photo}/thumbnail`, { credentials: 'same-origin' });
      if (reply.status === 202 && tries < 40) {
        // Being made: ask again after a moment, a little later each time.
        setTimeout(() => queueThumbnail(img, tries + 1), Math.min(500 + tries * 250, 3000));
        return;
      }
      if (!reply.ok)
        throw new Error(String(reply.status));
      const url = URL.createObjectURL(await reply.blob());
      img.addEventListener('load', () => {
        URL.revokeObjectURL(url);
        img.classList.add('loaded');
      }, { once: true });
      img.addEventListener('error', () => {
        URL.revokeObjectURL(url);
        img.classList.add('failed');
      }, { once: true });
      img.src = url;
    } catch (e) {
      img.classList.add('failed');
      img.alt = t('photo.no_thumbnail', img.alt);
    }
  }

  // ---- views -----------------------------------------------------------------------

  function show(view) {
    $('loading').hidden = true;
    $('signin').hidden = view !== 'signin';
    $('albums').hidden = view !== 'albums';
    $('album').hidden = view !== 'album';
    $('notices').hidden = view !== 'albums';
    $('who').hidden = view === 'signin';
  }

  function signedOut() {
    closeEvents();
    state.me = null;
    state.albums = [];
    state.notices = [];
    $('album-list').replaceChildren();
    $('photo-grid').replaceChildren();
    $('notice-list').replaceChildren();
    $('live').replaceChildren();
    if (location.hash)
      history.replaceState(null, '', location.pathname);
    show('signin');
  }

  async function signIn(event) {
    event.preventDefault();
    const code = $('signin-code').value.trim();
    const pin = $('signin-pin').value;
    const error = $('signin-error');
    error.hidden = true;
    if (!code || !pin) {
      error.textContent = t('signin.missing');
      error.hidden = false;
      return;
    }
    $('signin-submit').disabled = true;
    let answer;
    try {
      answer = await call('POST', '/session', { code, pin });
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      $('signin-pin').focus();
      return;
    } finally {
      $('signin-pin').value = '';
      $('signin-submit').disabled = false;
    }
    $('link-used').hidden = true;
    try {
      await signedIn(answer.me);
    } catch (e) {
      if (e.status !== 401) {
        showMessage(e.message);
        show('albums');
      }
    }
  }

  async function signOut() {
    try {
      await call('DELETE', '/session');
    } catch (e) {
      // Signed out either way: the page forgets the session.
    }
    signedOut();
    $('signin-code').focus();
  }

  async function signedIn(me) {
    state.me = me;
    if (me.language && me.language !== state.language)
      await loadStrings(me.language).catch(() => undefined);
    $('who-name').textContent = me.kind === 'viewer'
      ? t('who.viewer', me.email || me.name || '')
      : t('who.customer', me.name || '', me.code || '');
    openEvents();
    await Promise.all([loadAlbums(), loadNotices()]);
    route();
  }

  // ---- albums ----------------------------------------------------------------------

  async function loadAlbums() {
    const answer = await call('GET', '/albums');
    state.albums = answer.albums || [];
    renderAlbums();
  }

  function expiryText(album) {
    return album.expires ? t('albums.expires', formatDate(album.expires)) : '';
  }

  function renderAlbums() {
    const list = $('album-list');
    list.replaceChildren(...state.albums.map(albumCard));
    $('albums-empty').hidden = state.albums.length > 0;
  }

  function albumCard(album) {
    const item = element('li', `album-card${album.state === 'expiring' ? ' expiring' : ''}`);
    item.dataset.album = String(album.id);
    const open = element('a', 'album-open');
    open.href = `#album-${album.id}`;
    let cover;
    if (album.cover !== null && album.cover !== undefined) {
      cover = element('img', 'cover');
      cover.alt = t('albums.cover', album.title);
      thumbnail(cover, album.cover);
    } else {
      cover = element('span', 'cover empty');   // no photo to show: a pattern, nothing to read
    }
    open.append(cover, element('span', 'album-title', album.title));
    item.append(open);
    if (!album.own)
      item.append(element('p', 'meta owner', t('albums.shared_by', album.owner)));
    item.append(element('p', 'meta', t('albums.count', album.photos, formatBytes(album.bytes))));
    if (album.state === 'expiring')
      item.append(element('p', 'flag', t('albums.expiring')));
    item.append(element('p', 'meta expires', expiryText(album)));
    if (album.reason)
      item.append(element('p', 'meta reason', album.reason));
    const download = element('a', 'button download', t('album.download'));
    download.href = `${api}/albums/${album.id}/download`;
    download.setAttribute('download', '');
    download.setAttribute('aria-label', t('album.download_named', album.title));
    item.append(download);
    return item;
  }

  async function openAlbum(id) {
    showMessage('');
    let answer;
    try {
      answer = await call('GET', `/albums/${encodeURIComponent(id)}/photos`);
    } catch (e) {
      if (e.status !== 401) {
        showMessage(e.message);
        history.replaceState(null, '', location.pathname);
        show('albums');
      }
      return;
    }
    state.album = answer.album;
    renderAlbum(answer.album, answer.photos || []);
    show('album');
    $('album-title').focus({ preventScroll: true });
  }

  function renderAlbum(album, photos) {
    $('album-title').textContent = album.title;
    $('album-title').tabIndex = -1;
    $('album-owner').textContent = album.own ? '' : t('albums.shared_by', album.owner);
    $('album-owner').hidden = !!album.own;
    $('album-expiry').textContent = [expiryText(album), album.reason].filter(Boolean).join(' — ');
    const download = $('album-download');
    download.href = `${api}/albums/${album.id}/download`;
    download.setAttribute('aria-label', t('album.download_named', album.title));
    $('album-empty').hidden = photos.length > 0;
    $('photo-grid').replaceChildren(...photos.map(photoTile));
  }

  function photoTile(photo) {
    const item = element('li', 'photo');
    item.dataset.photo = String(photo.id);
    const img = element('img', 'thumb');
    img.alt = photo.caption || photo.name;
    img.width = 256;
    img.height = 256;
    thumbnail(img, photo.id);
    const name = element('span', 'photo-name', photo.name);
    const details = [photo.taken ? formatDate(photo.taken) : '', formatBytes(photo.size)].filter(Boolean).join(' · ');
    const download = element('a', 'button download', t('photo.download'));
    download.href = `${api}/photos/${photo.id}/original`;
    download.setAttribute('download', photo.name);
    download.setAttribute('aria-label', t('photo.download_named', photo.name));
    item.append(img, name, element('span', 'meta', details));
    if (photo.caption)
      item.append(element('span', 'caption', photo.caption));
    item.append(download);
    return item;
  }

  // #album-7 shows album 7; anything else the album list (the back button works).
  function route() {
    if (!state.me)
      return;
    showMessage('');
    const match = /^#album-(\d+)$/.exec(location.hash);
    if (match) {
      openAlbum(match[1]);
      return;
    }
    if (location.hash === '#notices') {
      show('albums');
      $('notices-title').focus();
      return;
    }
    $('photo-grid').replaceChildren();
    show('albums');
  }

  // ---- notices ---------------------------------------------------------------------

  async function loadNotices() {
    const answer = await call('GET', '/notices');
    state.notices = answer.notices || [];
    renderNotices();
  }

  function sortNotices() {
    state.notices.sort((a, b) => (a.read === b.read ? String(b.created).localeCompare(String(a.created)) : a.read ? 1 : -1));
  }

  function renderNotices() {
    sortNotices();
    $('notice-list').replaceChildren(...state.notices.map(noticeItem));
    $('notices-empty').hidden = state.notices.length > 0;
    const unread = state.notices.filter((n) => !n.read).length;
    const badge = $('unread-count');
    badge.textContent = String(unread);
    badge.hidden = unread === 0;
    $('show-notices').setAttribute('aria-label', t('notices.unread', unread));
  }

  function noticeItem(notice) {
    const item = element('li', `notice${notice.read ? ' read' : ' unread'} ${notice.kind}`);
    item.dataset.notice = String(notice.id);
    item.append(element('h3', 'notice-subject', notice.subject));
    item.append(element('p', 'notice-text', notice.text));
    const when = element('p', 'meta', t('notices.created', formatDate(notice.created)));
    item.append(when);
    if (notice.album) {
      const link = element('a', 'notice-album', t('notices.open_album', notice.album_title));
      link.href = `#album-${notice.album}`;
      item.append(link);
    }
    if (!notice.read) {
      const read = element('button', 'mark-read', t('notices.mark_read'));
      read.type = 'button';
      read.setAttribute('aria-label', t('notices.mark_read_named', notice.subject));
      read.addEventListener('click', () => markRead(notice, read));
      item.append(read);
    } else {
      item.append(element('span', 'meta read-flag', t('notices.read')));
    }
    return item;
  }

  async function markRead(notice, button) {
    button.disabled = true;
    try {
      await call('POST', `/notices/${notice.id}/read`);
      notice.read = true;
      renderNotices();
      const live = $('live').querySelector(`[data-notice="${notice.id}"]`);
      if (live)
        live.remove();
    } catch (e) {
      button.disabled = false;
      showMessage(e.message);
    }
  }

  // A notice arriving while the page is open: into the list and onto a banner.
  function noticeArrived(notice) {
    if (!notice || notice.id === undefined)
      return;
    const known = state.notices.findIndex((n) => n.id === notice.id);
    if (known >= 0)
      state.notices[known] = notice;
    else
      state.notices.push(notice);
    renderNotices();
    if (!$('live').querySelector(`[data-notice="${notice.id}"]`))
      $('live').append(liveBanner(notice));
    // An expiring album changes state: the list shows it without a reload.
    loadAlbums().catch(() => undefined);
  }

  function liveBanner(notice) {
    const banner = element('div', `live-notice ${notice.kind}`);
    banner.dataset.notice = String(notice.id);
    banner.append(element('strong', 'live-title', t('notices.new')));
    banner.append(element('span', 'live-subject', notice.subject));
    banner.append(element('span', 'live-text', notice.text));
    if (notice.album) {
      const link = element('a', 'live-album', t('notices.open_album', notice.album_title));
      link.href = `#album-${notice.album}`;
      banner.append(link);
    }
    const close = element('button', 'plain live-close', '×');
    close.type = 'button';
    close.setAttribute('aria-label', t('notices.dismiss'));
    close.addEventListener('click', () => banner.remove());
    banner.append(close);
    return banner;
  }

  // ---- live events -----------------------------------------------------------------

  function openEvents() {
    closeEvents();
    if (!('EventSource' in window))
      return;
    const source = new EventSource(`${api}/events`);
    state.events = source;
    source.addEventListener('notice', (event) => {
      try {
        noticeArrived(JSON.parse(event.data));
      } catch (e) {
        // A line the page does not understand is left out.
      }
    });
    source.addEventListener('open', () => {
      document.body.dataset.live = 'open';
      // Read the list again once listening: a notice may have come before the stream
      // stood (or while it was broken); those come without a banner.
      loadNotices().catch(() => undefined);
    });
    source.addEventListener('error', () => eventsFailed(source));
  }

  // The stream ended: the session may be over (then the page shows sign-in), or the
  // connection broke (then the browser, or the page, connects again).
  async function eventsFailed(source) {
    document.body.dataset.live = 'closed';
    if (state.events !== source)
      return;
    try {
      await call('GET', '/me');
    } catch (e) {
      return;   // 401 showed the sign-in form; otherwise the device is away for now
    } finally {
      if (state.events === source && source.readyState === EventSource.CLOSED)
        setTimeout(() => { if (state.events === source) openEvents(); }, 3000);
    }
  }

  function closeEvents() {
    if (state.events) {
      state.events.close();
      state.events = null;
    }
    delete document.body.dataset.live;
  }

  // ---- start -----------------------------------------------------------------------

  async function start() {
    $('signin-form').addEventListener('submit', signIn);
    $('signout').addEventListener('click', signOut);
    $('show-notices').addEventListener('click', () => {
      location.hash = '#notices';
      route();
    });
    $('album-back').addEventListener('click', (event) => {
      event.preventDefault();
      location.hash = '';
    });
    window.addEventListener('hashchange', route);
    const params = new URLSearchParams(location.search);
    try {
      await loadStrings(params.get('lang'));
    } catch (e) {
      showMessage('Keepsake: the page could not load its texts. Reload the page.');
    }
    if (params.get('link') === 'used') {
      $('link-used').hidden = false;
      history.replaceState(null, '', location.pathname + location.hash);
    }
    try {
      const answer = await call('GET', '/me');
      await signedIn(answer.me);
    } catch (e) {
      if (e.status !== 401) {
        showMessage(e.message);
        show(state.me ? 'albums' : 'signin');
      }
    }
    document.body.dataset.ready = 'true';
  }

  document.addEventListener('DOMContentLoaded', start);
}());
