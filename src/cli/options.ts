/**
 * Every smfg command declared once: its usage, summary, details and options, from which cli.ts
 * parses the arguments, prints --help and renders docs/cli.md, and smfg sweep checks its grids.
 * An option is a setting (its schema entry gives the default, the help and the check: the training
 * loop's in learning/train.ts, the methods' in their files, the CLI's own here) or text the
 * command reads itself (lists, folders, policy names), or a switch.
 */
import { GOVERNMENT_TASKS, PRESETS, THREAD_CHOICES } from '../economy/config.js';
import { GOVERNMENT_NAMES, HOUSEHOLD_NAMES } from '../policies/registry.js';
import { BEST_RESPONSE_PREFIX } from '../equilibrium/bestRespondingHouseholds.js';
import { VALUE_BY } from '../equilibrium/exploit.js';
import { DEFAULT_DEVIATORS } from '../equilibrium/deviations.js';
import { GRID_DEFAULTS } from '../equilibrium/grid.js';
import { TRAIN_SETTINGS } from '../learning/train.js';
import { settingFlags } from '../learning/methods/index.js';
import { settingFlag, takesOf, type SettingSpec } from '../learning/settings.js';

export type Option = { setting: SettingSpec } | { type: 'string' | 'boolean'; help: string; default?: string; takes?: string };
export type Options = Record<string, Option>;

export interface Command {
  usage: string;
  summary: string;
  /** What the command writes and prints, beyond its options (help and docs/cli.md). */
  details?: string;
  options: Options;
}

/** The flags of the methods' settings (their schemas in learning/methods/), parsed by smfg train. */
export const METHOD_SETTING_FLAGS = settingFlags();

const HELP: Option = { type: 'boolean', help: 'show this help' };
const QUIET: Option = { type: 'boolean', help: 'no progress bar or lines' };
const JSON_OUTPUT: Option = { type: 'boolean', help: 'print only the result as one JSON object on stdout' };
const SEEDS: Option = { type: 'string', help: "number of seeds k (seeds 1..k) or a comma-separated list of integer seeds ('2,7'; '7,' is seed 7 alone)", default: '5' };
const EPISODES: Option = { setting: { kind: 'integer', default: 1, min: 1, max: 10_000, doc: 'episodes per seed' } };
const YEARS: Option = { setting: { kind: 'integer', default: 300, min: 1, max: 100_000, doc: 'episode length in years' } };
/** The economy a command plays: the training loop's own entries, so that every command reads them alike. */
const ECONOMY: Options = { n: { setting: TRAIN_SETTINGS.n }, preset: { setting: TRAIN_SETTINGS.preset }, task: { setting: TRAIN_SETTINGS.task } };

/** A government against households over seeds: what smfg evaluate and smfg exploit both take. */
const POLICY_PAIR: Options = {
  help: HELP,
  gov: { type: 'string', help: `government: a policy folder (smfg train) | ${GOVERNMENT_NAMES.join(' | ')}`, default: 'us-federal-2022' },
  households: {
    type: 'string',
    help: `households: a policy folder (smfg train) | ${BEST_RESPONSE_PREFIX}<policy folder> (every household's exact best response to that folder's followers under its government, solved on seed 1's episode) | ${HOUSEHOLD_NAMES.join(' | ')}`,
    default: 'bc',
  },
  'any-n': { type: 'boolean', help: 'allow a policy folder trained with another N' },
  n: ECONOMY.n,
  seeds: SEEDS,
  preset: ECONOMY.preset,
  task: ECONOMY.task,
  config: { type: 'string', help: 'a JSON file of economy config fields (environment.md), e.g. {"discountFactor": 0.96}; --preset and --task are the flags\'' },
  quiet: QUIET,
};

