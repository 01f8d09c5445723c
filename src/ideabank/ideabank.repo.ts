import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, inTransaction } from '../db/database.js';
import { awards, editions, organisations } from '../awards/awards.schema.js';
import { identityProviders } from '../accounts/accounts.schema.js';
import { nominations } from '../nominations/nominations.schema.js';
import { adoptions, solutionImages, solutionNominations, solutions, type SolutionStatus } from './ideabank.schema.js';
import { distinctWords, excludedWords, PAGE_SIZE, wantedWords, type SearchQuery } from './search-query.js';

/** Marks around the words ts_headline highlights; private-use characters no text contains. */
export const MARK_START = '\uE000';
export const MARK_END = '\uE001';

/** Every search runs under this statement timeout (ms), on both engines. */
export const SEARCH_TIMEOUT_MS = 2_000;
/** pg_trgm's word similarity a search word needs to match a misspelt word ("sygeplejerke"). */
export const TYPO_THRESHOLD = 0.5;

export type SolutionHit = {
  id: number;
  title: string;
  /** The English title; null: English pages show the Danish one, marked lang="da". */
  titleEn: string | null;
  summary: string;
  /** The English summary; null: English pages show the Danish snippet, marked lang="da". */
  summaryEn: string | null;
  organisationName: string;
  unitName: string;
  status: SolutionStatus;
  year: number;
  tags: string[];
  createdAt: Date;
  adoptionCount: number;
  /** The relevance the page is sorted by; 0 when it is sorted by date (not computed then). */
  rank: number;
  /** A fragment of summary and description with MARK_START/MARK_END around matched words. */
  snippet: string;
};

export type FacetValue = { value: string; label: string; count: number };
export type Facets = { organisation: FacetValue[]; unit: FacetValue[]; status: FacetValue[]; tag: FacetValue[]; prize: FacetValue[]; year: FacetValue[] };
/** How many of the resembling title words a typo search reports. */
export const RESEMBLING_LIMIT = 10;

/**
 * `resembling`: when nothing matched the search words exactly and the typo-tolerant search
 * answered, the title words it found instead, closest first (at most RESEMBLING_LIMIT), so the
 * page can say what it shows.
 */
export type SearchResult = { total: number; hits: SolutionHit[]; facets: Facets; resembling: string[] };

/**
 * How a search's text matches. 'exact': Danish full-text search (stemmed words, and the words
 * as prefixes), or every word as a substring of the lowercased title, summary, organisation
 * and unit, which finds closed compounds ("klinik" in "sygeplejerskeklinikken"); all cheap,
 * served by the GIN indexes. 'fuzzy', tried only when 'exact' finds nothing: every search word
 * of 3 letters or more resembles a word of the title (typos: "sygeplejerke"). The words it
 * resembles are looked up among the titles' words (solution_title_words, by trigram word
 * similarity), and the titles holding them are found through the full-text index, so a typo
 * costs about what a search for the words it resembles costs.
 */
export type MatchMode = 'exact' | 'fuzzy';

/** Words as one text[] parameter list. */
const textArray = (words: string[]) =>
  sql`array[${sql.join(
    words.map((w) => sql`${w}`),
    sql`, `,
  )}]::text[]`;

/** A word as a quoted tsquery operand, its quotes and backslashes doubled. */
const quotedWord = (column: SQL) => sql`'''' || replace(replace(${column}, '\\', '\\\\'), '''', '''''') || ''''`;

/**
 * The title words that resemble each of `words` (n: the word's place), by trigram word
 * similarity at pg_trgm's threshold, with their similarity and the best of that word's; words
 * that are only stop words are left out.
 */
function resemblingTitleWords(words: string[]): SQL {
  return sql`select w.n, x.word, word_similarity(w.word, x.word) as similarity,
      max(word_similarity(w.word, x.word)) over (partition by w.n) as best
    from unnest(${textArray(words)}) with ordinality as w(word, n)
    join solution_title_words x on x.solutions > 0 and w.word <% x.word and to_tsvector('danish'::regconfig, x.word) <> ''::tsvector`;
}

