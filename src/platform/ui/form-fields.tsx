import type Html from '@kitajs/html';
import { attr } from '../html-attr.js';
import type { PageContext } from './context.js';

// DKFDS form groups (dkfds/src/components/form/controls/*.njk, radiobuttons/, checkboxes/).
// One set of props for every field: `ctx` (for the texts the kit adds: "Fejl:", "(valgfri)"),
// `id` (also the name unless `name` says otherwise; the error summary links to it), `label` or
// `legend`, `hint`, `error` (the message shown beside the field, from `errorFor`), `optional`
// and `disabled`. Each field keeps what the user typed: pass it back as `value`.

type Common = {
  ctx: PageContext;
  id: string;
  name?: string;
  hint?: string;
  error?: string | undefined;
  optional?: boolean;
  disabled?: boolean;
  /** The language of the label when it is not the page's: a Danish text standing in on an English page. */
  labelLang?: string;
  /** The language of the hint when it is not the page's. */
  hintLang?: string;
  /** data-* attributes on the control, for page scripts (e.g. `{ 'data-similar-source': '' }`). */
  data?: Record<`data-${string}`, string | true>;
};

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

const groupClass = (error: string | undefined, extra?: string) => `form-group${error ? ' form-error' : ''}${extra ? ` ${extra}` : ''}`;

/** `<id>-hint`, for aria-describedby. */
export const hintId = (id: string) => `${id}-hint`;
/** `<id>-error`, for aria-describedby. */
export const errorId = (id: string) => `${id}-error`;

/**
 * The DKFDS help text (`helptext.njk`): of field `id` (its id is then `<id>-hint`), or, with
 * `block`, a paragraph of help under a section, a button or a table. `live`: a polite status
 * line that a script fills in (rendered even while empty).
 */
export function Hint({
  id,
  text,
  block,
  live,
  class: extra,
  lang,
}: {
  id?: string;
  text: string | undefined;
  block?: boolean;
  live?: boolean;
  class?: string;
  /** The language of the text when it is not the page's: a Danish text standing in on an English page. */
  lang?: string | undefined;
}) {
  if (!text && !live) return '';
  const cls = extra ? `form-hint ${extra}` : 'form-hint';
  const hid = id === undefined ? undefined : hintId(id);
  return block || live ? (
    <p class={cls} id={hid} lang={lang} role={live ? 'status' : undefined} aria-live={live ? 'polite' : undefined} safe>
      {text ?? ''}
    </p>
  ) : (
    <span class={cls} id={hid} lang={lang} safe>
      {text}
    </span>
  );
}

/** A field's DKFDS error message (`errormessage.njk`), with the hidden "Fejl:" in the page's language. */
export function ErrorMessage({ ctx, id, text }: { ctx: PageContext; id: string; text: string | undefined }) {
  if (!text) return '';
  return (
    <span class="form-error-message" id={errorId(id)}>
      <span class="sr-only" safe>{`${ctx.t.ui.errorPrefix} `}</span>
      <span safe>{text}</span>
    </span>
  );
}

function OptionalMark({ ctx, optional }: { ctx: PageContext; optional?: boolean }) {
  return optional ? <span class="weight-normal" safe>{` ${ctx.t.ui.optional}`}</span> : '';
}

/** The DKFDS label (`label.njk`); `ctx` is needed only for the "(valgfri)" of an optional field. */
export function Label({
  ctx,
  id,
  label,
  optional,
  disabled,
  lang,
}: {
  ctx?: PageContext;
  id: string;
  label: string;
  optional?: boolean;
  disabled?: boolean;
  lang?: string;
}) {
  return (
    <label class={disabled ? 'form-label disabled' : 'form-label'} for={id}>
      <span lang={lang} safe>
        {label}
      </span>
      {ctx ? <OptionalMark ctx={ctx} optional={optional} /> : ''}
    </label>
  );
}

export type InputWidth = 'xxs' | 'xs' | 's' | 'm' | 'l' | 'xl';

