import { membersTexts } from '../i18n.js';
import { CsrfField } from '../../platform/csrf.js';
import { formatDate, formatInstant } from '../../platform/time.js';
import {
  AdminLayout,
  Alert,
  Badge,
  Button,
  Checkbox,
  ErrorSummary,
  type FieldError,
  type PageContext,
  Radios,
  Table,
  TextInput,
  errorFor,
} from '../../platform/ui/index.js';
import type { InvitationView, InviteInput, MemberRole, MemberView, MembersPageData } from '../invitations.service.js';
import { membersUrls as urls } from '../urls.js';
import { nominationsUrls } from '../../nominations/urls.js';

export type InviteForm = { values: InviteInput; errors: FieldError[] };

export const EMPTY_INVITE: InviteInput = { name: '', email: '', role: null, isChair: false, partyLetter: '', represents: '', language: 'da' };

type Props = {
  ctx: PageContext;
  csrf: string;
  page: MembersPageData;
  form: InviteForm;
  /** A success message after an invitation or a removal. */
  notice?: string | undefined;
  /** The server's clock: which invitation links have expired. */
  now: Date;
};

/** The affiliation shown beside a member's name: a party letter, or the organisation represented. */
export function affiliationText(ctx: PageContext, m: Pick<MemberView, 'partyLetter' | 'represents'>): string | null {
  if (m.partyLetter) return membersTexts(ctx.locale).partyLetter(m.partyLetter);
  return m.represents ?? null;
}

/** /admin/udgaver/:id/medlemmer: the committee and the patient panel, and the invitation form. */
export function MembersPage({ ctx, csrf, page, form, notice, now }: Props): JSX.Element {
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
      crumbs={[{ label: editionName, href: nominationsUrls.editionNominations({ id: page.edition.id }) }, { label: m.crumb }]}
    >
      <ErrorSummary ctx={ctx} errors={form.errors} />
      {notice ? <Alert ctx={ctx} variant="success" live="status" text={notice} /> : ''}
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
      {page.invitations.length > 0 ? <InvitationTable ctx={ctx} csrf={csrf} editionId={page.edition.id} invitations={page.invitations} now={now} /> : ''}

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
        <Table compact id={`${p.memberRole}-table`} labelledBy={headingId}>
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
                  <form method="post" action={urls.removeMember({ id: p.editionId, memberId: x.id })}>
                    <CsrfField token={p.csrf} />
                    <Button variant="secondary" label={m.removeLabel(x.name || x.email, m.group[x.role])} text={m.remove} />
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}

/** The invitations not accepted yet: not members, so they see nothing of the edition. */
function InvitationTable(p: { ctx: PageContext; csrf: string; editionId: number; invitations: InvitationView[]; now: Date }) {
  const { ctx } = p;
  const m = membersTexts(ctx.locale);
  const c = m.invitationColumn;
  return (
    <section aria-labelledby="invitations-heading">
      <h2 id="invitations-heading" safe>
        {m.invitationsHeading}
      </h2>
      <p safe>{m.invitationsIntro}</p>
      <Table compact id="invitations-table" labelledBy="invitations-heading">
        <thead>
          <tr>
            {[c.name, c.email, c.group, c.invitedAt, c.expiresAt, c.actions].map((h) => (
              <th scope="col" safe>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {p.invitations.map((x) => (
            <tr data-invitation-id={String(x.id)}>
              <th scope="row" safe>
                {x.name}
              </th>
              <td safe>{x.email}</td>
              <td safe>{m.groupName[x.role]}</td>
              <td safe>{formatDate(x.invitedAt, ctx.locale)}</td>
              <td>
                {x.expiresAt.getTime() <= p.now.getTime() ? (
                  <Badge>
                    <span safe>{m.invitationExpired}</span>
                  </Badge>
                ) : (
                  <span safe>{formatInstant(x.expiresAt, ctx.locale)}</span>
                )}
              </td>
              <td>
                <form method="post" action={urls.withdrawInvitation({ id: p.editionId, invitationId: x.id })}>
                  <CsrfField token={p.csrf} />
                  <Button variant="secondary" label={m.withdrawLabel(x.name, m.group[x.role])} text={m.withdraw} />
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </section>
  );
}

function InviteSection({ ctx, csrf, editionId, form }: { ctx: PageContext; csrf: string; editionId: number; form: InviteForm }) {
  const m = membersTexts(ctx.locale);
  const v = form.values;
  const err = (field: string) => errorFor(form.errors, field);
  return (
    <section aria-labelledby="invite-heading" class="member-invite">
      <h2 id="invite-heading" safe>
        {m.inviteHeading}
      </h2>
      <p safe>{m.inviteIntro}</p>
      <form method="post" action={urls.editionMembers({ id: editionId })} novalidate>
        <CsrfField token={csrf} />
        <TextInput ctx={ctx} id="name" name="navn" label={m.nameLabel} value={v.name} error={err('name')} autocomplete="off" />
        <TextInput
          ctx={ctx}
          id="email"
          name="email"
          type="email"
          label={m.emailLabel}
          hint={m.emailHint}
          value={v.email}
          error={err('email')}
          autocomplete="off"
        />
        <Radios
          ctx={ctx}
          id="role"
          name="rolle"
          legend={m.roleLegend}
          value={v.role === 'committee' ? 'komite' : v.role === 'panel' ? 'panel' : ''}
          error={err('role')}
          options={[
            { value: 'komite', label: m.roleCommittee, id: 'role-committee' },
            { value: 'panel', label: m.rolePanel, id: 'role-panel' },
          ]}
        />
        <Radios
          ctx={ctx}
          id="language"
          name="sprog"
          legend={m.languageLegend}
          hint={m.languageHint}
          value={v.language === 'en' ? 'en' : 'da'}
          options={[
            { value: 'da', label: m.languageDa, id: 'language-da' },
            { value: 'en', label: m.languageEn, id: 'language-en' },
          ]}
        />
        <Checkbox ctx={ctx} id="isChair" name="formand" label={m.chairLabel} hint={m.chairHint} checked={v.isChair} error={err('isChair')} />
        <TextInput
          ctx={ctx}
          id="partyLetter"
          name="partibogstav"
          label={m.partyLetterLabel}
          hint={m.partyLetterHint}
          value={v.partyLetter}
          error={err('partyLetter')}
          width="xs"
          autocomplete="off"
        />
        <TextInput
          ctx={ctx}
          id="represents"
          name="repraesenterer"
          label={m.representsLabel}
          hint={m.representsHint}
          value={v.represents}
          error={err('represents')}
          autocomplete="off"
        />
        <Button variant="primary" text={m.invite} />
      </form>
    </section>
  );
}
