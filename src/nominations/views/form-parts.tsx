import { attr } from '../../platform/html-attr.js';
import { countWords } from '../word-count.js';
import { wordCountText, type NominationTexts } from '../i18n.js';

// DKFDS form components used by the nomination pages. Every field shows its error beside
// it (and the error summary links to it), its hint, and keeps what the user typed.

export type ErrorLink = { field: string; text: string };

/** The DKFDS error summary above the h1: focused by app.js, links to each field. */
export function ErrorSummary({ heading, errors }: { heading: string; errors: ErrorLink[] }) {
  if (errors.length === 0) return '';
  return (
    <div class="alert alert-error error-summary" role="alert" aria-labelledby="error-summary-heading" tabindex="-1" id="error-summary">
      <div class="alert-body">
        <p class="alert-heading" id="error-summary-heading" safe>
          {heading}
        </p>
        <ul class="alert-text nobullet-list">
          {errors.map((e) => (
            <li>
              <a href={`#${e.field}`} class="function-link" safe>
                {e.text}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  if (!text) return '';
  return (
    <span class="form-error-message" id={`${id}-error`}>
      <span class="sr-only">Fejl: </span>
      <span safe>{text}</span>
    </span>
  );
}

type InputProps = {
  id: string;
  name?: string;
  label: string;
  value: string;
  hint?: string;
  error?: string;
  type?: 'text' | 'email' | 'url';
  autocomplete?: string;
  optionalLabel?: string;
  maxlength?: number;
};

export function TextInput(p: InputProps) {
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={p.id}>
        <span safe>{p.label}</span>
        {p.optionalLabel ? <span class="weight-normal" safe>{` ${p.optionalLabel}`}</span> : ''}
      </label>
      {p.hint ? (
        <span class="form-hint" id={`${p.id}-hint`} safe>
          {p.hint}
        </span>
      ) : (
        ''
      )}
      <FieldError id={p.id} text={p.error} />
      <input
        class="form-input"
        type={p.type ?? 'text'}
        id={p.id}
        name={p.name ?? p.id}
        value={attr(p.value)}
        autocomplete={p.autocomplete}
        spellcheck={p.type === 'email' || p.type === 'url' ? 'false' : undefined}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(p.hint && `${p.id}-hint`, p.error && `${p.id}-error`)}
      />
    </div>
  );
}

type TextAreaProps = {
  id: string;
  label: string;
  value: string;
  hint?: string;
  error?: string;
  wordLimit: number | null;
  t: NominationTexts;
  optionalLabel?: string;
  rows?: number;
  warning?: string;
};

/**
 * A textarea with its word limit shown before typing and a counter that app.js keeps live
 * (a polite live region). The limit never blocks typing; only sending checks it.
 */
export function TextArea(p: TextAreaProps) {
  const words = countWords(p.value);
  const over = p.wordLimit !== null && words > p.wordLimit;
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <label class="form-label" for={p.id}>
        <span safe>{p.label}</span>
        {p.optionalLabel ? <span class="weight-normal" safe>{` ${p.optionalLabel}`}</span> : ''}
      </label>
      {p.hint || p.wordLimit !== null || p.warning ? (
        <span class="form-hint" id={`${p.id}-hint`}>
          {p.hint ? <span safe>{p.hint}</span> : ''}
          {p.wordLimit !== null ? <span safe>{` ${p.t.wordLimit(p.wordLimit)}`}</span> : ''}
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
      <FieldError id={p.id} text={p.error} />
      <textarea
        class="form-input"
        id={p.id}
        name={p.id}
        rows={String(p.rows ?? 8)}
        data-word-limit={p.wordLimit === null ? undefined : String(p.wordLimit)}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={describedBy(
          p.hint || p.wordLimit !== null || p.warning ? `${p.id}-hint` : null,
          p.error && `${p.id}-error`,
          p.wordLimit !== null && `${p.id}-count`,
        )}
        safe
      >
        {p.value}
      </textarea>
      {p.wordLimit !== null ? (
        <p
          class={over ? 'form-hint word-count word-count-over' : 'form-hint word-count'}
          id={`${p.id}-count`}
          aria-live="polite"
          data-text-under={p.t.wordCountTemplate}
          data-text-over={p.t.wordCountOverTemplate}
          safe
        >
          {wordCountText(over ? p.t.wordCountOverTemplate : p.t.wordCountTemplate, words, p.wordLimit)}
        </p>
      ) : (
        ''
      )}
    </div>
  );
}

type Option = { value: string; label: string; hint?: string };

type ChoiceProps = { id: string; legend: string; options: Option[]; error?: string; hint?: string };

/**
 * A DKFDS fieldset of radio buttons or checkboxes: legend, hint, error beside it, and an
 * optional hint per option. The first option carries the group's id, so the error summary's
 * link lands on it.
 */
function ChoiceGroup(p: ChoiceProps & { type: 'radio' | 'checkbox'; name: string; isChecked: (value: string) => boolean }) {
  const optionId = (o: Option, i: number) => (i === 0 ? p.id : `${p.id}-${o.value}`);
  return (
    <div class={p.error ? 'form-group form-error' : 'form-group'}>
      <fieldset aria-describedby={describedBy(p.hint && `${p.id}-hint`, p.error && `${p.id}-error`)}>
        <legend class="form-label" safe>
          {p.legend}
        </legend>
        {p.hint ? (
          <span class="form-hint" id={`${p.id}-hint`} safe>
            {p.hint}
          </span>
        ) : (
          ''
        )}
        <FieldError id={p.id} text={p.error} />
        <ul class="nobullet-list">
          {p.options.map((o, i) => (
            <li>
              <input
                class={p.type === 'radio' ? 'form-radio' : 'form-checkbox'}
                type={p.type}
                id={optionId(o, i)}
                name={p.name}
                value={o.value}
                checked={p.isChecked(o.value)}
                aria-describedby={o.hint ? `${p.id}-${o.value}-hint` : undefined}
              />
              <label for={optionId(o, i)} safe>
                {o.label}
              </label>
              {o.hint ? (
                <span class="form-hint checkbox-hint" id={`${p.id}-${o.value}-hint`} safe>
                  {o.hint}
                </span>
              ) : (
                ''
              )}
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

export function Radios(p: ChoiceProps & { value: string }) {
  return <ChoiceGroup {...p} type="radio" name={p.id} isChecked={(v) => v === p.value} />;
}

export function Checkboxes(p: ChoiceProps & { name: string; values: string[] }) {
  return <ChoiceGroup {...p} type="checkbox" isChecked={(v) => p.values.includes(v)} />;
}

/** The DKFDS step indicator; done steps link back. */
export function StepIndicator(p: { label: string; steps: { title: string; href?: string; current: boolean; done: boolean }[]; stepOf: string }) {
  return (
    <nav aria-label={p.label} class="step-indicator-nav">
      <p class="sr-only" safe>
        {p.stepOf}
      </p>
      <ol class="step-indicator">
        {p.steps.map((s, i) => (
          <li class={s.current ? 'current' : s.done ? 'completed' : undefined} aria-current={s.current ? 'step' : undefined}>
            {s.href && !s.current ? (
              <a class="step" href={s.href}>
                <span class="step-number">
                  <span safe>{String(i + 1)}</span>
                </span>
                <span class="step-title" safe>
                  {s.title}
                </span>
              </a>
            ) : (
              <div class="step">
                <span class="step-number">
                  <span safe>{String(i + 1)}</span>
                </span>
                <span class="step-title" safe>
                  {s.title}
                </span>
              </div>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
