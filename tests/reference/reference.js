// The benchmark's reference page: fetch the state, JSON.parse it, show the trial count and the
// first 24 trials (name, validation accuracy) as cards. It reads what Tunerscope reads: `api`,
// `project` and `job` from the URL, the key typed once into a form and kept for the tab
// (sessionStorage). Names come from the API: untrusted, so set as text only.
'use strict';
const KEY_ITEM = 'reference:api-key';
const params = new URLSearchParams(location.search);
const $ = (id) => document.getElementById(id);

function accuracy(trial) {
  const v = trial.metrics && trial.metrics.validation;
  const a = v && ((v.float32 && v.float32.accuracy) ?? (v.int8 && v.int8.accuracy));
  return typeof a === 'number' ? (a * 100).toFixed(1) + ' %' : '–';
}

function render(state) {
  const trials = Array.isArray(state.trials) ? state.trials : [];
  const count = $('count');
  count.dataset.total = String(trials.length);
  count.textContent = trials.length + ' trials';
  const frag = document.createDocumentFragment();
  for (const trial of trials.slice(0, 24)) {
    const card = document.createElement('article');
    card.className = 'card';
    card.dataset.testid = 'trial-card';
    card.dataset.trialId = String(trial.id);
    const name = document.createElement('b');
    name.textContent = String(trial.name);
    const acc = document.createElement('span');
    acc.textContent = 'validation accuracy ' + accuracy(trial);
    card.append(name, acc);
    frag.append(card);
  }
  $('cards').replaceChildren(frag);
  // "First cards on screen": the task queued from the next animation frame runs after it painted.
  requestAnimationFrame(() => setTimeout(() => {
    performance.mark('reference:painted');
    performance.measure('reference:first-cards', { start: 0, end: 'reference:painted' });
  }, 0));
}

async function load(key) {
  const api = (params.get('api') || '').replace(/\/+$/, '');
  const url = `${api}/api/${params.get('project')}/optimize/${params.get('job')}/state`;
  try {
    const response = await fetch(url, { headers: { 'x-api-key': key } });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    render(JSON.parse(text));
  } catch (e) {
    $('error').textContent = 'Could not load the state: ' + e;
  }
}

const stored = sessionStorage.getItem(KEY_ITEM);
if (stored) {
  load(stored);
} else {
  const form = $('connect');
  form.hidden = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const key = form.elements['api-key'].value.trim();
    sessionStorage.setItem(KEY_ITEM, key);
    form.hidden = true;
    load(key);
  });
}
