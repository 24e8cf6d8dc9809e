// Sends the run's state request while the page is still being parsed, before the app's wasm
// has even arrived: the wasm takes 100 ms or more to come and start, and the answer need not
// wait for it (issue 15). The app takes the request over (src/api/prefetch.rs) when it is
// exactly the one it is about to send, and aborts it otherwise once it has started.
//
// It sends only what the app itself sends the moment it starts, by the app's own rules
// (src/view_state.rs for the address, src/derive/api_key.rs for the key): a live run named by
// `project` and `job`, not the demo, not embedded (a portal hands its key over later), and a
// key stored (this tab's first, then this device's) for exactly the API base the page uses.
// A key stored for another base is never sent here: the app asks the user first. Where this
// reads the address differently from the app, the app does not take the request, so at worst
// one request was sent for nothing, with the key only to the base it was entered for.
// Nothing is logged; nothing but the request is kept.
'use strict';
(() => {
  const DEFAULT_API = 'https://studio.edgeimpulse.com/v1';
  const KEY_ITEM = 'tunerscope.apiKey';

  const params = new URLSearchParams(location.search);
  // The app reads the last value of a repeated parameter, trimmed.
  const last = (name) => {
    const all = params.getAll(name);
    return all.length ? all[all.length - 1].trim() : null;
  };
  // A positive whole number, written as the app writes it (no sign, no leading zeros).
  const id = (name) => {
    const text = last(name);
    return text !== null && /^[0-9]{1,15}$/.test(text) && Number(text) > 0
      ? String(Number(text))
      : null;
  };
  // `normalize_api`: http(s)://… or a path on this origin, trailing slashes dropped, no
  // whitespace or control characters; anything else means the default API.
  const apiBase = (text) => {
    if (text === null) return DEFAULT_API;
    const t = text.replace(/\/+$/, '');
    const lower = t.toLowerCase();
    const absolute =
      (lower.startsWith('https://') || lower.startsWith('http://')) &&
      t.length > lower.indexOf('://') + 3;
    const path = t.startsWith('/') && !t.startsWith('//');
    const clean = !/[\s\u0000-\u001f\u007f-\u009f]/.test(t);
    return (absolute || path) && clean ? t : DEFAULT_API;
  };
  // The key stored for exactly `base`: this tab's entry first, then this device's. Storage
  // may be refused (a sandboxed frame, private mode): that reads as nothing stored.
  const storedKey = (base) => {
    for (const storage of [() => sessionStorage, () => localStorage]) {
      try {
        const entry = JSON.parse(storage().getItem(KEY_ITEM));
        if (
          entry !== null &&
          typeof entry === 'object' &&
          typeof entry.base === 'string' &&
          typeof entry.key === 'string' &&
          entry.base === base
        ) {
          return entry.key;
        }
      } catch (_) {
        // Unreadable or refused: nothing stored here.
      }
    }
    return null;
  };

  const project = id('project');
  const job = id('job');
  if (project === null || job === null || last('demo') === '1' || last('embed') === '1') return;
  const base = apiBase(last('api'));
  const key = storedKey(base);
  if (key === null) return;
  const url = base + '/api/' + project + '/optimize/' + job + '/state';
  const controller = new AbortController();
  // An empty key means a proxy adds it: then no header at all, as the app does.
  const headers = key === '' ? {} : { 'x-api-key': key };
  const response = fetch(url, { headers, signal: controller.signal });
  // The app reads a failure when it takes the request; one never taken (or aborted) must not
  // show up as an uncaught rejection.
  response.catch(() => {});
  Object.defineProperty(window, '__tunerscopePrefetch', {
    value: { url, base, keyed: key !== '', response, controller },
    configurable: true,
  });
})();