/**
 * For typo-tolerant matching: a tsquery that holds, for every search word, the title words it
 * resembles by trigram word similarity (pg_trgm's threshold, set for the search's transaction;
 * words that are only stop words left out), ORed and restricted to the title (weight A), the
 * search words ANDed; and the same with only each search word's closest title words. NULL
 * (matching nothing) when a search word resembles no title word. The title words come from
 * solution_title_words, never from the visitor's text (the search words are parameters), and
 * are quoted; to_tsquery stems them as the search document was stemmed. `words`: the title
 * words found, as JSON.
 */
function typoQueries(words: string[]): { query: SQL; closest: SQL; words: SQL } {
  const resembling = resemblingTitleWords(words);
  const build = (
    onlyClosest: boolean,
  ) => sql`(select case when count(*) = ${words.length} then to_tsquery('danish'::regconfig, string_agg(alternatives, ' & ' order by n)) end
    from (select n, '(' || string_agg(${quotedWord(sql`word`)} || ':A', ' | ' order by word) || ')' as alternatives
      from (${resembling}) r ${onlyClosest ? sql`where similarity = best` : sql``} group by n) g)`;
  // The title words found, closest first, for the page to name (SearchResult.resembling).
  const found = sql`(select coalesce(json_agg(word order by similarity desc, word), '[]'::json) from (
      select word, max(similarity) as similarity from (${resembling}) r group by word order by 2 desc, word limit ${RESEMBLING_LIMIT}
    ) w)`;
  return { query: build(false), closest: build(true), words: found };
}

/**
 * The text condition and rank of a search. The visitor's text never reaches to_tsquery raw:
 * websearch_to_tsquery takes it as it is, and the prefix query is built from words of letters
 * and digits only.
 */
function textMatch(text: string, mode: MatchMode): { where: SQL; rank: SQL; headline?: SQL; resembling?: SQL } | null {
  const words = wantedWords(text);
  const excluded = excludedWords(text);
  // "-ærø" excludes every solution where the word occurs, also inside a compound.
  const exclude = excluded.length
    ? sql` and not (${sql.join(
        excluded.map((w) => sql`s.search_vector @@ plainto_tsquery('danish'::regconfig, ${w}) or s.search_text like ${`%${w}%`}`),
        sql` or `,
      )})`
    : sql``;
  if (words.length === 0) return excluded.length ? { where: sql`(true${exclude})`, rank: sql`0::real` } : null;
  const web = sql`websearch_to_tsquery('danish'::regconfig, ${text})`;
  const prefix = sql`to_tsquery('danish'::regconfig, ${words.map((w) => `${w}:*`).join(' & ')})`;
  const long = words.filter((w) => w.length >= 3);
  const ftsRank = sql`ts_rank('{0.2, 0.4, 0.7, 1.0}', s.search_vector, ${web} || ${prefix})`;
  if (mode === 'fuzzy') {
    if (long.length === 0) return null;
    const typos = typoQueries(long);
    return {
      where: sql`(s.search_vector @@ ${typos.query}${exclude})`,
      // The titles holding the closest words first, then the newest. (ts_rank adds nothing
      // here: every match is a title match of about the same words, and it cost a fifth of
      // the search.)
      rank: sql`(case when s.search_vector @@ ${typos.closest} then 1 else 0 end)::real`,
      headline: typos.query,
      resembling: typos.words,
    };
  }
  const substrings =
    long.length === words.length
      ? sql.join(
          long.map((w) => sql`s.search_text like ${`%${w}%`}`),
          sql` and `,
        )
      : sql`false`;
  const inTitle = long.length
    ? sql.join(
        long.map((w) => sql`s.title_lower like ${`%${w}%`}`),
        sql` and `,
      )
    : sql`false`;
  // One plain word ("børn"): its full-text match is implied by its prefix match (the same
  // stem, as a prefix), so it is left out of the condition. The result is the same; the
  // planner's estimate of the OR is then near the truth instead of about twice it, which kept
  // flipping a broad word with a filter to a scan of the whole table.
  const oneWord = excluded.length === 0 && words.length === 1 && /^\p{L}+$/u.test(words[0]!) && text.toLowerCase() === words[0];
  return {
    // The substring test first: most broad matches are compounds, and OR stops at the first true.
    where: sql`(((${substrings}) or ${oneWord ? sql`` : sql`s.search_vector @@ ${web} or `}s.search_vector @@ ${prefix})${exclude})`,
    rank: sql`(${ftsRank} + case when ${inTitle} then 0.3 else 0 end)`,
  };
}

