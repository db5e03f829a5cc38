/** How far apart two values are, as Krippendorff's difference functions δ² define it. */
export type AlphaMetric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

/** One coder's value for one unit; `null` or `undefined` when the coder did not judge the unit. */
export type ReliabilityValue = string | number | null | undefined;

/**
 * Krippendorff's alpha over a reliability data matrix: any number of coders,
 * missing values allowed, for nominal, ordinal, interval or ratio data.
 *
 * `data[i][u]` is coder i's value for unit u (the paper's layout: observers
 * as rows, units as columns); rows may differ in length, absent cells count
 * as missing. Units with fewer than two values are not pairable and are left
 * out. From the coincidence matrix o_ck = Σ_u (number of c–k pairs in u) / (m_u − 1),
 * n_c = Σ_k o_ck and n = Σ_c n_c:
 * α = 1 − (n − 1) · Σ_c Σ_k o_ck δ²(c, k) / Σ_c Σ_k n_c n_k δ²(c, k).
 *
 * Difference functions δ²: nominal 0 if c = k else 1; interval (c − k)²;
 * ratio ((c − k)/(c + k))²; ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)² over the
 * values in ascending order.
 *
 * Source: K. Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
 * Annenberg School for Communication, University of Pennsylvania, sections C
 * (multiple observers, missing values) and E (difference functions).
 *
 * Returns `null` when alpha is undefined: no pairable values, or no expected
 * disagreement (every pairable value is the same).
 */
export function krippendorffAlpha(
  data: ReadonlyArray<ReadonlyArray<ReliabilityValue>>,
  metric: AlphaMetric = 'nominal',
): number | null {
  const { values, coincidences } = coincidenceMatrix(data);
  if (metric !== 'nominal' && values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
    throw new TypeError(`${metric} alpha needs finite numbers as values`);
  }
  const k = values.length;
  const marginals = coincidences.map((row) => row.reduce((sum, o) => sum + o, 0));
  const n = marginals.reduce((sum, nc) => sum + nc, 0);
  if (n === 0) return null;
  const delta = differenceFunction(metric, values as number[], marginals);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let j = 0; j < k; j++) {
      if (c === j) continue; // δ²(c, c) = 0 for every metric
      const d = delta(c, j);
      observed += coincidences[c][j] * d;
      expected += marginals[c] * marginals[j] * d;
    }
  }
  if (expected === 0) return null;
  return 1 - ((n - 1) * observed) / expected;
}

/**
 * The coincidence matrix of a reliability data matrix, with the distinct
 * values in ascending order (numbers numerically, then strings) so that
 * ordinal differences can walk them by rank.
 */
export function coincidenceMatrix(data: ReadonlyArray<ReadonlyArray<ReliabilityValue>>): {
  values: (string | number)[];
  coincidences: number[][];
} {
  const unitCount = Math.max(0, ...data.map((row) => row.length));
  const perUnit: Map<string | number, number>[] = [];
  const distinct = new Set<string | number>();
  for (let u = 0; u < unitCount; u++) {
    const counts = new Map<string | number, number>();
    for (const row of data) {
      const v = row[u];
      if (v === null || v === undefined) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    perUnit.push(counts);
  }
  for (const counts of perUnit) {
    if (pairable(counts)) for (const v of counts.keys()) distinct.add(v);
  }
  const values = [...distinct].sort(compareValues);
  const index = new Map(values.map((v, i) => [v, i]));
  const coincidences = values.map(() => values.map(() => 0));
  for (const counts of perUnit) {
    if (!pairable(counts)) continue;
    const m = [...counts.values()].reduce((sum, c) => sum + c, 0);
    for (const [c, nc] of counts) {
      for (const [k, nk] of counts) {
        const pairs = c === k ? nc * (nc - 1) : nc * nk;
        coincidences[index.get(c)!][index.get(k)!] += pairs / (m - 1);
      }
    }
  }
  return { values, coincidences };
}

function pairable(counts: Map<string | number, number>): boolean {
  let m = 0;
  for (const c of counts.values()) m += c;
  return m >= 2;
}

function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function differenceFunction(
  metric: AlphaMetric,
  values: number[],
  marginals: number[],
): (c: number, k: number) => number {
  switch (metric) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (values[c] - values[k]) ** 2;
    case 'ratio':
      return (c, k) => {
        const sum = values[c] + values[k];
        return sum === 0 ? 0 : ((values[c] - values[k]) / sum) ** 2;
      };
    case 'ordinal': {
      // cumulative[i] = n_0 + … + n_{i−1}, so Σ_{g=c..k} n_g = cumulative[k+1] − cumulative[c].
      const cumulative = [0];
      for (const nc of marginals) cumulative.push(cumulative.at(-1)! + nc);
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        return (cumulative[hi + 1] - cumulative[lo] - (marginals[c] + marginals[k]) / 2) ** 2;
      };
    }
  }
}
