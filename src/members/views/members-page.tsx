import { membersTexts } from '../i18n.js';
import { Alert, type PageContext } from '../../platform/layout.js';
import { CsrfField } from '../../platform/csrf.js';
import { formatDate } from '../../platform/time.js';
import type { InviteInput, MemberRole, MemberView, MembersPageData } from '../invitations.service.js';
import { AdminLayout, ErrorSummary, FieldError, attr, errorOf, type FieldErrors } from '../../platform/ui/admin-parts.js';

export type InviteForm = { values: InviteInput; errors: FieldErrors };

export const EMPTY_INVITE: InviteInput = { name: '', email: '', role: null, isChair: false, partyLetter: '', represents: '' };

type Props = {
  ctx: PageContext;
  csrf: string;
  page: MembersPageData;
  form: InviteForm;
  /** A success message after an invitation or a removal. */
  notice?: string | undefined;
};

/** The affiliation shown beside a member's name: a party letter, or the organisation represented. */
export function affiliationText(ctx: PageContext, m: Pick<MemberView, 'partyLetter' | 'represents'>): string | null {
  if (m.partyLetter) return membersTexts(ctx.locale).partyLetter(m.partyLetter);
  return m.represents ?? null;
}

/** /admin/udgaver/:id/medlemmer: the committee and the patient panel, and the invitation form. */
export function MembersPage({ ctx, csrf, page, form, notice }: Props): JSX.Element {
  const { t } = ctx;
  const m = membersTexts(ctx.locale);
  const editionName = t.award.edition(page.award.name, page.edition.year);
  const committee = page.members.filter((x) => x.role === 'committee');
  const panel = page.members.filter((x) => x.role === 'panel');
  return (
    <AdminLayout
      ctx={ctx}
      title={m.title(editionName)}
      hasErrors={form.errors.length > 0}
      csrf={csrf}
      crumbs={[{ label: editionName, href: `/admin/udgaver/${page.edition.id}/indstillinger` }, { label: m.crumb }]}
    >
      <ErrorSummary ctx={ctx} errors={form.errors} />
      {notice ? (
        <div role="status">
          <Alert variant="success">
            <p safe>{notice}</p>
          </Alert>
        </div>
      ) : (
        ''
      )}
      <p class="admin-kicker" safe>
        {page.organisation.name}
      </p>
      <h1 safe>{m.title(editionName)}</h1>
      <p safe>{m.intro}</p>

      <MemberTable
        ctx={ctx}
        csrf={csrf}
        editionId={page.edition.id}
        memberRole="committee"
        heading={m.committeeHeading}
        empty={m.noCommittee}
        members={committee}
      />
      <MemberTable ctx={ctx} csrf={csrf} editionId={page.edition.id} memberRole="panel" heading={m.panelHeading} empty={m.noPanel} members={panel} />

      <InviteSection ctx={ctx} csrf={csrf} editionId={page.edition.id} form={form} />
    </AdminLayout>
  );
}

