import type Html from '@kitajs/html';
import {
  Alert,
  BackLink,
  Badge,
  Breadcrumbs,
  Button,
  ButtonGroup,
  ButtonLink,
  Checkbox,
  Checkboxes,
  DateTimeInput,
  ErrorSummary,
  FileInput,
  Layout,
  Modal,
  ModalButton,
  Pagination,
  Radios,
  SearchField,
  Select,
  SortHeader,
  StepIndicator,
  Table,
  Tag,
  TextArea,
  TextInput,
  type AlertVariant,
  type PageContext,
  type Step,
} from './index.js';

// The component page (GET /komponenter, never in production): every component of the kit in
// each of its states, for designers, developers and test/e2e/components.test.ts, which checks
// it with axe in Chromium at desktop and phone width. The sample content is Danish test data,
// not interface text; the kit's own words come from the chrome's catalogue as on every page.

const VARIANTS: AlertVariant[] = ['info', 'success', 'warning', 'error'];
const WORDS = { under: 'Du har skrevet {n} af {limit} ord', over: 'Du har skrevet {n} ord. Det er {over} for mange – forkort teksten til højst {limit} ord.' };
const sampleText = 'Vi har samlet patienterne i et råd, der mødes hver måned og giver afdelingen råd om nye tiltag.';
const count = (text: string) => text.split(/\s+/).filter(Boolean).length;
const OPTIONS = [
  { value: 'person', label: 'En person' },
  { value: 'team', label: 'Et team', hint: 'To eller flere medarbejdere' },
  { value: 'workplace', label: 'En arbejdsplads' },
];

function steps(current: number, opts: { error?: number } = {}): Step[] {
  return ['Om dig', 'Kandidaten', 'Løsningen', 'Tjek dine svar'].map((title, i) => ({
    title,
    current: i === current,
    done: i < current,
    error: opts.error === i,
    // Only steps reached so far link; later ones are disabled.
    ...(i <= current ? { href: `#trin-${i + 1}` } : {}),
  }));
}

function Section({ id, title, children }: { id: string; title: string; children?: Html.Children }) {
  return (
    <section class="mt-8" aria-labelledby={id}>
      <h2 id={id} safe>
        {title}
      </h2>
      {children}
    </section>
  );
}

function Example({ title, children }: { title: string; children?: Html.Children }) {
  return (
    <div class="mt-6">
      <h3 class="h5" safe>
        {title}
      </h3>
      {children}
    </div>
  );
}

