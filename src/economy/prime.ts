/**
 * A warm-up of the economy's loops for V8, once per thread: every phase and the main thread's
 * own passes run once on a few households before any real call.
 *
 * Why: V8 optimises a long loop while it runs (on-stack replacement). When that happens in the
 * loop's first call, the code after the loop has never run and has no type feedback; the
 * optimised code bails out there, and since such a bail-out keeps the code, it does so again
 * on every later call. Without this warm-up, `--trace-deopt` showed one to three such loops in
 * every run at N = 10,000 (hundreds of bail-outs each: `giniIfAscending`, `findKeyRange`,
 * `incomeGroupMeans`, `transitionAbilityRange`), which one short call first prevents.
 */
import type { EconomyConfig } from './config.js';
import { giniIfAscending } from './inequality.js';
import { incomeGroupMeansBySorted, privateObservation, wealthGroupMeans } from './observations.js';
import { normalAbilityStatistics } from './ability.js';
import { Rng } from './rng.js';
import { allocateShared, PARAM, PhaseWorkspace, runPhase, viewShared, writePastAbilities, type Phase } from './yearPhases.js';

let primed = false;

/** Runs the warm-up on this thread unless it ran already (the economy's numbers are untouched). */
export function primeHotLoops(config: EconomyConfig): void {
  if (primed) return;
  primed = true;
  try {
    warmUp(config);
  } catch {
    // only a speed-up: a configuration the phases refuse fails in the real phase, with its error
  }
}

function warmUp(config: EconomyConfig): void {
  const n = 64;
  const h = viewShared(allocateShared(n));
  for (let i = 0; i < n; i++) {
    const e = 1 + i / n;
    h.normal[i] = e;
    h.logNormal[i] = Math.log(e);
    h.ability[i] = e;
    h.assetsNext[i] = 1e4 * (1 + ((i * 37) % n)) + 0.5;
    h.rawSavingShare[i] = 0.5;
    h.rawWorkShare[i] = 0.5;
  }
  for (let block = 0; block < h.blocks; block++) new Rng(1, 1 + block).saveState(h.rngStates, 4 * block);
  writePastAbilities(normalAbilityStatistics(h, 0, n), h.params);
  const p = h.params;
  p[PARAM.wageRate] = 20.5;
  p[PARAM.tau] = 0.25;
  p[PARAM.xi] = 0.1;
  p[PARAM.tauA] = 0.01;
  p[PARAM.xiA] = 0.05;
  p[PARAM.consumptionTaxRate] = 0.065;
  p[PARAM.ration] = 1;
  const workspace = new PhaseWorkspace(config, h);
  const phases: Phase[] = ['abilityHours', 'budgetSettle', 'rank'];
  for (const phase of phases) for (let block = 0; block < h.blocks; block++) runPhase(phase, block, workspace);
  const global = new Float64Array(6);
  giniIfAscending(h.sortedAssetsNext);
  const sortedIncome = workspace.sorter.sortValues(h.income, new Float64Array(n));
  incomeGroupMeansBySorted(h.income, h.ability, h.income, sortedIncome, global);
  wealthGroupMeans(h.sortedAssetsNext, global);
  privateObservation(h.ability, h.assetsNext, new Float64Array(2 * n));
}
