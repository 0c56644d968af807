// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The phone hand-in page (web-contract.md, "Phone upload"): the token in the address
// is the credential. The customer chooses photos; each file's SHA-256 is computed
// here, the device is asked which it needs (offers), those go as they are (the
// originals: nothing re-encoded, resized or stripped) in pieces of at most 4 MiB with
// per-file progress, then the hand-in is finished and its outcome shown per file.
// Only what iOS Safari and Android Chrome both have: fetch, XMLHttpRequest,
// crypto.subtle, File.slice.
'use strict';

(function () {
  const api = '/web/v1';
  const piece = 4 * 1024 * 1024;
  const tries = 5;
  const $ = (id) => document.getElementById(id);
  const state = { strings: {}, language: 'en', token: '', upload: null, files: [], busy: false };

  // ---- texts (as on the customers' page) ----------------------------------------------

  function t(key, ...args) {
    const text = Object.prototype.hasOwnProperty.call(state.strings, key) ? state.strings[key] : key;
    return text.replace(/%(\d)/g, (whole, n) => (args[n - 1] !== undefined ? String(args[n - 1]) : whole));
  }

  async function loadStrings(language) {
    const wanted = language || (navigator.language || 'en').split('-')[0];
    const reply = await fetch(`${api}/strings?lang=${encodeURIComponent(wanted)}`, { credentials: 'omit' });
    if (!reply.ok)
      throw new Error(`strings: HTTP ${reply.status}`);
    const body = await reply.json();
    state.strings = body.strings || {};
    state.language = body.language || wanted;
    document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
    document.title = t('upload.title');
    document.documentElement.lang = state.language;
  }

  function formatBytes(bytes) {
    const units = [['size.gb', 1e9], ['size.mb', 1e6], ['size.kb', 1e3]];
    for (const [key, size] of units) {
      if (bytes >= size)
        return t(key, (bytes / size).toLocaleString(state.language, { maximumFractionDigits: 1 }));
    }
    return t('size.bytes', Number(bytes || 0).toLocaleString(state.language));
  }

  function formatTime(iso) {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime()))
      return iso || '';
    return date.toLocaleTimeString(state.language, { hour: '2-digit', minute: '2-digit' });
  }

  function showMessage(text) {
    $('message').textContent = text || '';
    $('message').hidden = !text;
  }

  // ---- requests ---------------------------------------------------------------------

  class UploadError extends Error {
    constructor(status, message, body) {
      super(message);
      this.status = status;
      this.body = body || {};
    }
  }

  function uploadPath(rest) {
    return `${api}/uploads/${encodeURIComponent(state.token)}${rest || ''}`;
  }

  async function call(method, rest, body) {
    const options = { method, credentials: 'omit', headers: { Accept: 'application/json' } };
    if (method !== 'GET') {
      options.headers['X-Keepsake'] = '1';
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body || {});
    }
    let reply;
    try {
      reply = await fetch(uploadPath(rest), options);
    } catch (e) {
      throw new UploadError(0, t('error.network'));
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
    throw new UploadError(reply.status, error.message || t('error.unexpected', reply.status), answer);
  }

  // One piece of a file, by XMLHttpRequest: fetch reports no upload progress.
  function putPiece(entry, offset, progress) {
    return new Promise((resolve, reject) => {
      const end = Math.min(offset + piece, entry.file.size);
      const query = `?path=${encodeURIComponent(entry.path)}&offset=${offset}&sha256=${entry.sha256}`;
      const request = new XMLHttpRequest();
      request.open('PUT', uploadPath(`/files${query}`));
      request.setRequestHeader('X-Keepsake', '1');
      request.setRequestHeader('Content-Type', 'application/octet-stream');
      request.upload.addEventListener('progress', (event) => progress(offset + event.loaded));
      request.addEventListener('load', () => {
        let answer = null;
        try {
          answer = JSON.parse(request.responseText);
        } catch (e) {
          answer = null;
        }
        if (request.status >= 200 && request.status < 300 && answer) {
          resolve(answer);
          return;
        }
        const error = (answer && answer.error) || {};
        reject(new UploadError(request.status, error.message || t('error.unexpected', request.status), answer));
      });
      request.addEventListener('error', () => reject(new UploadError(0, t('error.network'))));
      request.addEventListener('timeout', () => reject(new UploadError(0, t('error.network'))));
      request.send(entry.file.slice(offset, end));
    });
  }

  // ---- the chosen files ----------------------------------------------------------------

  // Phones may name every picture alike ("image.jpg"): each path the device sees is
  // unique, the later ones numbered.
  function uniquePath(name, taken) {
    let path = (name || 'photo').replace(/[\\/]/g, '_');
    const dot = path.lastIndexOf('.');
    const stem = dot > 0 ? path.slice(0, dot) : path;
    const suffix = dot > 0 ? path.slice(dot) : '';
    for (let n = 2; taken.has(path.toLowerCase()); n += 1)
      path = `${stem}-${n}${suffix}`;
    taken.add(path.toLowerCase());
    return path;
  }

  function chooseFiles() {
    if (state.busy)
      return;
    const taken = new Set();
    state.files = Array.from($('files').files || []).map((file) => ({
      file, path: uniquePath(file.name, taken), sha256: '', sent: 0, answer: '', outcome: null, row: null,
    }));
    $('file-list').replaceChildren(...state.files.map(fileRow));
    const total = state.files.reduce((sum, entry) => sum + entry.file.size, 0);
    $('chosen').textContent = state.files.length ? t('upload.chosen', state.files.length, formatBytes(total)) : '';
    $('send').disabled = state.files.length === 0;
    $('summary').hidden = true;
    $('status').textContent = '';
  }

  function fileRow(entry) {
    const row = document.createElement('li');
    row.className = 'file waiting';
    row.dataset.path = entry.path;
    const name = document.createElement('span');
    name.className = 'file-name';
    name.textContent = entry.path;
    const size = document.createElement('span');
    size.className = 'file-size';
    size.textContent = formatBytes(entry.file.size);
    const bar = document.createElement('progress');
    bar.max = Math.max(entry.file.size, 1);
    bar.value = 0;
    bar.setAttribute('aria-label', t('upload.progress_named', entry.path));
    const note = document.createElement('span');
    note.className = 'file-state';
    note.textContent = t('upload.waiting');
    row.append(name, size, bar, note);
    entry.row = { row, bar, note };
    return row;
  }

  function mark(entry, className, text) {
    entry.row.row.className = `file ${className}`;
    entry.row.note.textContent = text;
  }

  function progress(entry, sent) {
    entry.sent = Math.min(sent, entry.file.size);
    entry.row.bar.value = entry.sent;
    const percent = entry.file.size ? Math.floor((entry.sent * 100) / entry.file.size) : 100;
    mark(entry, 'sending', t('upload.sending_file', percent));
  }

  // ---- sending -----------------------------------------------------------------------

  async function hashAll() {
    for (const [index, entry] of state.files.entries()) {
      $('status').textContent = t('upload.checking', index + 1, state.files.length);
      mark(entry, 'checking', t('upload.checking_file'));
      const digest = await crypto.subtle.digest('SHA-256', await entry.file.arrayBuffer());
      entry.sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
    }
  }

  async function offer(entries) {
    const answer = await call('POST', '/offers', {
      files: entries.map((e) => ({ path: e.path, size: e.file.size, sha256: e.sha256 })),
    });
    const byPath = new Map((answer.answers || []).map((a) => [a.path, a]));
    return entries.map((entry) => byPath.get(entry.path) || { path: entry.path, answer: 'refused' });
  }

  function showAnswer(entry, answer) {
    entry.answer = answer.answer;
    entry.received = typeof answer.received === 'number' ? answer.received : 0;
    if (answer.answer === 'known') {
      entry.row.bar.value = entry.row.bar.max;
      mark(entry, 'known', t('upload.known'));
    } else if (answer.answer === 'received') {
      entry.row.bar.value = entry.row.bar.max;
      mark(entry, 'sent', t('upload.sent_file'));
    } else if (answer.answer === 'refused') {
      mark(entry, 'refused', answer.reason ? t('upload.refused_because', answer.reason) : t('upload.refused'));
    }
  }

  const wait = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

  // Sends a file from where the device stands, piece after piece; a cut connection is
  // tried again from what the device last confirmed (or says it holds).
  async function sendFile(entry, from) {
    let offset = from || 0;
    let failures = 0;
    for (;;) {
      try {
        const answer = await putPiece(entry, offset, (sent) => progress(entry, sent));
        const received = Number(answer.received);
        if (answer.complete || received >= entry.file.size)
          break;
        if (!Number.isFinite(received) || received <= offset)
          throw new UploadError(0, t('error.unexpected', 'received'));
        failures = 0;
        offset = received;
        progress(entry, offset);
      } catch (error) {
        failures += 1;
        if (failures >= tries || (error.status >= 400 && error.status < 500 && error.status !== 409))
          throw error;
        await wait(1000 * failures);
        offset = await resumeAt(entry, error, offset);
        if (offset < 0)
          return;
      }
    }
    mark(entry, 'sent', t('upload.sent_file'));
  }

  // Where to go on after a failed piece: the device's own count when it gives one
  // (in the error, or by asking the offer again); -1 when nothing more is needed.
  async function resumeAt(entry, error, offset) {
    if (error.body && typeof error.body.received === 'number')
      return error.body.received;
    try {
      const [answer] = await offer([entry]);
      if (answer.answer !== 'send') {
        showAnswer(entry, answer);
        return -1;
      }
      return typeof answer.received === 'number' ? answer.received : offset;
    } catch (e) {
      return offset;
    }
  }

  async function send() {
    if (state.busy || state.files.length === 0)
      return;
    if (!window.crypto || !window.crypto.subtle) {
      showMessage(t('upload.insecure'));   // only a secure (https) page may hash
      return;
    }
    state.busy = true;
    $('send').disabled = true;
    $('files').disabled = true;
    $('choose').hidden = true;
    showMessage('');
    try {
      await hashAll();
      const answers = await offer(state.files);
      state.files.forEach((entry, i) => showAnswer(entry, answers[i]));
      const wanted = state.files.filter((entry) => entry.answer === 'send');
      for (const [index, entry] of wanted.entries()) {
        $('status').textContent = t('upload.sending', index + 1, wanted.length);
        try {
          await sendFile(entry, entry.received);
        } catch (error) {
          mark(entry, 'refused', t('upload.failed_file', error.message));
        }
      }
      $('status').textContent = t('upload.finishing');
      await call('POST', '/finish', {});
      await follow();
    } catch (error) {
      showMessage(error.message);
      $('status').textContent = '';
    } finally {
      state.busy = false;
    }
  }

  // ---- after finish: the hand-in's outcome ---------------------------------------------

  async function follow() {
    for (;;) {
      const upload = await call('GET', '');
      state.upload = upload;
      if (['done', 'failed', 'expired'].includes(upload.state)) {
        showOutcome(upload);
        return;
      }
      $('status').textContent = t('upload.ingesting', (upload.records || []).length, upload.files || state.files.length);
      await wait(1000);
    }
  }

  function outcomeText(record) {
    switch (record.outcome) {
    case 'new': return t('outcome.new');
    case 'already_received': return t('outcome.already_received');
    case 'new_version': return t('outcome.new_version');
    case 'rejected': return record.reason ? t('outcome.rejected_because', record.reason) : t('outcome.rejected');
    default: return record.outcome || '';
    }
  }

  function showOutcome(upload) {
    const records = new Map((upload.records || []).map((r) => [r.path, r]));
    for (const entry of state.files) {
      const record = records.get(entry.path);
      if (record) {
        entry.outcome = record.outcome;
        entry.row.bar.value = entry.row.bar.max;
        mark(entry, `done ${record.outcome}`, outcomeText(record));
      }
    }
    $('status').textContent = '';
    if (upload.state !== 'done') {
      showMessage(upload.error || t('upload.failed'));
      return;
    }
    $('send').hidden = true;
    const s = upload.summary || {};
    $('summary-text').textContent = t('upload.summary', s.new || 0, s.already_received || 0, s.new_version || 0, s.rejected || 0);
    $('summary').hidden = false;
    $('summary-title').focus();
    document.body.dataset.state = 'done';
  }

  // ---- start -------------------------------------------------------------------------

  async function start() {
    const match = /\/u\/([^/?#]+)$/.exec(location.pathname);   // .../web/u/TOKEN
    state.token = match ? decodeURIComponent(match[1]) : '';
    $('files').addEventListener('change', chooseFiles);
    $('send').addEventListener('click', send);
    let upload = null;
    let failure = null;
    try {
      upload = state.token ? await call('GET', '') : null;
    } catch (error) {
      failure = error;
    }
    try {
      await loadStrings(upload && upload.language);
    } catch (e) {
      showMessage('Keepsake: the page could not load its texts. Reload the page.');
    }
    $('loading').hidden = true;
    if (!upload) {
      showMessage(failure ? failure.message : t('upload.no_token'));
      document.body.dataset.ready = 'true';
      return;
    }
    state.upload = upload;
    $('for-whom').textContent = t('upload.for', upload.customer || '');
    $('expires').textContent = upload.expires ? t('upload.expires', formatTime(upload.expires)) : '';
    $('handin').hidden = false;
    if (!['open', 'receiving'].includes(upload.state)) {
      $('choose').hidden = true;
      $('send').hidden = true;
      $('intro').hidden = true;
      showMessage(upload.state === 'done' ? t('upload.already_done') : upload.error || t('upload.closed'));
    }
    document.body.dataset.ready = 'true';
  }

  document.addEventListener('DOMContentLoaded', start);
}());
