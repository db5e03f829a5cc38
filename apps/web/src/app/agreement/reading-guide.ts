import type { TranslationKey } from '../core/i18n/i18n.service';

/**
 * Plain-language readings of the figures, so a student knows what a number
 * means for the thesis. Kappa: the bands of Landis & Koch (1977), "The
 * measurement of observer agreement for categorical data", Biometrics 33,
 * 159–174. Alpha: Krippendorff (2004), Content Analysis, 2nd ed., p. 241:
 * rely on data with α ≥ .800; draw only tentative conclusions from
 * .667 ≤ α < .800; discard lower.
 */
export function kappaBand(kappa: number | null): TranslationKey {
  if (kappa === null) return 'agreement.band.undefined';
  if (kappa < 0) return 'agreement.band.poor';
  if (kappa <= 0.2) return 'agreement.band.slight';
  if (kappa <= 0.4) return 'agreement.band.fair';
  if (kappa <= 0.6) return 'agreement.band.moderate';
  if (kappa <= 0.8) return 'agreement.band.substantial';
  return 'agreement.band.almostPerfect';
}

export function alphaAdvice(alpha: number | null): TranslationKey {
  if (alpha === null) return 'agreement.band.undefined';
  if (alpha >= 0.8) return 'agreement.alpha.reliable';
  if (alpha >= 0.667) return 'agreement.alpha.tentative';
  return 'agreement.alpha.unreliable';
}