function MemberTable(p: { ctx: PageContext; csrf: string; editionId: number; memberRole: MemberRole; heading: string; empty: string; members: MemberView[] }) {
  const { ctx } = p;
  const m = membersTexts(ctx.locale);
  const headingId = `${p.memberRole}-heading`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} safe>
        {p.heading}
      </h2>
      {p.members.length === 0 ? (
        <p safe>{p.empty}</p>
      ) : (
        <div class="table--responsive-scroll" tabindex="0" role="region" aria-labelledby={headingId}>
          <table class="table table--compact" id={`${p.memberRole}-table`}>
            <thead>
              <tr>
                <th scope="col" safe>
                  {m.column.name}
                </th>
                <th scope="col" safe>
                  {m.column.email}
                </th>
                <th scope="col" safe>
                  {m.column.affiliation}
                </th>
                {p.memberRole === 'committee' ? (
                  <th scope="col" safe>
                    {m.column.chair}
                  </th>
                ) : (
                  ''
                )}
                <th scope="col" safe>
                  {m.column.invitedAt}
                </th>
                <th scope="col" safe>
                  {m.column.actions}
                </th>
              </tr>
            </thead>
            <tbody>
              {p.members.map((x) => (
                <tr data-member-id={String(x.id)}>
                  <th scope="row" safe>
                    {x.name || x.email}
                  </th>
                  <td safe>{x.email}</td>
                  <td safe>{affiliationText(ctx, x) ?? m.noAffiliation}</td>
                  {p.memberRole === 'committee' ? (
                    <td>
                      {x.isChair ? (
                        <strong class="member-chair" safe>
                          {m.chairMarker}
                        </strong>
                      ) : (
                        ''
                      )}
                    </td>
                  ) : (
                    ''
                  )}
                  <td safe>{formatDate(x.invitedAt, ctx.locale)}</td>
                  <td>
                    <form method="post" action={`/admin/udgaver/${p.editionId}/medlemmer/${x.id}/fjern`}>
                      <CsrfField token={p.csrf} />
                      <button type="submit" class="button button-secondary" aria-label={attr(m.removeLabel(x.name || x.email, m.group[x.role]))} safe>
                        {m.remove}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function InviteSection({ ctx, csrf, editionId, form }: { ctx: PageContext; csrf: string; editionId: number; form: InviteForm }) {
  const m = membersTexts(ctx.locale);
  const v = form.values;
  const err = (field: string) => errorOf(form.errors, field);
  const describedBy = (id: string, hint: boolean) => [hint ? `${id}-hint` : '', err(id) ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const group = (id: string) => `form-group${err(id) ? ' form-error' : ''}`;
  return (
    <section aria-labelledby="invite-heading" class="member-invite">
      <h2 id="invite-heading" safe>
        {m.inviteHeading}
      </h2>
      <p safe>{m.inviteIntro}</p>
      <form method="post" action={`/admin/udgaver/${editionId}/medlemmer`} novalidate>
        <CsrfField token={csrf} />
        <div class={group('name')}>
          <label class="form-label" for="name" safe>
            {m.nameLabel}
          </label>
          <FieldError ctx={ctx} id="name" message={err('name')} />
          <input
            class="form-input"
            type="text"
            id="name"
            name="navn"
            autocomplete="off"
            value={attr(v.name)}
            aria-invalid={err('name') ? 'true' : undefined}
            aria-describedby={describedBy('name', false)}
          />
        </div>
        <div class={group('email')}>
          <label class="form-label" for="email" safe>
            {m.emailLabel}
          </label>
          <span class="form-hint" id="email-hint" safe>
            {m.emailHint}
          </span>
          <FieldError ctx={ctx} id="email" message={err('email')} />
          <input
            class="form-input"
            type="email"
            id="email"
            name="email"
            autocomplete="off"
            spellcheck="false"
            value={attr(v.email)}
            aria-invalid={err('email') ? 'true' : undefined}
            aria-describedby={describedBy('email', true)}
          />
        </div>
        <div class={group('role')}>
          <fieldset aria-describedby={err('role') ? 'role-error' : undefined}>
            <legend class="form-label" safe>
              {m.roleLegend}
            </legend>
            <FieldError ctx={ctx} id="role" message={err('role')} />
            <div class="form-group-radio">
              <input type="radio" id="role-committee" name="rolle" value="komite" class="form-radio" checked={v.role === 'committee'} />
              <label class="form-label" for="role-committee" safe>
                {m.roleCommittee}
              </label>
            </div>
            <div class="form-group-radio">
              <input type="radio" id="role-panel" name="rolle" value="panel" class="form-radio" checked={v.role === 'panel'} />
              <label class="form-label" for="role-panel" safe>
                {m.rolePanel}
              </label>
            </div>
          </fieldset>
        </div>
        <div class={group('isChair')}>
          <FieldError ctx={ctx} id="isChair" message={err('isChair')} />
          <ul class="nobullet-list">
            <li>
              <input
                class="form-checkbox"
                type="checkbox"
                id="isChair"
                name="formand"
                value="ja"
                checked={v.isChair}
                aria-describedby={describedBy('isChair', true)}
              />
              <label for="isChair" safe>
                {m.chairLabel}
              </label>
              <span class="form-hint checkbox-hint" id="isChair-hint" safe>
                {m.chairHint}
              </span>
            </li>
          </ul>
        </div>
        <div class={group('partyLetter')}>
          <label class="form-label" for="partyLetter" safe>
            {m.partyLetterLabel}
          </label>
          <span class="form-hint" id="partyLetter-hint" safe>
            {m.partyLetterHint}
          </span>
          <FieldError ctx={ctx} id="partyLetter" message={err('partyLetter')} />
          <input
            class="form-input input-width-xs"
            type="text"
            id="partyLetter"
            name="partibogstav"
            autocomplete="off"
            value={attr(v.partyLetter)}
            aria-invalid={err('partyLetter') ? 'true' : undefined}
            aria-describedby={describedBy('partyLetter', true)}
          />
        </div>
        <div class={group('represents')}>
          <label class="form-label" for="represents" safe>
            {m.representsLabel}
          </label>
          <span class="form-hint" id="represents-hint" safe>
            {m.representsHint}
          </span>
          <FieldError ctx={ctx} id="represents" message={err('represents')} />
          <input
            class="form-input"
            type="text"
            id="represents"
            name="repraesenterer"
            autocomplete="off"
            value={attr(v.represents)}
            aria-invalid={err('represents') ? 'true' : undefined}
            aria-describedby={describedBy('represents', true)}
          />
        </div>
        <button type="submit" class="button button-primary" safe>
          {m.invite}
        </button>
      </form>
    </section>
  );
}