/** smfg train's flags: the training loop's settings, then the run folder, then every method's settings. */
const TRAIN_OPTIONS: Options = {
  help: HELP,
  ...Object.fromEntries(Object.entries(TRAIN_SETTINGS).flatMap(([name, spec]) => {
    const flag = settingFlag(name, spec);
    return flag === null ? [] : [[flag, { setting: spec }]];
  })),
  config: { type: 'string', help: 'a JSON file of economy config fields (environment.md) for every economy of the run, e.g. {"discountFactor": 0.96}; n, task, preset are the flags\', seeds the loop\'s' },
  gov: { type: 'string', help: 'a fixed government instead of a learned leader: constant:<u0>,... (raw entries in [0, 1]; they set the instruments) or a stationary optimum\'s folder (smfg stackelberg --save); only the followers learn (smfrl, mf, iddpg, maddpg)' },
  out: { type: 'string', help: 'run folder (default runs/<time>-train-<method>-n<N>-s<seed>)' },
  resume: { type: 'string', help: 'continue the run in this folder from its last checkpoint' },
  quiet: QUIET,
  ...Object.fromEntries([...METHOD_SETTING_FLAGS].map(([flag, f]) => [flag, { type: 'string', takes: takesOf(f.spec), help: `${f.help} (default ${f.default})` }])),
};