/** A DKFDS text input (`text-input.njk`). */
export function TextInput(
  p: Common & {
    label: string;
    value?: string;
    type?: 'text' | 'email' | 'url' | 'tel' | 'number' | 'search' | 'password' | 'date' | 'time';
    width?: InputWidth;
    autocomplete?: string;
    inputmode?: 'numeric' | 'decimal' | 'email' | 'url' | 'tel' | 'search';
    maxlength?: number;
    spellcheck?: boolean;
    /** The language of what is written, when it is not the page's. */
    lang?: string;
  },
) {
  const spellcheck = p.spellcheck ?? (p.type === 'email' || p.type === 'url' ? false : undefined);
  return (
    <div class={groupClass(p.error)}>
      <Label ctx={p.ctx} id={p.id} label={p.label} optional={p.optional} disabled={p.disabled} />
      <Hint id={p.id} text={p.hint} />
      <ErrorMessage ctx={p.ctx} id={p.id} text={p.error} />
      <input
        class={p.width ? `form-input input-width-${p.width}` : 'form-input'}
        type={p.type ?? 'text'}
        id={p.id}
        name={p.name ?? p.id}
        value={attr(p.value ?? '')}
        disabled={p.disabled}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        lang={p.lang}
        maxlength={p.maxlength === undefined ? undefined : String(p.maxlength)}
        spellcheck={spellcheck === undefined ? undefined : String(spellcheck)}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.hint && hintId(p.id), p.error && errorId(p.id))}
        {...(p.data ?? {})}
      />
    </div>
  );
}

/**
 * A DKFDS search field (dkfds/src/components/search/search.njk): the input and its button side
 * by side in `div.search`, with a visible label, hint and error like every other field.
 */
export function SearchField(p: Common & { label: string; value?: string; button: string }) {
  return (
    <div class={groupClass(p.error)}>
      <Label ctx={p.ctx} id={p.id} label={p.label} optional={p.optional} disabled={p.disabled} />
      <Hint id={p.id} text={p.hint} />
      <ErrorMessage ctx={p.ctx} id={p.id} text={p.error} />
      <div class="search">
        <input
          class="form-input"
          type="search"
          id={p.id}
          name={p.name ?? p.id}
          value={attr(p.value ?? '')}
          disabled={p.disabled}
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby={describedBy(p.hint && hintId(p.id), p.error && errorId(p.id))}
        />
        <button class="button button-search" type="submit" disabled={p.disabled} safe>
          {p.button}
        </button>
      </div>
    </div>
  );
}

/** Texts of the word counter under a textarea with a word limit ({n}, {limit}, {over} are filled in). */
export type WordCountTexts = {
  /** "{n} af {limit} ord" */
  under: string;
  /** "{over} ord for mange" */
  over: string;
};

function fillCount(template: string, n: number, limit: number): string {
  return template
    .replace('{n}', String(n))
    .replace('{limit}', String(limit))
    .replace('{over}', String(n - limit));
}

/**
 * A DKFDS textarea (`text-area.njk`). With `wordLimit` it shows the limit in its hint and a
 * live word counter (`<id>-count`, updated by public/app.js with the same count as the
 * server's `countWords`, passed in as `words`).
 */
