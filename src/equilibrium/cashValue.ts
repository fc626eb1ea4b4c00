/**
 * Differences of the value of cash on hand, G(x) = max_a' u((x - a') / (1 + tau_c)) + beta E V(a'),
 * under one endogenous-grid step's policy a'(x) (linear between the endogenous points x_k, 0 below
 * x_0, the last piece extended): G(x2) - G(x1) = integral of G'(x) = u'(c(x)) / (1 + tau_c).
 *
 * Why: the plan iterates on V_a only, yet a household whose labour condition has several roots (a
 * non-convex income tax) must take the one worth most. At a state the value of a work share h is
 * G(x(h)) - v(h), so two roots compare by G's difference, and c(x) is linear on each piece of
 * a'(x): the integral is exact there, (u(c_b) - u(c_a)) / (1 - slope), taken in a form that stays
 * accurate when the slope nears 1 (c constant) or c_b nears c_a.
 */
import type { Preferences } from '../economy/householdBudget.js';
import { bracketIndex } from './assetGrid.js';

/** G(x2) - G(x1) on the policy (assets[k] chosen at cash on hand xEndo[k]); tc = 1 + tau_c. */
export function cashValueGain(x1: number, x2: number, assets: Float64Array, xEndo: Float64Array, tc: number, preferences: Preferences): number {
  if (x2 < x1) return -cashValueGain(x2, x1, assets, xEndo, tc, preferences);
  const n = assets.length;
  let gain = 0, x = x1;
  if (x < xEndo[0]) {
    // below the endogenous grid nothing is saved: c = x / tc
    const end = Math.min(x2, xEndo[0]);
    gain += pieceGain(x, end, x / tc, 0, tc, preferences);
    x = end;
  }
  if (x >= x2) return gain;
  // the piece [xEndo[k], xEndo[k + 1]) holding x, as labourGap finds it
  let k = x >= xEndo[n - 1] ? n - 2 : bracketIndex(xEndo, x);
  while (x < x2) {
    const end = k < n - 2 ? Math.min(x2, xEndo[k + 1]) : x2;
    const slope = (assets[k + 1] - assets[k]) / (xEndo[k + 1] - xEndo[k]);
    const c = (x - (assets[k] + slope * (x - xEndo[k]))) / tc;
    gain += pieceGain(x, end, c, slope, tc, preferences);
    x = end;
    k++;
  }
  return gain;
}

/** The integral of u'(c) / tc over [x, end] where c starts at c and rises by (1 - slope) / tc per USD. */
function pieceGain(x: number, end: number, c: number, slope: number, tc: number, preferences: Preferences): number {
  const dx = end - x;
  if (dx === 0) return 0;
  const s = preferences.consumptionScaleUsd, sigma = preferences.crra;
  const mu = sigma === 1 ? 1 / c : Math.pow(c / s, -sigma) / s;
  // y = (c_end - c) / c; the integral is dx u'(c) / tc * ((1 + y)^(1 - sigma) - 1) / ((1 - sigma) y), log1p(y) / y at sigma = 1
  const y = ((1 - slope) * dx) / (tc * c);
  const e = 1 - sigma;
  const shape = y === 0 ? 1 : sigma === 1 ? Math.log1p(y) / y : Math.expm1(e * Math.log1p(y)) / (e * y);
  return ((dx * mu) / tc) * shape;
}
