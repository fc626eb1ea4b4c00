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
import { allocateShared, PhaseWorkspace, runPhase, termSlotsOf, viewShared, writePastAbilities, type Phase } from './yearPhases.js';
import { NEUTRAL_TERMS, writeBudgetTerms } from './householdBudget.js';
import { bracketSchedule, hsvSchedule } from './tax.js';
import { GLOBAL_OBSERVATION, PRIVATE_OBSERVATION } from './spaces.js';

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
  const workspace = new PhaseWorkspace(config, h);
  const phases: Phase[] = ['abilityHours', 'budgetSettle', 'taxes', 'spendSettle', 'rank'];
  // both kinds of tax the phases evaluate
  const brackets = { name: 'warm-up', lowerBoundsUsd: [0, 1e4], marginalRates: [0.1, 0.3], topUpperBoundUsd: Infinity, deductionUsd: 1e3, creditUsd: 10 };
  for (const tax of [bracketSchedule(brackets), hsvSchedule(0.25, 0.1, 0.01, 0.05)]) {
    writeBudgetTerms({ ...NEUTRAL_TERMS, wageRate: 20.5, interestRate: 0.04, consumptionTaxRate: 0.065, tax }, termSlotsOf(h));
    for (const phase of phases) for (let block = 0; block < h.blocks; block++) runPhase(phase, block, workspace);
  }
  const global = new Float64Array(GLOBAL_OBSERVATION.size);
  giniIfAscending(h.sortedAssetsNext);
  const sortedIncome = workspace.sorter.sortValues(h.income, new Float64Array(n));
  incomeGroupMeansBySorted(h.income, h.ability, h.income, sortedIncome, global);
  wealthGroupMeans(h.sortedAssetsNext, global);
  privateObservation(h.ability, h.assetsNext, new Float64Array(PRIVATE_OBSERVATION.size * n));
}
