// Progressive enhancement only: every page works without this file.
import { countWords } from '/static/js/word-count.js';

// The compact step indicator on phones (DKFDS) opens its steps in a modal, which needs this
// script: show its button instead of the plain "Trin 2 af 5" line the page has without it.
for (const button of document.querySelectorAll('[data-step-indicator-button]')) {
  button.hidden = false;
  button.parentElement?.querySelector('[data-step-indicator-fallback]')?.setAttribute('hidden', '');
}

// DKFDS wants its modals in a .fds-modal-container directly in <body>: while one is open, it
// makes every other child of <body> inert. The kit renders a modal where it is used (e.g. the
// steps of the compact step indicator), so gather them there. Without JavaScript no modal opens.
const looseModals = [...document.querySelectorAll('.fds-modal')].filter((m) => m.parentElement?.parentElement !== document.body);
if (looseModals.length) {
  const container = document.createElement('div');
  container.className = 'fds-modal-container';
  container.append(...looseModals);
  document.body.append(container);
}

// DKFDS components (accordions, alerts, navigation) need one init call for the whole page.
if (window.DKFDS && typeof window.DKFDS.init === 'function') {
  window.DKFDS.init();
}

// The error summary gets focus so screen readers announce it first (DKFDS pattern).
const summary = document.getElementById('error-summary');
if (summary) summary.focus();

// Live word counters: the same count as the server, announced politely and not on every key.
const fill = (template, n, limit) =>
  template
    .replace('{n}', String(n))
    .replace('{limit}', String(limit))
    .replace('{over}', String(n - limit));

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

// The warning before a signed-in session times out for inactivity (WCAG 2.2.1: the visitor is
// warned and can extend). The layout renders the DKFDS modal only for signed-in visitors; the
// server's clock decides: /session/status tells the seconds left without counting as activity.
const timeoutDialog = document.getElementById('session-timeout');
if (timeoutDialog) watchSession(timeoutDialog);

function watchSession(dialog) {
  const data = dialog.dataset;
  const warnMs = Number(data.warnSeconds) * 1000;
  const countdown = dialog.querySelector('[data-session-countdown]');
  const warning = dialog.querySelector('[data-session-warning]');
  const expiredText = dialog.querySelector('[data-session-expired]');
  const title = dialog.querySelector('.modal-title');
  const stayButton = dialog.querySelector('[data-session-stay]');
  const leaveForm = dialog.querySelector('form[data-session-leave]');
  const signInLink = dialog.querySelector('[data-session-sign-in]');
  const modal = window.DKFDS && typeof window.DKFDS.Modal === 'function' ? new window.DKFDS.Modal(dialog) : null;
  // When the session ends, on the browser's clock (corrected by every status check).
  let deadline = Date.now() + Number(data.secondsLeft) * 1000;
  let checkTimer;
  let ticker;
  let isOpen = false;
  let expired = false;

  const timeLeft = (seconds) => {
    if (seconds >= 60) {
      const m = Math.ceil(seconds / 60);
      return m === 1 ? data.textMinute : data.textMinutes.replace('{n}', String(m));
    }
    return seconds === 1 ? data.textSecond : data.textSeconds.replace('{n}', String(Math.max(0, seconds)));
  };

  const focusTitle = () => {
    title.setAttribute('tabindex', '-1');
    title.focus();
  };

  const open = () => {
    if (isOpen) return;
    isOpen = true;
    if (modal) modal.show();
    else dialog.setAttribute('aria-hidden', 'false');
    focusTitle();
    clearInterval(ticker);
    ticker = setInterval(tick, 1000);
    tick();
  };

  const close = () => {
    if (!isOpen) return;
    isOpen = false;
    clearInterval(ticker);
    if (modal) modal.hide();
    else dialog.setAttribute('aria-hidden', 'true');
  };

  const schedule = (ms) => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, Math.max(0, Math.min(ms, 2_000_000_000)));
  };

  function tick() {
    const seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    countdown.textContent = timeLeft(seconds);
    // At zero the server decides: signed out, or kept alive from another tab.
    if (seconds === 0) {
      clearInterval(ticker);
      void check();
    }
  }

  const showExpired = () => {
    expired = true;
    clearTimeout(checkTimer);
    clearInterval(ticker);
    title.textContent = data.textExpiredTitle;
    warning.hidden = true;
    expiredText.hidden = false;
    dialog.setAttribute('aria-describedby', expiredText.id);
    stayButton.hidden = true;
    leaveForm.hidden = true;
    signInLink.hidden = false;
    if (!isOpen) open();
    clearInterval(ticker);
    focusTitle();
  };

  const apply = (status) => {
    if (status?.signedIn !== true) return showExpired();
    if (typeof status.csrf === 'string') leaveForm.querySelector('input[name="_csrf"]').value = status.csrf;
    deadline = Date.now() + status.secondsLeft * 1000;
    if (status.secondsLeft * 1000 > warnMs) {
      close();
      schedule(deadline - warnMs - Date.now());
    } else {
      open();
      // While the warning is open, look again now and then: another tab may have been used.
      schedule(Math.min(30_000, Math.max(1000, status.secondsLeft * 1000)));
    }
  };

  async function check() {
    if (expired) return;
    try {
      const res = await fetch('/session/status', { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
      if (!res.ok) return schedule(30_000); // The server is busy or restarting: ask again soon.
      apply(await res.json());
    } catch {
      schedule(30_000); // Offline for a moment: try again.
    }
  }

  const stay = async () => {
    if (expired) return;
    const token = leaveForm.querySelector('input[name="_csrf"]').value;
    try {
      const res = await fetch('/session/forlaeng', {
        method: 'POST',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { accept: 'application/json', 'csrf-token': token },
      });
      if (res.status === 401) return showExpired();
      if (!res.ok) return void check();
      const result = await res.json();
      close();
      apply({ ...result, csrf: token });
    } catch {
      void check();
    }
  };

  stayButton.addEventListener('click', () => void stay());

  // The focus stays in the dialog while it is open; Escape means "stay signed in".
  document.addEventListener('keydown', (event) => {
    if (!isOpen) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      if (!expired) void stay();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [...dialog.querySelectorAll('a[href], button, input:not([type="hidden"])')].filter((el) => !el.hidden && !el.closest('[hidden]'));
    if (focusable.length === 0) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const inside = dialog.contains(document.activeElement);
    if (event.shiftKey && (document.activeElement === first || !inside || document.activeElement === title)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !inside)) {
      event.preventDefault();
      first.focus();
    }
  });

  schedule(deadline - warnMs - Date.now());
}