function filters(q: SearchQuery): SQL[] {
  const out: SQL[] = [];
  if (q.organisation !== null) out.push(sql`s.organisation_name = ${q.organisation}`);
  if (q.unit !== null) out.push(sql`s.unit_name = ${q.unit}`);
  if (q.status !== null) out.push(sql`s.status = ${q.status}`);
  if (q.tag !== null) out.push(sql`s.tags @> jsonb_build_array(${q.tag}::text)`);
  if (q.year !== null) out.push(sql`s.year = ${q.year}`);
  if (q.prize !== null) {
    out.push(sql`exists (select 1 from solution_nominations sn
      join nominations n on n.id = sn.nomination_id
      join editions e on e.id = n.edition_id
      join awards a on a.id = e.award_id
      where sn.solution_id = s.solution_id and sn.role = 'nominated' and a.slug = ${q.prize})`);
  }
  return out;
}

/**
 * The matching solutions with only what the page and the facets need, as a CTE body, and
 * whether there is any condition at all. The rank is computed only when the page is sorted by it.
 * `headline`: what the snippets highlight when it is not the search text itself (the title
 * words a misspelt word resembles); `resembling`: those words as JSON.
 */
function matchedCte(q: SearchQuery, mode: MatchMode): { body: SQL; conditional: boolean; headline: SQL | null; resembling: SQL | null } {
  const m = textMatch(q.text, mode);
  const conditions = [...(m ? [m.where] : mode === 'fuzzy' ? [sql`false`] : []), ...filters(q)];
  const where = conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  const rank = m && q.sort === 'relevance' ? m.rank : sql`0::real`;
  return {
    body: sql`select s.solution_id as id, s.created_at, s.organisation_key, s.unit_key, s.status_key, s.year, s.tag_list_key, ${rank} as rank from solution_search s ${where}`,
    conditional: conditions.length > 0,
    headline: m?.headline ?? null,
    resembling: m?.resembling ?? null,
  };
}

/**
 * Runs `work` in a transaction with the search's settings, all local to it (one statement):
 * the statement timeout, the trigram threshold, and the cost of reading a page out of order
 * (random_page_cost) at 1.1 instead of 4, because the search table and its indexes are read
 * from memory or SSD: at 4 the planner would not AND a text index's bitmap with the
 * organisation's or unit's index and so read the rows of every organisation (`børn` in Region
 * Midtjylland: 24,000 rows read for 12,000 kept, 32 ms against 20 ms).
 */
export async function withSearchLimits<T>(db: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  return inTransaction(db, async (tx) => {
    await tx.execute(
      sql`select set_config('statement_timeout', ${String(SEARCH_TIMEOUT_MS)}, true), set_config('pg_trgm.word_similarity_threshold', ${String(TYPO_THRESHOLD)}, true), set_config('random_page_cost', '1.1', true)`,
    );
    return work(tx);
  });
}

/**
 * One statement for a whole search: the total, one page of hits (with a highlighted snippet
 * and the number of adoptions) and, when asked, the facet counts over every matching
 * solution. Exported for EXPLAIN and the benchmark.
 *
 * Cost: a search costs about its number of matching solutions, so the per-match work is kept
 * small. The matching set, the total, the facets, the rank and the order come from
 * solution_search (the narrow, trigger-kept copy of what searching needs: no description
 * text, contact or owner), so each match reads a narrow row; `solutions` is read for the
 * page's hits only. The matching set is computed once (a materialized CTE of ids, the
 * numbers of the facet values and the rank only); the snippet and the adoption count are
 * computed for the page's hits only; one hash aggregation (grouping sets) counts the total and
 * every facet in one pass by those numbers, the tags by distinct tag list (then unnested, so
 * each list is unpacked once, not once per solution). Without any condition (the bare
 * /idebank) the set is the whole table and is not materialized: the page comes from the
 * created_at index (newest first) and the total and facets from solution_facet_counts.
 */
