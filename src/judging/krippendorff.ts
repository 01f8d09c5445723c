/**
 * Krippendorff's alpha for interval data, with missing values. Pure.
 *
 * Input is a reliability data matrix: one row per coder (committee member), one column per
 * unit (nomination, or nomination × criterion), `null`/`undefined` where the coder gave no
 * value (a conflicted member, a skipped nomination). Rows may have different lengths; a
 * value past the end of a row is missing.
 *
 * Following Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011):
 * only units with at least two values are pairable; n is the number of pairable values,
 *   D_o = (1/n)        Σ_u 1/(m_u − 1) Σ_{i≠j in u} (v_i − v_j)²
 *   D_e = (1/(n(n−1))) Σ_{c≠k over all pairable values} (v_c − v_k)²
 *   alpha = 1 − D_o / D_e
 * The pair sums use Σ_{i≠j}(v_i − v_j)² = 2(m Σv² − (Σv)²), so the cost is linear in the
 * number of values (values are centred first to keep that identity numerically stable).
 */

export type AlphaResult =
  | { alpha: number; pairableValues: number; pairableUnits: number; observedDisagreement: number; expectedDisagreement: number }
  | { alpha: null; reason: 'too-few-pairable' | 'no-variation'; message: string; pairableValues: number; pairableUnits: number };

export type ReliabilityData = ReadonlyArray<ReadonlyArray<number | null | undefined>>;

export function krippendorffAlphaInterval(data: ReliabilityData): AlphaResult {
  const unitCount = data.reduce((m, row) => Math.max(m, row.length), 0);

  // Gather the values of each unit.
  const units: number[][] = Array.from({ length: unitCount }, () => []);
  data.forEach((row, c) => {
    row.forEach((v, u) => {
      if (v === null || v === undefined) return;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new RangeError(`Value for coder ${c}, unit ${u} is not a finite number: ${String(v)}`);
      }
      units[u]!.push(v);
    });
  });
  const start = [0];
  for (const vs of units) start.push(start[start.length - 1]! + vs.length);
  return krippendorffAlphaOfUnits({ values: units.flat(), start, unitCount });
}

/**
 * The values of each unit one after another, in the coders' order: unit u's are
 * `values[start[u] … start[u + 1])`. The committee overview gathers its 10,000 scores so
 * (normalise.ts reliabilityUnitsOfColumns), without a matrix of nulls or an array per unit.
 */
export type UnitValues = { values: ArrayLike<number>; start: ArrayLike<number>; unitCount: number };

/** Krippendorff's alpha (interval) of finite values gathered by unit; krippendorffAlphaInterval's arithmetic, in the same order. */
export function krippendorffAlphaOfUnits({ values, start, unitCount }: UnitValues): AlphaResult {
  let n = 0;
  let total = 0;
  let pairableUnits = 0;
  for (let u = 0; u < unitCount; u++) {
    if (start[u + 1]! - start[u]! < 2) continue;
    pairableUnits++;
    for (let j = start[u]!; j < start[u + 1]!; j++) {
      n++;
      total += values[j]!;
    }
  }

  if (n < 2) {
    return {
      alpha: null,
      reason: 'too-few-pairable',
      message: 'Der er for få vurderinger at sammenligne: mindst én indstilling skal have mindst to vurderinger.',
      pairableValues: n,
      pairableUnits,
    };
  }

  const centre = total / n;
  let observed = 0; // Σ_u 1/(m_u−1) Σ_{i≠j} δ²
  let sumSq = 0;
  let sum = 0;
  for (let u = 0; u < unitCount; u++) {
    const m = start[u + 1]! - start[u]!;
    if (m < 2) continue;
    let s = 0;
    let ss = 0;
    for (let j = start[u]!; j < start[u + 1]!; j++) {
      const v = values[j]! - centre;
      s += v;
      ss += v * v;
    }
    observed += (2 * (m * ss - s * s)) / (m - 1);
    sum += s;
    sumSq += ss;
  }
  const expectedPairs = 2 * (n * sumSq - sum * sum); // Σ_{c≠k} δ²
  const Do = observed / n;
  const De = expectedPairs / (n * (n - 1));

  if (De <= 1e-12 * Math.max(1, centre * centre)) {
    return {
      alpha: null,
      reason: 'no-variation',
      message: 'Alle vurderinger er ens, så enighed kan ikke måles.',
      pairableValues: n,
      pairableUnits,
    };
  }
  return {
    alpha: 1 - Do / De,
    pairableValues: n,
    pairableUnits,
    observedDisagreement: Do,
    expectedDisagreement: De,
  };
}
