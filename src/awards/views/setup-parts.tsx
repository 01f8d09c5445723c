import { attr } from '../../platform/html-attr.js';
import { Checkbox, DateTimeInput, type PageContext, errorFor } from '../../platform/ui/index.js';
import type { FormState } from '../setup-form.js';

// The setup pages' glue to the kit's fields: a field's value as typed and its error, from the
// page's `FormState` (the error summary links to `target` when it is set, e.g. `closesAt-time`).

/** The kit field props of `id`: its id, what was typed and its message. */
export function fieldOf(form: FormState, id: string): { id: string; value: string; error: string | undefined } {
  return { id, value: form.values[id] ?? '', error: errorFor(form.errors, id) };
}

/** A ticked-or-not setting ("ja" when ticked). */
export function SetupCheckbox({ ctx, form, id, label, hint }: { ctx: PageContext; form: FormState; id: string; label: string; hint?: string }) {
  return <Checkbox ctx={ctx} id={id} label={label} hint={hint} checked={(form.values[id] ?? '') !== ''} error={errorFor(form.errors, id)} />;
}

/** A date and a time in Copenhagen (`<id>-date`, `<id>-time`); the error marks the input it is about. */
export function SetupDateTime(p: { ctx: PageContext; form: FormState; id: string; legend: string; hint?: string | undefined; optional?: boolean }) {
  const error = p.form.errors.find((e) => e.field === p.id);
  const f = p.ctx.t.form;
  return (
    <DateTimeInput
      ctx={p.ctx}
      id={p.id}
      legend={p.legend}
      hint={p.hint}
      optional={p.optional}
      date={p.form.values[`${p.id}-date`] ?? ''}
      time={p.form.values[`${p.id}-time`] ?? ''}
      labels={{ date: f.date, time: f.time }}
      error={error?.message}
      errorOn={error?.target === `${p.id}-time` ? 'time' : 'date'}
    />
  );
}

/** A row of a description list; an empty value shows "Ikke udfyldt", a web address is a link. */
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