export function searchQuery(
  q: SearchQuery,
  { mode = 'exact', pageSize = PAGE_SIZE, facets = true, facetLimit = 15 }: { mode?: MatchMode; pageSize?: number; facets?: boolean; facetLimit?: number } = {},
): SQL {
  const order = q.sort === 'date' ? sql`created_at desc, id desc` : sql`rank desc, created_at desc, id desc`;
  const offset = (q.page - 1) * pageSize;
  const cte = matchedCte(q, q.text ? mode : 'exact');
  const highlighted = cte.headline ?? (q.text ? sql`websearch_to_tsquery('danish'::regconfig, ${q.text})` : sql`''::tsquery`);
  // Without any condition (the bare /idebank) every solution matches: the total and the facet
  // counts are read from solution_facet_counts, which triggers keep exact in advance, instead
  // of being counted over the whole table at each visit.
  const counted = facets && cte.conditional;
  // The matches are counted by the numbers of their facet values (solution_facet_counts.key);
  // the values' texts are looked up afterwards for the few hundred groups only.
  // grouping(organisation_key, unit_key, status_key, year, tag_list_key): a bit per column, 1 when the set leaves it out.
  const groups = counted
    ? sql`, groups as (
        select grouping(organisation_key, unit_key, status_key, year, tag_list_key) as g, organisation_key, unit_key, status_key, year, tag_list_key, count(*)::int as count
        from matched group by grouping sets ((organisation_key), (unit_key), (status_key), (year), (tag_list_key), ())
      )`
    : sql``;
  const total = counted
    ? sql`(select coalesce(sum(count), 0)::int from groups where g = 31)`
    : cte.conditional
      ? sql`(select count(*)::int from matched)`
      : sql`(select coalesce(max(solutions), 0)::int from solution_facet_counts where facet = 'total')`;
  // Each facet's values, most solutions first (ties by value), the first `facetLimit` of each;
  // an empty organisation, unit, status or year is no value to filter by.
  const valueCounts = counted
    ? sql`select facet, value, count from (
          select case g when 15 then 'organisation' when 23 then 'unit' when 27 then 'status' else 'year' end as facet,
            coalesce(f.value, groups.year::text) as value, count
          from groups left join solution_facet_counts f on f.key = coalesce(groups.organisation_key, groups.unit_key, groups.status_key)
          where g in (15, 23, 27, 29)
        ) v where value <> ''
        union all
        select 'tag', tag, sum(count)::int from groups join solution_facet_counts f on f.key = groups.tag_list_key
          cross join lateral jsonb_array_elements_text(f.value::jsonb) as tag where g = 30 group by tag`
    : sql`select facet, value, solutions as count from solution_facet_counts where solutions > 0 and facet in ('organisation', 'unit', 'status', 'year', 'tag') and (facet = 'tag' or value <> '')`;
  // The prizes the matching solutions were nominated for; without a condition, every linked solution.
  const prizeMatch = cte.conditional ? sql`join matched on matched.id = sn.solution_id` : sql``;
  const facetSql = facets
    ? sql`(select coalesce(json_agg(json_build_object('facet', facet, 'value', value, 'label', label, 'count', count) order by facet, n), '[]'::json) from (
        (select facet, value, value as label, count, n from (
          select facet, value, count, row_number() over (partition by facet order by count desc, value) as n from (${valueCounts}) c
        ) o where n <= ${facetLimit})
        union all
        (select 'prize', slug, name, count, row_number() over (order by count desc, name) from (
          select a.slug, a.name, count(distinct sn.solution_id)::int as count from solution_nominations sn
            ${prizeMatch}
            join nominations n on n.id = sn.nomination_id
            join editions e on e.id = n.edition_id
            join awards a on a.id = e.award_id
          where sn.role = 'nominated'
          group by a.slug, a.name
        ) p)
      ) f)`
    : sql`'[]'::json`;
  return sql`with matched as ${cte.conditional ? sql`materialized` : sql`not materialized`} (${cte.body})${groups},
      page as (select id, rank from matched order by ${order} limit ${pageSize} offset ${offset}),
      hits as (
        select s.id, s.title, s.title_en as "titleEn", s.summary, s.summary_en as "summaryEn", s.organisation_name as "organisationName", s.unit_name as "unitName",
          s.status, s.year, s.tags, s.created_at as "createdAt", p.rank::float8 as rank,
          (select count(*)::int from adoptions a where a.solution_id = s.id) as "adoptionCount",
          ts_headline('danish'::regconfig, s.summary || ' ' || s.description, ${highlighted},
            ${`StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`}) as snippet
        from page p join solutions s on s.id = p.id
      )
      select ${total} as total,
        (select coalesce(json_agg(h order by ${q.sort === 'date' ? sql`h."createdAt" desc, h.id desc` : sql`h.rank desc, h."createdAt" desc, h.id desc`}), '[]'::json) from hits h) as hits,
        ${facetSql} as facets,
        ${cte.resembling ?? sql`'[]'::json`} as resembling`;
}

