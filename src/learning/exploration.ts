/**
 * Exploration every off-policy method can use, on actions u in [-1, 1]:
 * - Gaussian noise on the leader's u and on each household's own u;
 * - a shift shared by all households in a year, an AR(1) over the years of an episode:
 *   independent noise averages out over N households, so without a shared part the mean action,
 *   which decides whether the economy survives (only saving shares above about 0.9 survive year
 *   one), would never vary;
 * - uniform episodes: with some probability an episode's households take one action drawn
 *   uniformly (per dimension, held for the episode) instead of the policy's, because the survival
 *   threshold is a cliff that noise around a policy stuck at the other end never reaches;
 * - epsilon-uniform (MADDPG as the authors explore): each household's u is, with probability
 *   epsilon, drawn uniformly.
 */
import type { Rng } from '../economy/rng.js';
import type { Schema } from './settings.js';

export const EXPLORATION_SETTINGS = {
  explorationNoise: { kind: 'number', default: 0.1, min: 0, max: 2, doc: 'standard deviation of the Gaussian noise on every u (the leader\'s and each household\'s own)' },
  populationNoise: { kind: 'number', default: 0.3, min: 0, max: 2, doc: 'standard deviation of the shift of u shared by all households in a year (AR(1) over the years)' },
  populationNoiseCorrelation: { kind: 'number', default: 0.9, min: 0, max: 1, doc: 'year-to-year correlation of the shared shift' },
  populationUniform: { kind: 'number', default: 0.3, min: 0, max: 1, doc: 'probability that an episode\'s households take one uniform action held for the episode' },
} as const satisfies Schema;

export interface ExplorationSettings {
  explorationNoise: number;
  populationNoise: number;
  populationNoiseCorrelation: number;
  populationUniform: number;
}

export class Exploration {
  /** This year's shared shift of the households' u. */
  readonly populationShift: Float64Array;
  /** Whether this episode's households take the uniform draw instead of the policy. */
  uniformEpisode = false;
  /** Probability that a household's u is drawn uniformly this year (0: never). */
  epsilon = 0;

  constructor(readonly settings: ExplorationSettings, readonly householdActionSize: number) {
    this.populationShift = new Float64Array(householdActionSize);
  }

  /** A new episode: the shift drawn from its stationary distribution, or a uniform episode. */
  startEpisode(rng: Rng): void {
    const s = this.settings;
    this.uniformEpisode = s.populationUniform > 0 && rng.uniform() < s.populationUniform;
    for (let a = 0; a < this.householdActionSize; a++) this.populationShift[a] = this.uniformEpisode ? rng.uniformIn(-1, 1) : s.populationNoise * rng.normal();
  }

  /** The shift moves on by one year (a uniform episode holds its draw). */
  nextYear(rng: Rng): void {
    if (this.uniformEpisode) return;
    const rho = this.settings.populationNoiseCorrelation;
    const innovation = Math.sqrt(1 - rho * rho) * this.settings.populationNoise;
    for (let a = 0; a < this.householdActionSize; a++) this.populationShift[a] = rho * this.populationShift[a] + innovation * rng.normal();
  }

  /** The leader's u plus noise, clipped to [-1, 1]. */
  leader(u: ArrayLike<number>, rng: Rng, out: Float64Array): Float64Array {
    for (let k = 0; k < out.length; k++) out[k] = clipUnit(u[k] + this.settings.explorationNoise * rng.normal());
    return out;
  }

  /** n households' u (n x A) with the shared shift, their own noise and epsilon-uniform draws. */
  households(u: ArrayLike<number>, n: number, rng: Rng, out: Float64Array): Float64Array {
    const A = this.householdActionSize, sd = this.settings.explorationNoise, shift = this.populationShift;
    const base = this.uniformEpisode ? 0 : 1;
    for (let i = 0; i < n; i++) {
      if (this.epsilon > 0 && rng.uniform() < this.epsilon) {
        for (let a = 0; a < A; a++) out[i * A + a] = rng.uniformIn(-1, 1);
        continue;
      }
      for (let a = 0; a < A; a++) out[i * A + a] = clipUnit(base * u[i * A + a] + shift[a] + sd * rng.normal());
    }
    return out;
  }
}

export function clipUnit(x: number): number {
  return x > 1 ? 1 : x < -1 ? -1 : x;
}
