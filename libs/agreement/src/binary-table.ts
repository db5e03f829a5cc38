/**
 * Two coders' yes/no judgements over the same units, counted: the 2×2
 * contingency table every two-coder figure here is computed from.
 */
export interface BinaryTable {
  /** Units both coders labelled 1. */
  both: number;
  /** Units only coder A labelled 1. */
  onlyA: number;
  /** Units only coder B labelled 1. */
  onlyB: number;
  /** Units both coders labelled 0. */
  neither: number;
}

export const emptyTable = (): BinaryTable => ({ both: 0, onlyA: 0, onlyB: 0, neither: 0 });

/** Total number of units in the table. */
export const unitsOf = (t: BinaryTable): number => t.both + t.onlyA + t.onlyB + t.neither;

/** Cell-wise sum: pooling units of several codes or documents. */
export function addTables(...tables: BinaryTable[]): BinaryTable {
  const sum = emptyTable();
  for (const t of tables) {
    sum.both += t.both;
    sum.onlyA += t.onlyA;
    sum.onlyB += t.onlyB;
    sum.neither += t.neither;
  }
  return sum;
}

/** The share of units on which both coders gave the same label; `null` without units. */
export function percentAgreement(t: BinaryTable): number | null {
  const n = unitsOf(t);
  return n === 0 ? null : (t.both + t.neither) / n;
}

/**
 * Cohen's kappa for two coders and two categories:
 * κ = (pₒ − pₑ) / (1 − pₑ), where pₒ is the observed share of agreement and
 * pₑ = p_A(1)·p_B(1) + p_A(0)·p_B(0) the agreement expected by chance from
 * each coder's own marginal proportions.
 *
 * Source: J. Cohen (1960), "A coefficient of agreement for nominal scales",
 * Educational and Psychological Measurement 20(1), 37–46, eq. (1).
 *
 * Undefined, hence `null`, when pₑ = 1 (both coders gave every unit the same
 * single label) or there are no units.
 */
export function cohensKappa(t: BinaryTable): number | null {
  const n = unitsOf(t);
  if (n === 0) return null;
  if (isChanceCertain(t)) return null;
  // κ = (n·agreed − E) / (n² − E) with E = n²·pₑ, all in whole counts: exact
  // (κ = 0 comes out as 0, not 1e−17) as long as n² stays below 2⁵³.
  const a1 = t.both + t.onlyA;
  const b1 = t.both + t.onlyB;
  const chance = a1 * b1 + (n - a1) * (n - b1);
  return (n * (t.both + t.neither) - chance) / (n * n - chance);
}

/**
 * Krippendorff's alpha, nominal metric, for two coders who both labelled
 * every unit (no missing values), with values 0 and 1. From the coincidence
 * matrix of the table (each unit contributes both ordered pairs):
 * α = 1 − (n − 1)·(o₀₁ + o₁₀) / (2·n₀·n₁) = 1 − (n − 1)·(onlyA + onlyB) / (n₀·n₁),
 * with n = 2N pairable values, n₁ = 2·both + onlyA + onlyB and n₀ = n − n₁.
 *
 * Source: K. Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
 * Annenberg School for Communication, University of Pennsylvania, section A
 * (binary data, two observers, no missing data).
 *
 * Undefined, hence `null`, when only one value occurs at all (n₀·n₁ = 0).
 * Equals {@link krippendorffAlpha} on the same data with the nominal metric.
 */
export function binaryNominalAlpha(t: BinaryTable): number | null {
  const n = 2 * unitsOf(t);
  const n1 = 2 * t.both + t.onlyA + t.onlyB;
  const n0 = n - n1;
  if (n0 === 0 || n1 === 0) return null;
  return 1 - ((n - 1) * (t.onlyA + t.onlyB)) / (n0 * n1);
}

/** pₑ = 1 exactly when both coders gave every unit one and the same label (decided on counts, not floats). */
function isChanceCertain(t: BinaryTable): boolean {
  return t.onlyA === 0 && t.onlyB === 0 && (t.both === 0 || t.neither === 0);
}

/**
 * The share of units a coder labelled 1: how much of the text the coder
 * coded with the code (its prevalence), beside which κ and α must be read:
 * with a rare code most units are 0–0, so percent agreement is high whatever
 * the coders did, while κ and α fall with few disagreements. `null` without units.
 */
export function prevalence(t: BinaryTable, side: 'a' | 'b'): number | null {
  const n = unitsOf(t);
  return n === 0 ? null : (t.both + (side === 'a' ? t.onlyA : t.onlyB)) / n;
}

/**
 * Percent agreement over the units at least one coder labelled 1 (the text
 * either coded): both / (both + onlyA + onlyB), the positive agreement that
 * leaves out the text neither coded. Also known as the Jaccard index of the
 * two coders' coverage. `null` when no unit is labelled 1.
 */
export function percentAgreementCoded(t: BinaryTable): number | null {
  const coded = t.both + t.onlyA + t.onlyB;
  return coded === 0 ? null : t.both / coded;
}
