/**
 * The households of an equilibrium path (`smfg equilibrium --save`) that know the economy they are
 * in. A path's table holds the prices of one draw of survey households: another seed or N draws
 * other households, whose wealth sets other prices for decades, and the table's households are
 * then up to 8 % (N = 100) or 4 % (N = 1,000) from their best response (docs/equilibrium.md).
 * Rational expectations in an economy of N households mean knowing that economy: at the first
 * decision of an episode these households solve the equilibrium of the draw they observe, under
 * the government the folder was solved for (solvePresetTransition, started from the folder's
 * path), and play its table.
 *
 * Which draw it is they tell by the global observation at the first decision: the folder's own
 * draw plays the folder's table unchanged; a draw solved before (by the same factory) plays its
 * solution again. The exploitability measure asks the policy for its shares on a stand-in of the
 * played episode (policyAdapter.ts), which has the episode's observations but no economy to solve:
 * it finds the episode's solution by that observation. The solve replays the economy from its
 * config, which gives the draw the harness plays in an economy's first episode since it was
 * created (evaluation, exploit); a later episode of a reset economy draws other households, and
 * then the folder's table plays, with a note on stderr.
 */
import type { Economy } from '../economy/economy.js';
import { BUDGET_TERM_SLOTS, type BudgetTerms } from '../economy/householdBudget.js';
import { equilibriumShares, type EquilibriumPolicyFile } from '../policies/equilibriumHouseholds.js';
import type { HouseholdPolicy } from '../policies/households.js';
import { readTermsPath, solvePresetTransition } from './presetTransition.js';

export interface RationalHouseholdsOptions {
  /** Where the notes of each solve go (default stderr); null: none. */
  log?: ((line: string) => void) | null;
  /** Called with each economy solved for (tests count them). */
  onSolve?: (solved: { n: number; seed: number; iterations: number; residual: number; converged: boolean; seconds: number }) => void;
}

/** An observation as a key: every number in full, so that only the same draw matches. */
const keyOf = (observation: ArrayLike<number>): string => Array.from(observation, (v) => String(v)).join(',');

function termsOf(file: EquilibriumPolicyFile): BudgetTerms[] | undefined {
  const slots = file.terms;
  if (!slots || slots.length === 0 || slots.length % BUDGET_TERM_SLOTS !== 0) return undefined;
  return readTermsPath(slots);
}

/**
 * A factory of such households for a transition's folder (a steady state's or an older file
 * without initialObservation plays its table: its households do not depend on the draw). The
 * factory's policies share what they solved.
 */
export function rationalHouseholds(file: EquilibriumPolicyFile, options: RationalHouseholdsOptions = {}): (seed: number) => HouseholdPolicy {
  const log = options.log === undefined ? (line: string) => process.stderr.write(`${line}\n`) : options.log;
  const solved = new Map<string, EquilibriumPolicyFile>();
  if (file.initialObservation) solved.set(keyOf(file.initialObservation), file);
  const dependsOnDraw = file.solution === 'transition' && file.initialObservation !== undefined;
  const startTerms = termsOf(file);
  const name = `${file.solution} equilibrium (${file.government}, ${file.preset})${dependsOnDraw ? ', solved for the draw it plays' : ''}`;

  /** The table for the draw whose first observation this is; `economy` to solve it when it is new. */
  const tableFor = (observation: ArrayLike<number>, economy: Economy | null): EquilibriumPolicyFile => {
    if (!dependsOnDraw) return file;
    const key = keyOf(observation);
    const known = solved.get(key);
    if (known) return known;
    if (!economy?.config) return file;
    const config = economy.config;
    log?.(`households: solving the equilibrium of this draw (N = ${config.n}, seed ${config.seed}) under ${file.government}...`);
    const run = solvePresetTransition({
      government: file.government,
      config,
      years: config.episodeYears,
      abilityNodes: file.logAbility.length,
      wealthPoints: file.assets.length,
      wealthMax: file.assets[file.assets.length - 1],
      initialTerms: startTerms,
      // smfg equilibrium's own cap: a draw without an equilibrium stops there and plays its best path
      maxIterations: 100,
    });
    options.onSolve?.({ n: config.n, seed: config.seed, iterations: run.iterations, residual: run.residual, converged: run.converged, seconds: run.seconds });
    const replayed = run.policy.initialObservation && keyOf(run.policy.initialObservation) === key;
    if (!replayed) {
      log?.(`households: this episode's households are not the first draw of seed ${config.seed} (a reset economy), so its equilibrium cannot be replayed: the folder's table plays`);
      solved.set(key, file);
      return file;
    }
    log?.(`households: ${run.converged ? 'solved' : 'NOT converged'} in ${run.iterations} evaluations, ${run.seconds.toFixed(1)} s (largest difference planned - played ${run.residual.toExponential(2)})`);
    solved.set(key, run.policy);
    return run.policy;
  };

  return () => {
    let table: EquilibriumPolicyFile = file;
    const shares = { savingShare: 0, workShare: 0 };
    return {
      name,
      reset(economy) {
        table = tableFor(economy.observation.global, economy);
      },
      act(economy, out) {
        // a stand-in of a played episode (the exploitability's queries) is never reset
        if (economy.year === 0) table = tableFor(economy.observation.global, 'config' in economy ? economy : null);
        const { ability, assetsNext } = economy;
        for (let i = 0; i < economy.n; i++) {
          equilibriumShares(table, economy.year, ability[i], assetsNext[i], shares);
          out.savingShare[i] = shares.savingShare;
          out.workShare[i] = shares.workShare;
        }
      },
    };
  };
}
