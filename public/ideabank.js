// Idea bank, progressive enhancement only: similar solutions while someone writes a solution or
// a nomination. Without JavaScript the server shows the same suggestions after sending the
// form (the solution form) or on "Tjek dine svar" (the nomination).

const box = document.querySelector('[data-similar-box]');
const form = box ? (box.closest('form') ?? document.querySelector('form[data-similar-form]')) : null;

if (box && form) {
  const list = box.querySelector('[data-similar-list]');
  const status = box.querySelector('[data-similar-status]');
  const exclude = form.dataset.similarExclude;
  const fields = ['title', 'summary'].map((name) => form.querySelector(`[name="${name}"]`)).filter(Boolean);
  let timer;
  let last = '';
  let controller;

  const render = (solutions) => {
    box.hidden = false;
    list.replaceChildren();
    if (solutions.length === 0) {
      const li = document.createElement('li');
      li.textContent = box.dataset.textNone;
      list.append(li);
    }
    for (const s of solutions) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = s.url;
      a.textContent = s.title;
      li.append(a);
      // A Danish title on an English page: marked as Danish, with the page's note (as the server renders it).
      if (s.lang) {
        a.lang = s.lang;
        const note = document.createElement('small');
        note.className = 'localized-note';
        note.textContent = box.dataset.textInDanish;
        li.append(' ', note);
      }
      li.append(document.createTextNode(` – ${[s.unit, s.organisation].filter(Boolean).join(', ')}`));
      list.append(li);
    }
    status.textContent =
      solutions.length === 1
        ? box.dataset.textLiveOne
        : solutions.length === 0
          ? box.dataset.textNone
          : box.dataset.textLiveMany.replace('{n}', String(solutions.length));
  };

  const refresh = async () => {
    const text = fields
      .map((f) => f.value)
      .join(' ')
      .trim();
    if (text === last || text.length < 4) return;
    last = text;
    controller?.abort();
    controller = new AbortController();
    const params = new URLSearchParams({ tekst: text.slice(0, 2000) });
    if (exclude) params.set('undtagen', exclude);
    try {
      const res = await fetch(`/idebank/lignende?${params}`, { signal: controller.signal, headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const body = await res.json();
      render(body.solutions);
    } catch {
      // A failed suggestion is no error for the writer: the form works without it.
    }
  };

  for (const f of fields) {
    f.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 600);
    });
  }
}

// Sorting applies as soon as it is changed; without JavaScript the "Sortér" button beside it does.
const sort = document.querySelector('[data-sort-on-change]');
const sortButton = document.querySelector('[data-sort-button]');
if (sort?.form) {
  if (sortButton) sortButton.hidden = true;
  sort.addEventListener('change', () => sort.form.requestSubmit());
}

// The filters sit behind "Filtrér" so that a phone shows the first hit at once; a wide screen has
// room for them beside the hits, so there they start open.
const filters = document.querySelector('details[data-open-wide]');
if (filters && window.matchMedia('(min-width: 992px)').matches) filters.open = true;
