import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';

/**
 * The module rule as a check (DESIGN.md, "The layout and its rule"), on any tree of files so
 * that tests can prove it fails on a tiny made-up tree.
 *
 * Words used here:
 *  - a *module* is a top-level folder of src/ other than `platform/` and `db/` (awards/,
 *    nominations/ …). The root files (app.ts, server.ts, config.ts) belong to no module.
 *  - `platform/` is the shared base: it may import itself, `db/database.ts`-level code and
 *    packages, never a module nor the root files (app.ts, server.ts).
 *  - a module is entered through its `index.ts`. The exceptions are its *contract files*:
 *    its table files (`*.schema.ts`: db/schema.ts gathers them for drizzle-kit, and a
 *    repository may join another module's table) and its address book (`urls.ts`: a page
 *    may link to another module's page, also one in a module above it, as a table may refer
 *    to another's). An address book imports nothing but platform/, so it pulls no code along.
 *  - `db/` is the database layer, not a module: the engine (database.ts, which imports no
 *    module), the schema index (schema.ts, which re-exports the modules' `*.schema.ts`) and the
 *    demo seed (seed/, which builds demo data with the modules' own functions, through their
 *    `index.ts` like any other caller). Modules may import db/; db/ is no node of the cycle
 *    check (it sits under and over the modules as a layer, like the root files).
 *  - a *cycle* is one between modules: module A imports B (anything but a contract file) and
 *    B, directly or through others, imports A. Contract files are left out because foreign
 *    keys between tables and links between pages are not calls between modules.
 * Type-only imports count like any other: they couple the code just the same.
 */

export type ImportEdge = { from: string; to: string; specifier: string };
export type Violation = {
  rule: 'platform-imports-module' | 'bypasses-index' | 'module-cycle' | 'urls-imports-code';
  file: string;
  specifier: string;
  message: string;
};

const ROOT_FILES = new Set(['app.ts', 'server.ts', 'config.ts']);
const LAYERS = new Set(['platform', 'db']);

/** The module of a path relative to src/ ('awards/phase.ts' → 'awards'), or null for platform/, db/ and the root files. */
export function moduleOf(path: string): string | null {
  const parts = path.split('/');
  if (parts.length < 2 || parts[0] === '..') return null;
  return LAYERS.has(parts[0]!) ? null : parts[0]!;
}

const isUrlsFile = (path: string) => /^[^/]+\/urls\.ts$/.test(path);
/** A table file or an address book: importable from any module, and no edge of the cycle check. */
const isSchemaFile = (path: string) => /\.schema\.tsx?$/.test(path) || isUrlsFile(path);
const isIndex = (path: string, module: string) => path === `${module}/index.ts` || path === `${module}/index.tsx`;

/** Every relative import, export-from and dynamic import() of one source text. */
export function specifiersOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * The import edges between files of a tree. `files` maps a path relative to src/ ('a/b.ts')
 * to its text; an import is resolved like NodeNext does for our code ('./x.js' is x.ts, x.tsx
 * or x.js). Package imports are not edges; an import that leaves the tree (src/ importing
 * test/) is an edge to '../…'.
 */
export function importEdges(files: ReadonlyMap<string, string>): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const [from, source] of files) {
    for (const specifier of specifiersOf(source)) {
      if (!specifier.startsWith('.')) continue;
      const joined = posix.normalize(posix.join(posix.dirname(from), specifier));
      const candidates = [joined, joined.replace(/\.js$/, '.ts'), joined.replace(/\.js$/, '.tsx'), `${joined}/index.ts`];
      const to = candidates.find((c) => files.has(c)) ?? joined;
      edges.push({ from, to, specifier });
    }
  }
  return edges;
}

/** The breaks of the rule in a tree, each naming the file and the import. */
export function checkImports(files: ReadonlyMap<string, string>): Violation[] {
  const edges = importEdges(files);
  const violations: Violation[] = [];
  for (const e of edges) {
    const fromModule = moduleOf(e.from);
    const toModule = moduleOf(e.to);
    if (e.from.startsWith('platform/') && (toModule !== null || ROOT_FILES.has(e.to) || ROOT_FILES.has(e.to.replace(/\.tsx?$/, '.ts')))) {
      violations.push({
        rule: 'platform-imports-module',
        file: e.from,
        specifier: e.specifier,
        message: `platform/ imports no module: ${e.from} imports '${e.specifier}' (${e.to})`,
      });
      continue;
    }
    if (isUrlsFile(e.from) && !e.to.startsWith('platform/')) {
      violations.push({
        rule: 'urls-imports-code',
        file: e.from,
        specifier: e.specifier,
        message: `an address book imports only platform/: ${e.from} imports '${e.specifier}' (${e.to})`,
      });
    }
    if (toModule !== null && fromModule !== toModule && !isSchemaFile(e.to) && !isIndex(e.to, toModule)) {
      violations.push({
        rule: 'bypasses-index',
        file: e.from,
        specifier: e.specifier,
        message: `${e.from} imports '${e.specifier}' (${e.to}): use ${toModule}/index.ts`,
      });
    }
  }
  for (const { group, cycle } of moduleCycles(edges)) {
    // Name one import of each step, so the cycle can be found in the code.
    const steps = cycle.map((m, i) => {
      const next = cycle[(i + 1) % cycle.length]!;
      const e = edges.find((x) => moduleOf(x.from) === m && moduleOf(x.to) === next && !isSchemaFile(x.to))!;
      return `${e.from} → '${e.specifier}'`;
    });
    violations.push({
      rule: 'module-cycle',
      file: steps[0]!.split(' ')[0]!,
      specifier: group.join(' '),
      message: `cycle between modules ${[...cycle, cycle[0]].join(' → ')} (all of ${group.join(', ')} reach each other): ${steps.join('; ')}`,
    });
  }
  return violations;
}

/**
 * The module graph (table files left out) and its cycles: one per group of two or more modules
 * that all reach each other (a strongly connected component), with one concrete cycle in it.
 */
export function moduleCycles(edges: readonly ImportEdge[]): { group: string[]; cycle: string[] }[] {
  const graph = new Map<string, Set<string>>();
  for (const e of edges) {
    const a = moduleOf(e.from);
    const b = moduleOf(e.to);
    if (a === null || b === null || a === b || isSchemaFile(e.to)) continue;
    if (!graph.has(a)) graph.set(a, new Set());
    if (!graph.has(b)) graph.set(b, new Set());
    graph.get(a)!.add(b);
  }
  // Tarjan's strongly connected components; each component of two or more is a cycle.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) groups.push(group);
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  // Within a group, name one concrete cycle (a shortest path back to its first module).
  return groups.map((unsorted) => {
    const group = [...unsorted].sort();
    const members = new Set(group);
    const start = [...group].sort()[0]!;
    const previous = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const v = queue.shift()!;
      for (const w of graph.get(v) ?? []) {
        if (!members.has(w)) continue;
        if (w === start) {
          const path = [v];
          while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
          return { group, cycle: path };
        }
        if (!previous.has(w)) {
          previous.set(w, v);
          queue.push(w);
        }
      }
    }
    return { group, cycle: group };
  });
}

/** The source files of a folder (src/), keyed by their path relative to it with '/' separators. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) files.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}