export function ComponentPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout
      ctx={ctx}
      title="Komponenter"
      breadcrumbs={[{ label: ctx.t.home, href: '/' }, { label: 'Udvikling', href: '/komponenter' }, { label: 'Komponenter' }]}
    >
      <ErrorSummary
        ctx={ctx}
        errors={[
          { field: 'navn-fejl', message: 'Skriv dit navn' },
          { field: 'kandidat-fejl', message: 'Vælg, hvem du indstiller' },
        ]}
      />
      <h1>Komponenter</h1>
      <p class="font-lead">Alle komponenter i Prisportals DKFDS-kit (src/platform/ui) i hver af deres tilstande. Siden findes ikke i produktion.</p>

      <Section id="brodkrummer" title="Brødkrummesti">
        <Example title="Med tre led (som øverst på siden)">
          <Breadcrumbs
            ctx={ctx}
            crumbs={[{ label: 'Forside', href: '/' }, { label: 'Initiativprisen 2026', href: '/priser/initiativprisen/2026' }, { label: 'Indstil' }]}
          />
        </Example>
      </Section>

      <Section id="beskeder" title="Beskeder">
        {VARIANTS.map((v) => (
          <>
            <Example title={`${v}: overskrift og tekst`}>
              <Alert ctx={ctx} variant={v} heading="Åben for indstillinger" text="Du kan indstille frem til 18. december 2026 kl. 12.00." />
            </Example>
            <Example title={`${v}: kun overskrift`}>
              <Alert ctx={ctx} variant={v} heading="Afsluttet" />
            </Example>
            <Example title={`${v}: kun tekst`}>
              <Alert ctx={ctx} variant={v} text="Din kladde er gemt." />
            </Example>
          </>
        ))}
        <Example title="Med liste og link">
          <Alert ctx={ctx} variant="info" heading="Hvad sker der nu?">
            <ul>
              <li>Komitéen læser alle indstillinger.</li>
              <li>
                Du kan <a href="#beskeder">læse mere om prisen</a>.
              </li>
            </ul>
          </Alert>
        </Example>
      </Section>

      <Section id="fejlopsummering" title="Fejlopsummering">
        <p>Vises øverst på siden, over overskriften, når en formular har fejl (se toppen af denne side).</p>
      </Section>

      <Section id="tekstfelter" title="Tekstfelt">
        <TextInput ctx={ctx} id="navn-tom" label="Navn" autocomplete="name" />
        <TextInput ctx={ctx} id="navn-udfyldt" label="Navn" value="Mette Frederiksen Hansen" hint="Som det står på dit ID-kort" />
        <TextInput ctx={ctx} id="navn-fejl" label="Navn" error="Skriv dit navn" />
        <TextInput ctx={ctx} id="navn-valgfri" label="Telefon" type="tel" optional width="s" autocomplete="tel" />
        <TextInput ctx={ctx} id="navn-deaktiveret" label="Kvitteringsnummer" value="IND-2026-0042" disabled />
      </Section>

      <Section id="tekstomrader" title="Tekstområde med ordtæller">
        <TextArea ctx={ctx} id="tekst-tom" label="Beskriv løsningen" wordLimit={{ limit: 200, words: 0, hint: 'Højst 200 ord.', texts: WORDS }} />
        <TextArea
          ctx={ctx}
          id="tekst-udfyldt"
          label="Beskriv løsningen"
          value={sampleText}
          warning="Skriv ikke navne, CPR-numre eller helbredsoplysninger om patienter."
          wordLimit={{ limit: 200, words: count(sampleText), hint: 'Højst 200 ord.', texts: WORDS }}
        />
        <TextArea
          ctx={ctx}
          id="tekst-fejl"
          label="Resumé"
          value={sampleText}
          error="Forkort resuméet til højst 10 ord"
          wordLimit={{ limit: 10, words: count(sampleText), hint: 'Højst 10 ord.', texts: WORDS }}
        />
        <TextArea ctx={ctx} id="tekst-valgfri" label="Andet, vi bør vide" optional rows={3} />
        <TextArea ctx={ctx} id="tekst-deaktiveret" label="Begrundelse" value="Indstillingen er sendt." disabled rows={3} />
      </Section>

      <Section id="radioknapper" title="Radioknapper">
        <Radios ctx={ctx} id="kandidat-tom" legend="Hvem indstiller du?" options={OPTIONS} value="" />
        <Radios ctx={ctx} id="kandidat-valgt" legend="Hvem indstiller du?" hint="Vælg én" options={OPTIONS} value="team" />
        <Radios ctx={ctx} id="kandidat-fejl" legend="Hvem indstiller du?" options={OPTIONS} value="" error="Vælg, hvem du indstiller" />
        <Radios ctx={ctx} id="kandidat-deaktiveret" legend="Hvem indstiller du?" options={OPTIONS} value="person" disabled />
      </Section>

      <Section id="tjekbokse" title="Tjekbokse">
        <Checkboxes ctx={ctx} id="tema-tom" legend="Hvilke temaer passer?" options={OPTIONS} values={[]} />
        <Checkboxes ctx={ctx} id="tema-valgt" legend="Hvilke temaer passer?" options={OPTIONS} values={['person', 'workplace']} optional />
        <Checkboxes ctx={ctx} id="tema-fejl" legend="Hvilke temaer passer?" options={OPTIONS} values={[]} error="Vælg mindst ét tema" />
        <Checkboxes ctx={ctx} id="tema-deaktiveret" legend="Hvilke temaer passer?" options={OPTIONS} values={['team']} disabled />
        <Checkbox ctx={ctx} id="accept-tom" label="Jeg har læst betingelserne" checked={false} />
        <Checkbox ctx={ctx} id="accept-valgt" label="Jeg har læst betingelserne" checked hint="Du kan altid trække dit samtykke tilbage" />
        <Checkbox ctx={ctx} id="accept-fejl" label="Jeg har læst betingelserne" checked={false} error="Sæt kryds for at gå videre" />
        <Checkbox ctx={ctx} id="accept-deaktiveret" label="Jeg har læst betingelserne" checked disabled />
      </Section>

      <Section id="sogefelter" title="Søgefelt">
        <SearchField ctx={ctx} id="sog-tom" label="Søg i idébanken" button="Søg" />
        <SearchField ctx={ctx} id="sog-udfyldt" label="Søg i idébanken" hint="Skriv et eller flere ord" value="pårørende" button="Søg" />
        <SearchField ctx={ctx} id="sog-fejl" label="Søg i idébanken" value="x" error="Skriv mindst to tegn" button="Søg" />
        <SearchField ctx={ctx} id="sog-deaktiveret" label="Søg i idébanken" disabled button="Søg" />
      </Section>

      <Section id="rullelister" title="Rulleliste">
        <Select
          ctx={ctx}
          id="fase-tom"
          label="Fase"
          value=""
          options={[
            { value: '', label: 'Alle faser' },
            { value: 'open', label: 'Åben' },
            { value: 'closed', label: 'Lukket' },
          ]}
        />
        <Select
          ctx={ctx}
          id="fase-valgt"
          label="Fase"
          hint="Vis kun runder i denne fase"
          value="open"
          options={[
            { value: '', label: 'Alle faser' },
            { value: 'open', label: 'Åben' },
          ]}
        />
        <Select ctx={ctx} id="fase-fejl" label="Fase" value="" error="Vælg en fase" options={[{ value: '', label: 'Vælg' }]} />
        <Select ctx={ctx} id="fase-deaktiveret" label="Fase" value="open" disabled options={[{ value: 'open', label: 'Åben' }]} />
      </Section>

      <Section id="dato-og-tid" title="Dato og tidspunkt">
        <DateTimeInput ctx={ctx} id="frist-tom" legend="Frist for indstillinger" date="" time="" labels={{ date: 'Dato', time: 'Tidspunkt' }} />
        <DateTimeInput
          ctx={ctx}
          id="frist-udfyldt"
          legend="Frist for indstillinger"
          hint="Dansk tid"
          date="2026-12-18"
          time="12:00"
          labels={{ date: 'Dato', time: 'Tidspunkt' }}
        />
        <DateTimeInput
          ctx={ctx}
          id="frist-fejl"
          legend="Frist for indstillinger"
          date="2026-12-18"
          time=""
          errorOn="time"
          error="Skriv et tidspunkt"
          labels={{ date: 'Dato', time: 'Tidspunkt' }}
        />
        <DateTimeInput
          ctx={ctx}
          id="frist-deaktiveret"
          legend="Frist for indstillinger"
          date="2026-12-18"
          time="12:00"
          disabled
          labels={{ date: 'Dato', time: 'Tidspunkt' }}
        />
      </Section>

      <Section id="filer" title="Fil">
        <FileInput ctx={ctx} id="fil-tom" label="Vedhæft en fil" hint="PDF, JPG, PNG eller DOCX, højst 10 MB" accept=".pdf,.jpg,.png,.docx" />
        <FileInput ctx={ctx} id="fil-fejl" label="Vedhæft en fil" error="Filen er for stor. Vælg en fil på højst 10 MB" />
        <FileInput ctx={ctx} id="fil-deaktiveret" label="Vedhæft en fil" disabled />
      </Section>

      <Section id="trinindikator" title="Trinindikator">
        <Example title="Første trin">
          <StepIndicator ctx={ctx} id="trin-start" label="Trin i indstillingen (første trin)" steps={steps(0)} />
        </Example>
        <Example title="Tredje trin: to gennemført, et ikke nået">
          <StepIndicator ctx={ctx} id="trin-midt" label="Trin i indstillingen (tredje trin)" steps={steps(2)} />
        </Example>
        <Example title="Med fejl i et trin">
          <StepIndicator ctx={ctx} id="trin-fejl" label="Trin i indstillingen (med fejl)" steps={steps(3, { error: 1 })} />
        </Example>
      </Section>

      <Section id="tabeller" title="Tabel">
        <Table label="Indstillinger">
          <caption>Indstillinger til Initiativprisen 2026</caption>
          <thead>
            <tr>
              <th scope="col">Nummer</th>
              <th scope="col">Kandidat</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>IND-2026-0001</td>
              <td>Akutmodtagelsen, Aarhus Universitetshospital</td>
              <td>
                <Badge status="success">Sendt</Badge>
              </td>
            </tr>
            <tr>
              <td>IND-2026-0002</td>
              <td>Team Hjemmedialyse</td>
              <td>
                <Badge>Kladde</Badge>
              </td>
            </tr>
          </tbody>
        </Table>
        <Table zebra compact label="Point">
          <caption>Point (zebra, kompakt)</caption>
          <thead>
            <tr>
              <th scope="col">Kriterium</th>
              <th scope="col" class="text-align-right">
                Point
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Nyhedsværdi</th>
              <td class="text-align-right">4</td>
            </tr>
            <tr>
              <th scope="row">Værdi for borgerne</th>
              <td class="text-align-right">5</td>
            </tr>
          </tbody>
        </Table>
        <h3 id="sorterbar-tabel">Sorteres på serveren (sorteret stigende efter titel)</h3>
        <Table compact labelledBy="sorterbar-tabel">
          <thead>
            <tr>
              <SortHeader label="Nummer" href="/komponenter?sorter=nummer#tabeller" sorted={null} sortText=". Sortér stigende" />
              <SortHeader
                label="Titel"
                href="/komponenter?sorter=titel&retning=faldende#tabeller"
                sorted="asc"
                sortText=", sorteret stigende. Sortér faldende"
              />
              <SortHeader label="Sendt" href="/komponenter?sorter=sendt#tabeller" sorted={null} sortText=". Sortér faldende" />
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>IND-2026-0002</td>
              <td>Hjemmedialyse med video</td>
              <td>3. marts 2026 kl. 10.15</td>
            </tr>
            <tr>
              <td>IND-2026-0001</td>
              <td>Patientråd i akutmodtagelsen</td>
              <td>2. marts 2026 kl. 14.30</td>
            </tr>
          </tbody>
        </Table>
      </Section>

      <Section id="knapper" title="Knapper">
        <ButtonGroup>
          <Button variant="primary" type="button">
            Primær
          </Button>
          <Button variant="secondary" type="button">
            Sekundær
          </Button>
          <Button variant="tertiary" type="button">
            Tertiær
          </Button>
          <Button variant="warning" type="button">
            Slet
          </Button>
          <Button variant="primary" type="button" disabled>
            Deaktiveret
          </Button>
          <ButtonLink variant="secondary" href="#knapper">
            Link som knap
          </ButtonLink>
        </ButtonGroup>
      </Section>

      <Section id="tags" title="Tags og badges">
        <form method="get" action="/komponenter">
          <Tag name="fjern" value="tema" removable>
            Tema: Psykiatri
          </Tag>{' '}
          <Tag name="fjern" value="aar">
            2026
          </Tag>
        </form>
        <p class="mt-4">
          <Badge status="info">Åben</Badge> <Badge status="success">Vinder</Badge> <Badge status="warning">Frist snart</Badge>{' '}
          <Badge status="error">Afvist</Badge> <Badge>Kladde</Badge>
        </p>
      </Section>

      <Section id="sideskift" title="Sideskift">
        <Example title="Side 1 af 3">
          <Pagination ctx={ctx} current={1} total={3} href={(n) => `/komponenter?side=${n}`} label="Sider (eksempel 1)" />
        </Example>
        <Example title="Side 6 af 12">
          <Pagination ctx={ctx} current={6} total={12} href={(n) => `/komponenter?side=${n}`} label="Sider (eksempel 2)" />
        </Example>
      </Section>

      <Section id="tilbage" title="Tilbage-link">
        <BackLink ctx={ctx} href="/" />
        <BackLink ctx={ctx} href="/priser" text="Tilbage til priserne" />
      </Section>

      <Section id="modaler" title="Modalvindue">
        <ModalButton target="eksempel-modal">Åbn modalvindue</ModalButton>
        <Modal
          ctx={ctx}
          id="eksempel-modal"
          heading="Vil du slette kladden?"
          actions={
            <>
              <Button variant="warning" type="button">
                Slet kladden
              </Button>
              <Button variant="secondary" type="button" data={{ 'data-modal-close': true }}>
                Fortryd
              </Button>
            </>
          }
        >
          <p>Kladden kan ikke findes igen, når den er slettet.</p>
        </Modal>
      </Section>
    </Layout>
  );
}