type HitJson = Omit<SolutionHit, 'createdAt'> & { createdAt: string };
type SearchRow = {
  total: number;
  hits: HitJson[] | string;
  facets: { facet: keyof Facets; value: string; label: string; count: number }[] | string;
  resembling: string[] | string;
};

const parseJson = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * Runs a search (call inside withSearchLimits): exact matching first, and only when that finds
 * nothing, the typo-tolerant matching.
 */
export async function runSearch(db: Database, q: SearchQuery, opts: { pageSize?: number; facets?: boolean } = {}): Promise<SearchResult & { mode: MatchMode }> {
  let mode: MatchMode = 'exact';
  // With search words, every text condition is served by a GIN index (trigrams or full text).
  // The planner's estimate of an OR of text conditions is rough, and with a filter it has
  // chosen a scan of the whole table (twice as slow) when the index plan was only a little
  // cheaper in its eyes; this keeps the index plan. Only for this search's transaction.
  if (wantedWords(q.text).length > 0) await db.execute(sql.raw('set local enable_seqscan = off'));
  let [row] = await queryRows<SearchRow>(db, searchQuery(q, { ...opts, mode }));
  if (row && row.total === 0 && q.text && wantedWords(q.text).some((w) => w.length >= 3)) {
    mode = 'fuzzy';
    [row] = await queryRows<SearchRow>(db, searchQuery(q, { ...opts, mode }));
  }
  const resembling = mode === 'fuzzy' && (row?.total ?? 0) > 0 ? parseJson(row?.resembling ?? []) : [];
  const facets: Facets = { organisation: [], unit: [], status: [], tag: [], prize: [], year: [] };
  for (const f of parseJson(row?.facets ?? [])) facets[f.facet].push({ value: f.value, label: f.label, count: f.count });
  const order = ['idea', 'tested', 'implemented', 'spread'];
  facets.status.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
  facets.year.sort((a, b) => Number(b.value) - Number(a.value));
  return {
    mode,
    resembling,
    total: row?.total ?? 0,
    facets,
    hits: parseJson(row?.hits ?? []).map((h) => ({ ...h, createdAt: new Date(h.createdAt), rank: Number(h.rank) })),
  };
}

export type SolutionRow = typeof solutions.$inferSelect;

export async function findSolution(db: Database, id: number): Promise<SolutionRow | null> {
  const [row] = await db.select().from(solutions).where(eq(solutions.id, id));
  return row ?? null;
}

export type AdoptionRow = typeof adoptions.$inferSelect;

export async function listAdoptions(db: Database, solutionId: number): Promise<AdoptionRow[]> {
  return db.select().from(adoptions).where(eq(adoptions.solutionId, solutionId)).orderBy(asc(adoptions.adoptedOn), asc(adoptions.id));
}

export type LinkedNomination = {
  nominationId: number;
  role: 'nominated' | 'origin';
  nominationTitle: string;
  awardName: string;
  awardSlug: string;
  year: number;
};