export const COMMANDS: Record<string, Command> = {
  run: {
    usage: 'smfg run [options]',
    summary: "one episode under the free market and under US federal 2022 with the same households; prints the paper's metrics and writes runs/<id>/ (config.json, metrics.csv, each government's trajectory)",
    options: {
      help: HELP,
      n: ECONOMY.n,
      seed: { setting: { kind: 'integer', default: 1, min: 0, max: Number.MAX_SAFE_INTEGER, doc: 'seed' } },
      preset: ECONOMY.preset,
      task: ECONOMY.task,
      households: { setting: { kind: 'choice', default: 'thrifty', choices: HOUSEHOLD_NAMES, doc: 'households' } },
      years: YEARS,
      quiet: QUIET,
    },
  },
  evaluate: {
    usage: 'smfg evaluate --gov <name|policy folder> --households <name|policy folder|best-response:<policy folder>> [--n 100] [--seeds 5] [--episodes 1] [--json]',
    summary: "a government against households over seeds: the paper's metrics per episode; across seeds their mean with a 95 % percentile bootstrap interval, over all and over surviving episodes, and the survival share with a Wilson interval",
    details: `Either side classical or learned, any mix. Across seeds: the survival share (episodes alive the
full length) with its Wilson interval, and per metric "mean [low, high]" (95 % percentile bootstrap
over seeds) over all episodes and over the surviving ones, with a progress bar; writes runs/<id>/
(config.json, episodes.csv, summary.csv). --json prints only the aggregate as one JSON object:
government, households, method, n, seeds, interval (which one), episodesSurvived, episodesTotal,
metrics.<name>.{mean, ci95Low, ci95High} (bounds null with one seed), survival.{share, ci95Low,
ci95High} and survivors.metrics.`,
    options: { ...POLICY_PAIR, json: JSON_OUTPUT, episodes: EPISODES },
  },
  exploit: {
    usage: 'smfg exploit --gov <name|policy folder> --households <name|policy folder|best-response:<policy folder>> [--n 100] [--seeds 5] [--value-by grid|simulation] [--json] [--figure file.json]',
    summary: "the followers' exploitability: each household's exact best response to a frozen mean field, and how much it would gain over the households' policy (docs/equilibrium.md)",
    details: `Exactly on the grid: per seed, plays one episode and freezes its mean field (wages, taxes,
spending, the year it ends), solves one household's best response by backward induction over
(ability, wealth) and values the households' own policy on the same grid; per household the
policy's value, the best response's and the relative gain; across seeds the mean gain with a 95 %
bootstrap interval and the largest over households, with a progress bar. --check k plays k
households' best responses in the real simulator; --figure writes the best response beside the
policy (Plotly JSON). Households that act on their own history (the AI Economist's recurrent
ones) are valued by simulation instead, each of --deviators households playing its best response
in the real simulator: the gain of that deviation, a lower bound rather than the grid's exact
figure (--value-by simulation asks for it for any policy). Writes runs/<id>/ (exploit.json,
households.csv). --json prints one object: followers.meanRelativeGain.{mean, ci95Low, ci95High},
followers.maxRelativeGain, followers.households (one row per household and seed), perSeed,
simulatorChecks, valuedBy (grid or simulation) and deviators. Method and accuracy:
docs/equilibrium.md.`,
    options: {
      ...POLICY_PAIR,
      json: JSON_OUTPUT,
      years: YEARS,
      'ability-nodes': { setting: { kind: 'integer', default: GRID_DEFAULTS.abilityNodes, min: 3, max: 201, doc: 'Rouwenhorst nodes of log ability' } },
      'wealth-points': { setting: { kind: 'integer', default: GRID_DEFAULTS.wealthPoints, min: 4, max: 5000, doc: 'wealth grid points per year' } },
      samples: {
        setting: { kind: 'integer', default: 32, min: 1, max: 10_000, doc: 'draws per state for households that draw their actions by a rule (random, thrifty); behaviour-cloned ones are integrated over 6 x 6 quantile pairs' },
      },
      'value-by': {
        setting: {
          kind: 'choice',
          default: 'grid',
          choices: VALUE_BY,
          doc: "how the households' policy is valued (households that act on their own history, the AI Economist's, are always valued by simulation: each of --deviators households plays the best response in the real simulator)",
        },
      },
      deviators: { setting: { kind: 'integer', default: DEFAULT_DEVIATORS, min: 1, max: 50_000_000, doc: 'households per seed that deviate when valuing by simulation' } },
      check: { type: 'string', help: 'households per seed (at most N) whose best response is also played in the real simulator', default: '0' },
      figure: { type: 'string', help: "write the first seed's figure (best response beside the policy, Plotly JSON) to this file" },
    },
  },
  equilibrium: {
    usage: 'smfg equilibrium --gov <government> --preset aiyagari [--task gdp] [--steady-state] [--years 300] [--n 1000] [--seed 1] [--save <folder>] [--json] [--config file.json]',
    summary: "the followers' rational-expectations equilibrium under a government: over an episode from the survey households (N simulated households, any government of the harness), or with --steady-state the stationary equilibrium",
    details: `Without --steady-state: the households plan by the endogenous grid method against a path of what
they take as given each year (prices, taxes, transfer, surcharge); N households from the seed's
survey draw play those plans in the real simulator with the government, which reacts as in
evaluation; the path is moved to the one played (Anderson-accelerated) until they agree within
--tolerance. Exit 1 when it does not converge. --json prints one object: interestRate (year 1),
path (per year: interestRate, wage, capital, output, debt per household, surcharge), converged,
maxMarketResidual (the largest of the planned-vs-played difference and the goods and capital
markets' accounting errors), residuals, bestResponseGain (with --best-response: the exact dynamic
program on the equilibrium's own episode), governmentReward and socialWelfare (its episode's),
metrics, iterations, residualHistory, seconds. --save writes the households as a policy table
per year (equilibrium-households.json), which smfg evaluate and smfg exploit take as --households:
played on another draw (another seed or N) they first solve that draw's equilibrium under the
folder's government (stderr says so; 10-60 s), as households that know their economy would.
With --steady-state: a government that holds one raw action every year (free-market,
constant:<u0>,..., us-federal-2022, us-federal-<year>-<filing status>); adaptive ones (saez, policy
folders) are refused. TFP: that of a reset economy of the preset (N = 10,000, seed 1), or config.tfp
with tfpRule 'fixed' (--config). Progress on stderr. --json prints one object: interestRate, wage,
capital, output (per household, USD), path (per year: interestRate, wage, capital, output; constant),
maxMarketResidual (capital market, goods market, public budget), residuals, bestResponseGain (with
--best-response, else null), euler (Euler and labour-condition residuals), ginis, governmentReward
and socialWelfare (a steady-state year, N = config.n households), iterations, seconds. --save writes
the equilibrium households as a folder (equilibrium-households.json) that smfg evaluate and smfg
exploit take as --households. Method and accuracy: docs/equilibrium.md.`,
    options: {
      help: HELP,
      gov: { type: 'string', help: 'government: any of the harness (free-market, constant:<u0>,<u1>,..., us-federal-2022, saez, a policy folder); --steady-state takes only those that hold one action', default: 'free-market' },
      preset: { setting: { kind: 'choice', default: 'aiyagari', choices: PRESETS, doc: "economy preset (the steady state needs one with cash on hand, firm prices and a fiscal rule: aiyagari)" } },
      task: ECONOMY.task,
      'steady-state': { type: 'boolean', help: 'the stationary equilibrium instead of the episode from the survey households' },
      years: { setting: { kind: 'integer', default: 300, min: 2, max: 100_000, doc: 'years of the episode (with --steady-state: of the path printed with --json)' } },
      n: { setting: { kind: 'integer', default: 1000, min: 1, max: 10_000_000, doc: 'households simulated on the path (with --steady-state: whose welfare is summed)' } },
      seed: { setting: { kind: 'integer', default: 1, min: 0, max: Number.MAX_SAFE_INTEGER, doc: "seed of the simulated households' survey draw and abilities" } },
      tolerance: { setting: { kind: 'number', default: 1e-6, min: 1e-14, max: 1, doc: 'largest difference between the terms planned on and those played (rates absolute, wage relative, USD per a year of wage)' } },
      'max-iterations': { setting: { kind: 'integer', default: 100, min: 1, max: 100_000, doc: 'most evaluations of the path' } },
      save: { type: 'string', help: 'write the equilibrium households as a policy folder here (equilibrium-households.json, atomically)' },
      config: { type: 'string', help: 'a JSON file of economy config fields (environment.md), e.g. {"discountFactor": 0.96}; --preset and --task given as flags win' },
      'ability-nodes': { setting: { kind: 'integer', default: 21, min: 3, max: 201, doc: 'Rouwenhorst nodes of log ability' } },
      'wealth-points': { setting: { kind: 'integer', default: 100, min: 10, max: 5000, doc: 'wealth grid points' } },
      'best-response': { type: 'boolean', help: "also the households' exact best-response gain on their own mean field (backward induction: the path's episode, or the steady state frozen for --years years with 100 households from the stationary distribution; about a minute)" },
      json: JSON_OUTPUT,
      quiet: QUIET,
    },
  },
  stackelberg: {
    usage: 'smfg stackelberg --preset aiyagari --task social_welfare|gdp --family stationary|path [--instruments tau,xi,...] [--starts 3] [--pieces 10 --from <folder>] [--save <folder>] [--json]',
    summary: "the leader's optimum against rational followers: the raw action held every year (stationary), or one per span of the episode (path), that maximises the task's government reward over the episode, the households in their equilibrium at every candidate",
    details: `Each candidate is worth the government's reward summed over the episode with the followers in their
rational-expectations equilibrium from the survey households (smfg equilibrium's solver), searched on
--search-n households and a coarser grid, the optimum solved again on --n households and the full
grid. A candidate without an equilibrium is worth -Infinity. Instruments not searched hold a raw
action of 0. --json prints one object: action (all six raw entries; constant:<action> plays it),
value (on --n), searchValue, starts (each start's point and value), valueSpread and pointSpread (how
far apart the starts ended: the convergence evidence), evaluations, infeasible, equilibrium, seconds.
--save writes a folder that evaluate, exploit and equilibrium take as --gov (constant-government.json)
and evaluate and exploit as --households (its followers' equilibrium, equilibrium-households.json).
The stationary family is searched by Nelder-Mead from --starts starts. --family path cuts the
episode into --pieces equal spans, each with its own action (path:<action>;<action>;... plays it),
and searches them by compass search from one start, --from (a stationary optimum's folder or
constant:<action>; the box's centre without it), its step halving from 0.05 of the box until a
sweep of steps of --step-tolerance improves on no coordinate; its --json holds pieces, government
(the path: name), startValue (the start's value), converged, step and sweeps instead of action and
starts.`,
    options: {
      help: HELP,
      preset: { setting: { kind: 'choice', default: 'aiyagari', choices: PRESETS, doc: 'economy preset (one with an equilibrium: aiyagari)' } },
      task: { setting: { kind: 'choice', default: 'social_welfare', choices: GOVERNMENT_TASKS, doc: "the government's objective" } },
      family: { setting: { kind: 'choice', default: 'stationary', choices: ['stationary', 'path'], doc: 'policies searched: one action every year, or one per span of the episode' } },
      pieces: { setting: { kind: 'integer', default: 10, min: 2, max: 1000, doc: 'spans of the episode with their own action (path)' } },
      from: { type: 'string', help: "the path search's start, in every piece: a stationary optimum's folder (smfg stackelberg --save) or constant:<u0>,... (default: the box's centre)" },
      'step-tolerance': { setting: { kind: 'number', default: 0.0025, min: 0, max: 0.05, openMin: true, doc: "the path search stops when no step this size (share of the box) improves on any coordinate" } },
      instruments: { setting: { kind: 'list', default: ['tau', 'xi', 'tauA', 'xiA', 'spendingShare', 'transferShare'], choices: ['tau', 'xi', 'tauA', 'xiA', 'spendingShare', 'transferShare'], doc: 'the raw action entries searched (the others hold 0)' } },
      starts: { setting: { kind: 'integer', default: 3, min: 1, max: 100, doc: "Nelder-Mead starts (the box's centre, then uniform draws)" } },
      'max-evaluations': { setting: { kind: 'integer', default: 120, min: 3, max: 100_000, doc: 'most evaluations per start (the path search: in all, and it needs more: 40 per sweep of 10 pieces of two instruments)' } },
      years: { setting: { kind: 'integer', default: 300, min: 2, max: 100_000, doc: 'years of the episode' } },
      seed: { setting: { kind: 'integer', default: 1, min: 0, max: Number.MAX_SAFE_INTEGER, doc: "seed of the simulated households' survey draw and abilities" } },
      n: { setting: { kind: 'integer', default: 1000, min: 1, max: 10_000_000, doc: 'households of the optimum\'s final equilibrium' } },
      'search-n': { setting: { kind: 'integer', default: 1000, min: 1, max: 10_000_000, doc: "households of the equilibrium at each candidate (the final check's by default: another N is another draw of survey households, whose first years set another output growth)" } },
      'search-ability-nodes': { setting: { kind: 'integer', default: 21, min: 3, max: 201, doc: "ability nodes of the households' plans at each candidate (the final check's 21 by default: fewer span a narrower range of ability and miss the households whose budget folds)" } },
      'search-wealth-points': { setting: { kind: 'integer', default: 50, min: 10, max: 5000, doc: "wealth points of the households' plans at each candidate" } },
      save: { type: 'string', help: 'write the optimal government and its followers here (constant-government.json, equilibrium-households.json; atomically)' },
      json: JSON_OUTPUT,
      quiet: QUIET,
    },
  },
  regret: {
    usage: 'smfg regret --task social_welfare|gdp --ground-truth <folder> --gov <g1>,<g2>,... [--households bc] [--n 1000] [--seed 1] [--exploit] [--save <record.json>] [--add-to <record.json>] [--json]',
    summary: 'every government judged against the Stackelberg ground truth: its value with its own followers, with its followers in equilibrium, the regret, its followers\' exploitability',
    details: `On preset aiyagari, for each government of --gov (a policy folder from smfg train, whose own
followers are its learned households, or any government of the harness, whose own followers are
--households): the task's government reward over one episode with its own followers (N = --n, seed
--seed), the same with the households in their rational-expectations equilibrium against it (smfg
equilibrium's solver; the leader reacting as in evaluation), and the regret: the ground truth's
value in equilibrium (solved again on the same N and seed) minus that. Policy folders of one method
and training N pool their regret over their training seeds (mean, bootstrap interval). --exploit
adds each government's own followers' exploitability (the exact dynamic program, about a minute each
at N = 1,000). --save writes the record as JSON (atomically, after each government: an interrupted
run keeps the ones judged); --json prints it. --add-to judges the governments into an existing
record (same task, ground truth, N, seed and years; its ground truth's value is kept, a government
already in it is judged again) and saves it there unless --save names another file.`,
    options: {
      help: HELP,
      task: { setting: { kind: 'choice', default: 'social_welfare', choices: GOVERNMENT_TASKS, doc: "the government's objective" } },
      'ground-truth': { type: 'string', help: 'the ground truth: smfg stackelberg --save\'s folder, or constant:<u0>,...' },
      gov: { type: 'string', help: 'comma-separated governments judged: policy folders, classical names, constant:<u0>,... (a constant government\'s own commas: give it alone or as its folder)' },
      households: { type: 'string', help: 'own followers of the governments that are not policy folders', default: 'bc' },
      n: { setting: { kind: 'integer', default: 1000, min: 1, max: 10_000_000, doc: 'households of every episode and equilibrium' } },
      seed: { setting: { kind: 'integer', default: 1, min: 0, max: Number.MAX_SAFE_INTEGER, doc: "seed of the households' survey draw and abilities" } },
      years: { setting: { kind: 'integer', default: 300, min: 2, max: 100_000, doc: 'years of the episode' } },
      exploit: { type: 'boolean', help: "also each government's own followers' exploitability" },
      deviators: { setting: { kind: 'integer', default: DEFAULT_DEVIATORS, min: 1, max: 50_000_000, doc: "with --exploit, followers that act on their own history (the AI Economist's): how many deviate, one simulated episode each (smfg exploit's --deviators)" } },
      save: { type: 'string', help: 'write the record here (JSON, atomically)' },
      'add-to': { type: 'string', help: 'a record of smfg regret --save to add these governments to (written back unless --save is given)' },
      json: JSON_OUTPUT,
      quiet: QUIET,
    },
  },
  'time-to-truth': {
    usage: "smfg time-to-truth --task social_welfare|gdp --ground-truth <folder> --runs <run>,<run>,... [--within 0.01] [--save <record.json>] [--json]",
    summary: "how long each training run took to come within a tolerance of the Stackelberg ground truth's value, on the run's own evaluation economies",
    details: `On preset aiyagari, for each training run of --runs (smfg train --out's folder, or a shipped one
with config.json and metrics.csv): the ground truth's value with its followers in equilibrium on each
of the run's evaluation economies (the same N and survey draws; smfg equilibrium's solver, solved once
for runs that share an economy), and the first of the run's evaluations whose mean government reward
is within --within of their mean, every episode alive: its epoch and the run's clock then (runSeconds:
from the process start, evaluation included). Also each run's best evaluation and its gap. A run's
evaluations play its leader with its own learned followers, the ground truth has rational ones: a run
can pass it while its leader, against rational followers, falls short (smfg regret). --save writes
the record as JSON (atomically); --json prints it.`,
    options: {
      help: HELP,
      task: { setting: { kind: 'choice', default: 'social_welfare', choices: GOVERNMENT_TASKS, doc: "the government's objective (the runs' own)" } },
      'ground-truth': { type: 'string', help: "the ground truth: smfg stackelberg --save's folder, or constant:<u0>,..." },
      runs: { type: 'string', help: 'comma-separated training run folders' },
      within: { setting: { kind: 'number', default: 0.01, min: 0, max: 1, doc: "relative distance to the ground truth's value that counts as reached" } },
      save: { type: 'string', help: 'write the record here (JSON, atomically)' },
      json: JSON_OUTPUT,
      quiet: QUIET,
    },
  },
  reproduce: {
    usage: "smfg reproduce [--seeds 5] [--episodes 1] [--ns 100,1000] [--no-notebooks] [--retrain [--retrain-seeds 1,2,3] [--sweep-flags '--engine slurm ...']]",
    summary: "the main job: the paper's table (every method: classical governments with behaviour-cloned households and each shipped learned policy, N = 100 and 1000, over seeds), the comparison figure as PNG in reports/, then every notebook executed into reports/notebooks",
    details: `Prints the table over all episodes (with the followers' exploitability where it is recorded) and
over the surviving ones, SMFRL's per-household GDP over the classical governments' mean and over US
federal 2022, and the rows without a shipped policy; writes runs/<id>/ (config.json,
comparison.csv, episodes.csv) and reports/comparison-n<N>.png; then executes every notebook into
reports/notebooks/ (the executed .ipynb and a self-contained .html each) and opens every report
offline in headless Chromium, with a screenshot beside it; exits 1 when a report has a reference
outside the file, a failed load, a console or page error, text running off the page or an undrawn
figure.`,
    options: {
      help: HELP,
      seeds: SEEDS,
      episodes: EPISODES,
      ns: { type: 'string', help: 'comma-separated numbers of households', default: '100,1000' },
      'no-notebooks': { type: 'boolean', help: 'skip executing the notebooks' },
      retrain: { type: 'boolean', help: 'first retrain every learned method through smfg sweep (prints an estimate first), then collect the sweep' },
      'retrain-seeds': { type: 'string', help: 'training seeds of --retrain', default: '1,2,3' },
      'retrain-out': { type: 'string', help: 'the sweep folder of --retrain (default runs/retrain-<time>)' },
      'sweep-flags': { type: 'string', help: "flags for smfg sweep with --retrain, e.g. '--engine slurm --partition cpu --time 02:00:00'" },
      quiet: QUIET,
    },
  },
  train: {
    usage: 'smfg train --method smfrl [--n 100] [--task gdp] [--seed 1] [--epochs 30] [--target-reward R] [--resume runs/<id>] [--<setting> <value> ...]',
    summary: 'train a method on the economy: a progress line per epoch, runs/<id>/ with metrics, checkpoints and the policy',
    details: `The progress line: evaluation years and rewards, exploitability, updates/s, elapsed, ETA. Writes
runs/<id>/ atomically: config.json (with versions and compute), metrics.jsonl and metrics.csv (one
<name>Loss column per loss of the method's update), checkpoints/ (networks, optimisers,
normalisers, generator states), replay/ segments, policy/ (latest evaluated) and best-policy/
(best evaluated). Every method setting is a flag declared once in the method's schema (below, with
its owners and defaults; e.g. --update full, --n-step 1, --fixes none, --mean-field-gradient false,
--saving-map half); a flag of another method is an error naming its owners. With --target-reward
it stops at the first evaluation whose mean government reward reaches R with every episode alive
300 years and prints time_to_target_s=<the run's clock then, seconds> last (none and exit 1 if
the epochs or the budget end first; write a negative target as --target-reward=-100). --resume
continues from the last checkpoint with the same numbers as an uninterrupted run (also after
kill -9, tested); its clock too: runSeconds in metrics.jsonl, time_to_target_s and --budget-s add
the earlier processes' seconds to this one's (processSeconds counts this process only), so a run
stopped and resumed stops at the same total budget, and one resumed with its budget spent says
so and trains and saves nothing. --gov constant:<u0>,... holds that government fixed (the leader's
actor outputs it, explores nothing and is never updated; policy/ plays it) and trains the
followers only: their learned response to it, beside smfg equilibrium's exact one. --config sets
economy fields for training and evaluation alike (both are saved with the run and kept on resume).`,
    options: TRAIN_OPTIONS,
  },
  'train-bc': {
    usage: 'smfg train-bc [--epochs 150] [--out data/models/bc-households] [--households <csv>]',
    summary: 'train the behaviour-cloned household policy on the SCF 2022 sample (TensorFlow.js) and save it; prints the held-out fit',
    options: {
      help: HELP,
      epochs: { setting: { kind: 'integer', default: 150, min: 1, max: 100_000, doc: 'training epochs' } },
      out: { type: 'string', help: 'output folder', default: 'data/models/bc-households' },
      households: { type: 'string', help: 'survey CSV with INCOME, CONSUMPTION, LF, EDUC, ASSET (default: the shipped sample)' },
      seed: { setting: { kind: 'integer', default: 2022, min: 0, max: Number.MAX_SAFE_INTEGER, doc: 'seed' } },
      quiet: QUIET,
    },
  },
  replay: {
    usage: 'smfg replay <folder> [--tolerance 1e-9]',
    summary: "replay a recording of the authors' economy (the ../shared/reference/ format): the largest relative error of every column, then max_rel_err=<number>; exits 1 when it exceeds the tolerance",
    options: { help: HELP, tolerance: { setting: { kind: 'number', default: 1e-9, min: 0, doc: 'largest allowed relative error' } }, quiet: QUIET },
  },
  sweep: {
    usage: 'smfg sweep train|evaluate|status|collect|template|cell ...',
    summary: 'grids of smfg train / evaluate runs (methods x N x seeds x settings): a plan of exact commands run here or as one Slurm job array, resumable; status and collect (smfg sweep --help)',
    options: {},
  },
  bench: {
    usage: 'smfg bench [--sizes 100,1000,10000,100000,1000000] [--budget-ms 2000] [--threads auto|single|two] [--no-equilibrium] [--equilibrium-n 1000] [--equilibrium-years 300]',
    summary:
      'microseconds per household-step of step() and reset time, N = 100 ... 1,000,000; the equilibrium solvers of preset aiyagari; then updates per second of every method, one critic step per TensorFlow.js backend and the time to target 3,370 per seed',
    details: `The equilibrium solvers (preset aiyagari, 21 ability nodes x 100 wealth points): the free market's
steady state (target 2 s; median of 3 runs after a warm-up, with the reset economy that gives TFP,
and the solver alone) and the equilibrium path from the survey households under US federal 2022
(--equilibrium-n households, --equilibrium-years years, seed 1; target 20 s at N = 1,000 and 300
years; one run, about half a minute): seconds, evaluations, converged, residual. A case over its
target is reported, not failed.
The training figures: updates per second of SMFRL at N = 100 ... 10,000 (sampled and full) and of
mf, iddpg and maddpg; one follower-critic step per TensorFlow.js backend (cpu / wasm / tensorflow);
the seconds per epoch of every method at each --epoch-ns beside SMFRL's; and the time to target
3,370 per seed, each run a fresh smfg train process.`,
    options: {
      help: HELP,
      sizes: { type: 'string', help: 'comma-separated numbers of households', default: '100,1000,10000,100000,1000000' },
      'budget-ms': { setting: { kind: 'integer', default: 2000, min: 1, doc: 'time budget per size, milliseconds' } },
      threads: { setting: { kind: 'choice', default: 'auto', choices: THREAD_CHOICES, doc: 'threads of the economy: auto (two from N = 1,000 up), single or two' } },
      'no-equilibrium': { type: 'boolean', help: 'skip the equilibrium solvers (steady state and equilibrium path of preset aiyagari)' },
      'equilibrium-n': { setting: { kind: 'integer', default: 1000, min: 1, max: 1_000_000, doc: 'households simulated on the equilibrium path' } },
      'equilibrium-years': { setting: { kind: 'integer', default: 300, min: 2, max: 100_000, doc: 'years of the equilibrium path' } },
      'no-training': { type: 'boolean', help: 'skip the training figures (updates per second per engine, time to target)' },
      'train-seeds': { type: 'string', help: 'comma-separated training seeds for the time to target', default: '1,2,3' },
      'target-ns': { type: 'string', help: 'N for the time to target (empty: skip)', default: '100,1000' },
      'epoch-ns': { type: 'string', help: 'N for the seconds per epoch of every method beside SMFRL (empty: skip; MADDPG at N = 1,000 takes about 15 s an epoch)', default: '100,1000' },
    },
  },
};

/** What --gov and --households take, for the overview and docs/cli.md. */
export const POLICY_NAMES = `Governments: a policy folder written by smfg train (e.g. data/models/smfrl-gdp-n100),
free-market, saez, us-federal-2022 (the authors' version), any statutory schedule
us-federal-<year>-<filing status> (2017-2025; single, married_filing_jointly, head_of_household),
or constant:<u0>,<u1>,... (a raw action held every year: tau, xi, tauA, xiA, spendingShare[, transferShare]).
Households: a policy folder, bc (behaviour-cloned, sampled), bc-mean (its mean action), thrifty
(save 95-100 %), random (uniform shares), fixed (save 97.5 %, work 50 %).
Tasks (the government's objective): ${GOVERNMENT_TASKS.join(', ')}.
Bad flags and names get an error naming the flag and its allowed values (exit code 2).`;
