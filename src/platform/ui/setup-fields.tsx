import type { PageContext } from '../layout.js';
import { FieldError, attr, errorOf, type FieldErrors } from './admin-parts.js';

// DKFDS form fields of the setup pages. Each shows its label, hint and error beside it (the
// error summary links to the input's id), keeps what was typed, and names its input by `id`.

export type FormState = { values: Record<string, string>; errors: FieldErrors };

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter(Boolean).join(' ');
  return list || undefined;
}

type Common = {
  ctx: PageContext;
  form: FormState;
  id: string;
  label: string;
  hint?: string;
  optional?: boolean;
  /** An error shown for this field although it is stored under another key (list rows use the id). */
  errorKey?: string;
};

function Label({ ctx, id, label, optional }: { ctx: PageContext; id: string; label: string; optional?: boolean }) {
  return (
    <label class="form-label" for={id}>
      <span safe>{label}</span>
      {optional ? <span class="weight-normal" safe>{` ${ctx.t.form.optional}`}</span> : ''}
    </label>
  );
}

export function InputField(
  p: Common & {
    type?: 'text' | 'email' | 'url' | 'tel';
    width?: 'xxs' | 'xs' | 's' | 'm' | 'l' | 'xl';
    autocomplete?: string;
    inputmode?: 'numeric' | 'email' | 'url' | 'tel';
  },
) {
  const error = errorOf(p.form.errors, p.errorKey ?? p.id);
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <Label ctx={p.ctx} id={p.id} label={p.label} optional={p.optional} />
      {p.hint ? (
        <span class="form-hint" id={`${p.id}-hint`} safe>
          {p.hint}
        </span>
      ) : (
        ''
      )}
      <FieldError ctx={p.ctx} id={p.id} message={error} />
      <input
        class={p.width ? `form-input input-width-${p.width}` : 'form-input'}
        type={p.type ?? 'text'}
        id={p.id}
        name={p.id}
        value={attr(p.form.values[p.id] ?? '')}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        spellcheck={p.type === 'email' || p.type === 'url' ? 'false' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.hint && `${p.id}-hint`, error && `${p.id}-error`)}
      />
    </div>
  );
}

export function TextAreaField(p: Common & { rows?: number }) {
  const error = errorOf(p.form.errors, p.errorKey ?? p.id);
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <Label ctx={p.ctx} id={p.id} label={p.label} optional={p.optional} />
      {p.hint ? (
        <span class="form-hint" id={`${p.id}-hint`} safe>
          {p.hint}
        </span>
      ) : (
        ''
      )}
      <FieldError ctx={p.ctx} id={p.id} message={error} />
      <textarea
        class="form-input"
        id={p.id}
        name={p.id}
        rows={String(p.rows ?? 5)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.hint && `${p.id}-hint`, error && `${p.id}-error`)}
        safe
      >
        {p.form.values[p.id] ?? ''}
      </textarea>
    </div>
  );
}

export function CheckboxField(p: Common) {
  const error = errorOf(p.form.errors, p.errorKey ?? p.id);
  const checked = (p.form.values[p.id] ?? '') !== '';
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <FieldError ctx={p.ctx} id={p.id} message={error} />
      <div class="form-group-checkbox">
        <input
          class="form-checkbox"
          type="checkbox"
          id={p.id}
          name={p.id}
          value="ja"
          checked={checked}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(p.hint && `${p.id}-hint`, error && `${p.id}-error`)}
        />
        <label class="form-label" for={p.id} safe>
          {p.label}
        </label>
        {p.hint ? (
          <span class="form-hint checkbox-hint" id={`${p.id}-hint`} safe>
            {p.hint}
          </span>
        ) : (
          ''
        )}
      </div>
    </div>
  );
}

/**
 * A date and a time in Copenhagen as one fieldset: `<input type="date">` (`<id>-date`) and
 * `<input type="time">` (`<id>-time`). The field's error (`errorOf(<id>)`) sits above both.
 */
export function DateTimeField(p: Common) {
  const s = p.ctx.t.form;
  const error = errorOf(p.form.errors, p.id);
  const target = p.form.errors.find((e) => e.field === p.id)?.target;
  return (
    <div class={error ? 'form-group form-error' : 'form-group'}>
      <fieldset aria-describedby={describedBy(p.hint && `${p.id}-hint`, error && `${p.id}-error`)}>
        <legend class="form-label">
          <span safe>{p.label}</span>
          {p.optional ? <span class="weight-normal" safe>{` ${p.ctx.t.form.optional}`}</span> : ''}
        </legend>
        {p.hint ? (
          <span class="form-hint" id={`${p.id}-hint`} safe>
            {p.hint}
          </span>
        ) : (
          ''
        )}
        <FieldError ctx={p.ctx} id={p.id} message={error} />
        <div class="date-group">
          <div class="form-group mt-0 mr-5">
            <label class="form-label weight-normal" for={`${p.id}-date`} safe>
              {s.date}
            </label>
            <input
              class="form-input input-width-s"
              type="date"
              id={`${p.id}-date`}
              name={`${p.id}-date`}
              value={attr(p.form.values[`${p.id}-date`] ?? '')}
              aria-invalid={error && target !== `${p.id}-time` ? 'true' : undefined}
            />
          </div>
          <div class="form-group mt-0">
            <label class="form-label weight-normal" for={`${p.id}-time`} safe>
              {s.time}
            </label>
            <input
              class="form-input input-width-xs"
              type="time"
              id={`${p.id}-time`}
              name={`${p.id}-time`}
              value={attr(p.form.values[`${p.id}-time`] ?? '')}
              aria-invalid={error && target === `${p.id}-time` ? 'true' : undefined}
            />
          </div>
        </div>
      </fieldset>
    </div>
  );
}

/** A dl row that shows "Not filled in" for an empty value. */
export function Fact({ ctx, label, value, href }: { ctx: PageContext; label: string; value: string | null; href?: boolean }) {
  return (
    <>
      <dt safe>{label}</dt>
      <dd>
        {value ? (
          href && /^https?:\/\//i.test(value) ? (
            <a href={attr(value)} safe>
              {value}
            </a>
          ) : (
            <span safe>{value}</span>
          )
        ) : (
          <span class="weight-normal" safe>
            {ctx.t.form.notSet}
          </span>
        )}
      </dd>
    </>
  );
}