/** The nominations a solution took part in (and the Smartprisen nominations that name it as origin). */
export async function listLinkedNominations(db: Database, solutionId: number): Promise<LinkedNomination[]> {
  return db
    .select({
      nominationId: solutionNominations.nominationId,
      role: solutionNominations.role,
      nominationTitle: nominations.title,
      awardName: awards.name,
      awardSlug: awards.slug,
      year: editions.year,
    })
    .from(solutionNominations)
    .innerJoin(nominations, eq(nominations.id, solutionNominations.nominationId))
    .innerJoin(editions, eq(editions.id, nominations.editionId))
    .innerJoin(awards, eq(awards.id, editions.awardId))
    .where(eq(solutionNominations.solutionId, solutionId))
    .orderBy(desc(editions.year), asc(nominations.id));
}

export async function findLink(db: Database, nominationId: number, role: 'nominated' | 'origin') {
  const [row] = await db
    .select()
    .from(solutionNominations)
    .where(and(eq(solutionNominations.nominationId, nominationId), eq(solutionNominations.role, role)));
  return row ?? null;
}

export type SpreadRow = {
  id: number;
  title: string;
  organisationName: string;
  unitName: string;
  status: SolutionStatus;
  adoptionCount: number;
  organisationCount: number;
};

/** The solutions taken up by the most units. */
export async function mostSpread(db: Database, limit: number): Promise<SpreadRow[]> {
  return queryRows<SpreadRow>(
    db,
    sql`select s.id, s.title, s.organisation_name as "organisationName", s.unit_name as "unitName", s.status,
        count(a.id)::int as "adoptionCount", count(distinct a.organisation_name)::int as "organisationCount"
      from solutions s join adoptions a on a.solution_id = s.id
      group by s.id
      order by count(a.id) desc, s.title
      limit ${limit}`,
  );
}

export type SimilarRow = {
  id: number;
  title: string;
  /** The English title; null: English pages show the Danish one, marked lang="da". */
  titleEn: string | null;
  summary: string;
  organisationName: string;
  unitName: string;
  score: number;
};

/** How many solutions the rarest words of a text may match between them before similar solutions stop adding words to look through. */
export const SIMILAR_CANDIDATE_BUDGET = 1_000;

/**
 * Solutions that resemble a text (a draft's title and summary), most similar first; `excludeId`
 * leaves out the solution being edited. A shared word counts by how rare it is in the idea bank
 * (the log of solutions per solution having it, from solution_lexemes), twice in the title; the
 * text's words are its words of 3 letters or more ("KOL", "Ærø"), stemmed, without stop words,
 * plus the five title words (the shortest among equals) that resemble each of its ten longest
 * words by trigrams (compounds: "klinik" → "sygeplejerskeklinikken"; typos), weighed by their
 * resemblance.
 *
 * Cost: candidates are looked up only through the text's rarest words, as many as together
 * match about SIMILAR_CANDIDATE_BUDGET solutions, and only they are scored, so the cost does not
 * grow with the idea bank. (Scoring every solution that shares any word cost 0.5–0.9 s at
 * 100,000 solutions.) A solution sharing only common words with the text is not suggested while
 * rarer shared words exist, which is what similarity should mean.
 */
