// Progressive enhancement only: every page works without this file.
import { countWords } from '/static/js/word-count.js';

// DKFDS components (accordions, alerts, navigation) need one init call for the whole page.
if (window.DKFDS && typeof window.DKFDS.init === 'function') {
  window.DKFDS.init();
}

// The error summary gets focus so screen readers announce it first (DKFDS pattern).
const summary = document.getElementById('error-summary');
if (summary) summary.focus();

// Live word counters: the same count as the server, announced politely and not on every key.
const fill = (template, n, limit) =>
  template.replace('{n}', String(n)).replace('{limit}', String(limit)).replace('{over}', String(n - limit));

for (const area of document.querySelectorAll('textarea[data-word-limit]')) {
  const counter = document.getElementById(`${area.id}-count`);
  if (!counter) continue;
  const limit = Number(area.dataset.wordLimit);
  let timer;
  const update = () => {
    const n = countWords(area.value);
    const over = n > limit;
    counter.textContent = fill(over ? counter.dataset.textOver : counter.dataset.textUnder, n, limit);
    counter.classList.toggle('word-count-over', over);
  };
  area.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 400);
  });
}

// Autosave while typing, for a nomination that already exists as a draft.
const form = document.querySelector('form[data-autosave]');
if (form) {
  const status = form.querySelector('.autosave-status');
  const version = form.querySelector('input[name="version"]');
  const step = form.getAttribute('action').split('/').pop();
  let timer;
  let dirty = false;
  let saving = false;
  const save = async () => {
    if (!dirty || saving) return;
    saving = true;
    dirty = false;
    const body = new URLSearchParams(new FormData(form));
    body.set('step', step);
    body.delete('handling');
    try {
      const res = await fetch(form.dataset.autosave, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        credentials: 'same-origin',
      });
      const result = await res.json().catch(() => ({}));
      if (res.ok && result.saved) {
        version.value = String(result.version);
        const time = new Date().toLocaleTimeString(document.documentElement.lang === 'en' ? 'en-GB' : 'da-DK', { hour: '2-digit', minute: '2-digit' });
        if (status) status.textContent = `${document.documentElement.lang === 'en' ? 'Saved automatically' : 'Gemt automatisk'} ${time}`;
      }
      // On a conflict or a passed deadline nothing is overwritten; pressing a button shows why.
    } catch {
      dirty = true; // Offline for a moment: try again on the next change.
    } finally {
      saving = false;
    }
  };
  form.addEventListener('input', () => {
    dirty = true;
    clearTimeout(timer);
    timer = setTimeout(save, 3000);
  });
  form.addEventListener('submit', () => clearTimeout(timer));
}

// A second click on "Send" while the first is on its way does nothing (the server is idempotent too).
for (const f of document.querySelectorAll('form.send-form')) {
  f.addEventListener('submit', (event) => {
    if (f.dataset.sending === 'true') {
      event.preventDefault();
      return;
    }
    f.dataset.sending = 'true';
  });
}