export function TextArea(
  p: Common & {
    label: string;
    value?: string;
    rows?: number;
    /** Extra lines under the hint, e.g. a privacy warning in bold. */
    warning?: string;
    /** The language of what is written, when it is not the page's. */
    lang?: string;
    wordLimit?: { limit: number; words: number; hint: string; texts: WordCountTexts } | undefined;
    /** For answers of several hundred words: the full reading width of DKFDS's text (66ch) instead of a field's 32rem. */
    wide?: boolean;
  },
) {
  const wl = p.wordLimit;
  const over = wl ? wl.words > wl.limit : false;
  const hasHint = Boolean(p.hint || wl || p.warning);
  return (
    <div class={groupClass(p.error)}>
      <Label ctx={p.ctx} id={p.id} label={p.label} optional={p.optional} disabled={p.disabled} lang={p.labelLang} />
      {hasHint ? (
        <span class="form-hint" id={hintId(p.id)}>
          {p.hint ? (
            <span lang={p.hintLang} safe>
              {p.hint}
            </span>
          ) : (
            ''
          )}
          {wl ? <span safe>{`${p.hint ? ' ' : ''}${wl.hint}`}</span> : ''}
          {p.warning ? (
            <strong class="d-block privacy-warning" safe>
              {p.warning}
            </strong>
          ) : (
            ''
          )}
        </span>
      ) : (
        ''
      )}
      <ErrorMessage ctx={p.ctx} id={p.id} text={p.error} />
      <textarea
        class={p.wide ? 'form-input input-width-reading' : 'form-input'}
        id={p.id}
        name={p.name ?? p.id}
        rows={String(p.rows ?? 5)}
        lang={p.lang}
        disabled={p.disabled}
        data-word-limit={wl ? String(wl.limit) : undefined}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(hasHint && hintId(p.id), p.error && errorId(p.id), wl && `${p.id}-count`)}
        {...(p.data ?? {})}
        safe
      >
        {p.value ?? ''}
      </textarea>
      {wl ? (
        <p
          class={over ? 'form-hint word-count word-count-over' : 'form-hint word-count'}
          id={`${p.id}-count`}
          aria-live="polite"
          data-text-under={wl.texts.under}
          data-text-over={wl.texts.over}
          safe
        >
          {fillCount(over ? wl.texts.over : wl.texts.under, wl.words, wl.limit)}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

export type ChoiceOption = {
  value: string;
  label: string;
  hint?: string;
  disabled?: boolean;
  /** The option's own id, when the page needs a stable one (else the group's id, then `<id>-<value>`). */
  id?: string;
  /** The language of the label, when it is not the page's. */
  lang?: string;
  /** The language of the hint, when it is not the page's (a Danish description standing in on an English page). */
  hintLang?: string;
};

type ChoiceProps = Common & {
  legend: string;
  options: ChoiceOption[];
  legendClass?: string;
  /** The language of the legend, when it is not the page's (a Danish text standing in on an English page). */
  legendLang?: string | undefined;
};

/**
 * The first option carries the group's id, so the error summary's link lands on it; the
 * others are `<id>-<value>`.
 */
const optionId = (id: string, o: ChoiceOption, i: number) => o.id ?? (i === 0 ? id : `${id}-${o.value.replace(/[^A-Za-z0-9_-]/g, '_')}`);

function ChoiceGroup(p: ChoiceProps & { type: 'radio' | 'checkbox'; isChecked: (value: string) => boolean }) {
  const legendId = `${p.id}-legend`;
  const itemClass = p.type === 'radio' ? 'form-group-radio' : 'form-group-checkbox';
  return (
    <div class={groupClass(p.error)}>
      <fieldset
        aria-labelledby={p.type === 'radio' ? legendId : undefined}
        aria-describedby={describedBy(p.hint && hintId(p.id), p.error && errorId(p.id))}
        disabled={p.disabled}
      >
        <legend class={p.legendClass ? `form-label ${p.legendClass}` : 'form-label'} id={p.type === 'radio' ? legendId : undefined}>
          <span lang={p.legendLang} safe>
            {p.legend}
          </span>
          <OptionalMark ctx={p.ctx} optional={p.optional} />
        </legend>
        <Hint id={p.id} text={p.hint} lang={p.hintLang} />
        <ErrorMessage ctx={p.ctx} id={p.id} text={p.error} />
        {p.options.map((o, i) => {
          const id = optionId(p.id, o, i);
          return (
            <div class={itemClass}>
              <input
                class={p.type === 'radio' ? 'form-radio' : 'form-checkbox'}
                type={p.type}
                id={id}
                name={p.name ?? p.id}
                value={attr(o.value)}
                checked={p.isChecked(o.value)}
                disabled={o.disabled}
                aria-describedby={o.hint ? hintId(id) : undefined}
              />
              <label class="form-label" for={id} lang={o.lang} safe>
                {o.label}
              </label>
              <Hint id={id} text={o.hint} lang={o.hintLang} />
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** DKFDS radio buttons (`radiobuttons.njk`): a fieldset with a legend; `value` is the chosen option. */
export function Radios(p: ChoiceProps & { value: string }) {
  return <ChoiceGroup {...p} type="radio" isChecked={(v) => v === p.value} />;
}

/** DKFDS checkboxes (`checkboxes.njk`): a fieldset with a legend; `values` are the ticked options. */
export function Checkboxes(p: ChoiceProps & { values: readonly string[] }) {
  return <ChoiceGroup {...p} type="checkbox" isChecked={(v) => p.values.includes(v)} />;
}

/** One DKFDS checkbox on its own (`checkbox.njk`), e.g. "I accept"; sends `value` (default "ja") when ticked. */
export function Checkbox(p: Common & { label: string; checked: boolean; value?: string }) {
  return (
    <div class={groupClass(p.error)}>
      <ErrorMessage ctx={p.ctx} id={p.id} text={p.error} />
      <div class="form-group-checkbox">
        <input
          class="form-checkbox"
          type="checkbox"
          id={p.id}
          name={p.name ?? p.id}
          value={attr(p.value ?? 'ja')}
          checked={p.checked}
          disabled={p.disabled}
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby={describedBy(p.hint && hintId(p.id), p.error && errorId(p.id))}
        />
        <label class={p.disabled ? 'form-label disabled' : 'form-label'} for={p.id}>
          <span safe>{p.label}</span>
          <OptionalMark ctx={p.ctx} optional={p.optional} />
        </label>
        <Hint id={p.id} text={p.hint} />
      </div>
    </div>
  );
}

/** A DKFDS select (`select.njk`). */
export function Select(p: Common & { label: string; value: string; options: { value: string; label: string }[]; width?: InputWidth }) {
  return (
    <div class={groupClass(p.error)}>
      <Label ctx={p.ctx} id={p.id} label={p.label} optional={p.optional} disabled={p.disabled} />
      <Hint id={p.id} text={p.hint} />
      <ErrorMessage ctx={p.ctx} id={p.id} text={p.error} />
      <select
        class={p.width ? `form-select input-width-${p.width}` : 'form-select'}
        name={p.name ?? p.id}
        id={p.id}
        disabled={p.disabled}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.hint && hintId(p.id), p.error && errorId(p.id))}
        {...(p.data ?? {})}
      >
        {p.options.map((o) => (
          <option value={attr(o.value)} selected={o.value === p.value} safe>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A date and a time (Copenhagen) as one DKFDS fieldset (after `date-input.njk`):
 * `<input type="date">` `<id>-date` and `<input type="time">` `<id>-time`. The error is the
 * group's; `errorOn` says which input it is about (both by default).
 */
export function DateTimeInput(
  p: Common & {
    legend: string;
    date: string;
    time: string;
    labels: { date: string; time: string };
    errorOn?: 'date' | 'time' | 'both';
  },
) {
  const on = p.errorOn ?? 'both';
  const invalid = (which: 'date' | 'time') => (p.error && (on === 'both' || on === which) ? 'true' : undefined);
  return (
    <div class={groupClass(p.error)}>
      <fieldset aria-describedby={describedBy(p.hint && hintId(p.id), p.error && errorId(p.id))} disabled={p.disabled}>
        <legend class="form-label">
          <span safe>{p.legend}</span>
          <OptionalMark ctx={p.ctx} optional={p.optional} />
        </legend>
        <Hint id={p.id} text={p.hint} />
        <ErrorMessage ctx={p.ctx} id={p.id} text={p.error} />
        <div class="date-group mt-3">
          <div class="form-group form-group-date">
            <label class="form-label" for={`${p.id}-date`} safe>
              {p.labels.date}
            </label>
            <input class="form-input" type="date" id={`${p.id}-date`} name={`${p.name ?? p.id}-date`} value={attr(p.date)} aria-invalid={invalid('date')} />
          </div>
          <div class="form-group form-group-time">
            <label class="form-label" for={`${p.id}-time`} safe>
              {p.labels.time}
            </label>
            <input class="form-input" type="time" id={`${p.id}-time`} name={`${p.name ?? p.id}-time`} value={attr(p.time)} aria-invalid={invalid('time')} />
          </div>
        </div>
      </fieldset>
    </div>
  );
}

/** A hint with an optional warning line in bold under it (the privacy warning of free-text fields). */
function HintWithWarning({ id, hint, warning }: { id: string; hint?: string | undefined; warning?: string | undefined }) {
  if (!warning) return <Hint id={id} text={hint} />;
  return (
    <span class="form-hint" id={hintId(id)}>
      {hint ? <span safe>{hint}</span> : ''}
      <strong class="d-block privacy-warning" safe>
        {warning}
      </strong>
    </span>
  );
}

/** A file upload: a DKFDS label, hint and error, and `<input type="file">` (DKFDS styles the element itself). */
export function FileInput(p: Common & { label: string; accept?: string; multiple?: boolean; warning?: string }) {
  const hasHint = Boolean(p.hint || p.warning);
  return (
    <div class={groupClass(p.error)}>
      <Label ctx={p.ctx} id={p.id} label={p.label} optional={p.optional} disabled={p.disabled} />
      <HintWithWarning id={p.id} hint={p.hint} warning={p.warning} />
      <ErrorMessage ctx={p.ctx} id={p.id} text={p.error} />
      <input
        type="file"
        id={p.id}
        name={p.name ?? p.id}
        accept={p.accept}
        multiple={p.multiple}
        disabled={p.disabled}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(hasHint && hintId(p.id), p.error && errorId(p.id))}
      />
    </div>
  );
}

/** A DKFDS fieldset with a legend around fields of one topic (no field of its own). */
export function Fieldset({ id, legend, legendClass, children }: { id?: string; legend: string; legendClass?: string; children?: Html.Children }) {
  return (
    <fieldset id={id}>
      <legend class={legendClass ?? 'form-label'} safe>
        {legend}
      </legend>
      {children}
    </fieldset>
  );
}