export async function similarTo(db: Database, text: string, limit: number, excludeId: number | null): Promise<SimilarRow[]> {
  const words = distinctWords(text.slice(0, 2000), 60, 3);
  if (words.length === 0) return [];
  const longest = words
    .filter((w) => w.length >= 5)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .slice(0, 10);
  // Title words that resemble the text's longer words (compounds: "klinik" →
  // "sygeplejerskeklinikken"; typos), weighed by how much they resemble it, and never above the
  // word's own weight when the word itself is in the idea bank: a rare compound of a common
  // word ("gigtpatienter" for "patienter") must not count as a rare shared word. Hyphenated
  // title words are left out (their parts are title words of their own).
  const resembling = longest.length
    ? sql`union all
      select u.lexeme, t.similarity,
        (select ln(1 + (select n from total) / l.solutions) from unnest(to_tsvector('danish'::regconfig, w.word)) as own
          join solution_lexemes l on l.lexeme = own.lexeme and l.solutions > 0 limit 1)
      from unnest(${textArray(longest)}) as w(word)
        cross join lateral (
          select x.word, word_similarity(w.word, x.word)::float8 as similarity from solution_title_words x
          where x.solutions > 0 and strpos(x.word, '-') = 0 and w.word <% x.word
          order by 2 desc, length(x.word), x.word limit 5
        ) t
        cross join lateral unnest(to_tsvector('danish'::regconfig, t.word)) as u`
    : sql``;
  return queryRows<SimilarRow>(
    db,
    sql`with total as (
        select greatest(coalesce(max(solutions), 0), 1)::float8 as n from solution_facet_counts where facet = 'total'
      ), draft (lexeme, weight, cap) as (
        select u.lexeme, 1::float8, null::float8 from unnest(to_tsvector('danish'::regconfig, array_to_string(${textArray(words)}, ' '))) as u
        ${resembling}
      ), known as (
        select d.lexeme, l.solutions as df,
          max(d.weight * least(ln(1 + (select n from total) / l.solutions), coalesce(d.cap, 'infinity'::float8))) as idf,
          (${quotedWord(sql`d.lexeme`)})::tsquery as anywhere,
          (${quotedWord(sql`d.lexeme`)} || ':A')::tsquery as in_title
        from draft d join solution_lexemes l on l.lexeme = d.lexeme and l.solutions > 0
        group by d.lexeme, l.solutions
      ), rarest as (
        select lexeme from (select lexeme, df, sum(df) over (order by df, lexeme) as running from known) r
        where running - df < ${SIMILAR_CANDIDATE_BUDGET}
      ), candidates as materialized (
        select ss.solution_id, ss.search_vector from solution_search ss
        where ss.search_vector @@ (select string_agg(${quotedWord(sql`lexeme`)}, ' | ')::tsquery from rarest)
          ${excludeId === null ? sql`` : sql`and ss.solution_id <> ${excludeId}`}
      ), scored as (
        select c.solution_id, sum(k.idf * case when c.search_vector @@ k.in_title then 2 else 1 end)::float8 as score
        from candidates c join known k on c.search_vector @@ k.anywhere
        group by c.solution_id
        order by score desc, c.solution_id
        limit ${limit}
      )
      select s.id, s.title, s.title_en as "titleEn", s.summary, s.organisation_name as "organisationName", s.unit_name as "unitName", m.score
      from scored m join solutions s on s.id = m.solution_id
      order by m.score desc, s.id`,
  );
}

export type FeedRow = { id: number; title: string; summary: string; organisationName: string; unitName: string; createdAt: Date; updatedAt: Date };

export async function newestSolutions(db: Database, limit: number): Promise<FeedRow[]> {
  return db
    .select({
      id: solutions.id,
      title: solutions.title,
      summary: solutions.summary,
      organisationName: solutions.organisationName,
      unitName: solutions.unitName,
      createdAt: solutions.createdAt,
      updatedAt: solutions.updatedAt,
    })
    .from(solutions)
    .orderBy(desc(solutions.createdAt), desc(solutions.id))
    .limit(limit);
}

export type ImageRow = typeof solutionImages.$inferSelect;

export async function listSolutionImages(db: Database, solutionId: number): Promise<ImageRow[]> {
  return db.select().from(solutionImages).where(eq(solutionImages.solutionId, solutionId)).orderBy(asc(solutionImages.id));
}

export async function findSolutionImage(db: Database, imageId: number): Promise<ImageRow | null> {
  const [row] = await db.select().from(solutionImages).where(eq(solutionImages.id, imageId));
  return row ?? null;
}

/**
 * The organisations a user is staff of: those they administer, and the one whose enabled
 * identity provider they signed in through (`users.oidc_issuer`). An issuer that several
 * organisations share names none of them (it cannot tell which one the user belongs to).
 */
export async function findStaffOrganisations(db: Database, adminOf: readonly number[], oidcIssuer: string | null): Promise<{ id: number; name: string }[]> {
  const viaProvider = oidcIssuer
    ? await db
        .selectDistinct({ organisationId: identityProviders.organisationId })
        .from(identityProviders)
        .where(and(eq(identityProviders.issuer, oidcIssuer), eq(identityProviders.enabled, true)))
    : [];
  const ids = [...new Set([...adminOf, ...(viaProvider.length === 1 ? [viaProvider[0]!.organisationId] : [])])];
  if (ids.length === 0) return [];
  return db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(inArray(organisations.id, ids))
    .orderBy(asc(organisations.name));
}
