/**
 * The economy's configuration: calibrated parameters, the government task, and the named
 * corrections of the authors' quirks. Three presets: `paper` (the authors' behaviour exactly,
 * the default), `calibrated` (survey-weighted households plus every correction) and `aiyagari`
 * (the calibrated households in an economy whose equilibrium exists: prices from the firm,
 * households' wealth is capital plus public debt, consumption out of cash on hand, CRRA utility,
 * a fiscal rule; environment.md, "The equilibrium economy").
 */

export const GOVERNMENT_TASKS = ['gdp', 'gini', 'social_welfare', 'gdp_gini'] as const;
export type GovernmentTask = (typeof GOVERNMENT_TASKS)[number];

export const PRESETS = ['paper', 'calibrated', 'aiyagari'] as const;
export type Preset = (typeof PRESETS)[number];

/** How the N households are drawn from the survey. */
export const SAMPLINGS = ['unweighted', 'weighted'] as const;
export type Sampling = (typeof SAMPLINGS)[number];

/** Initial production capital K0. */
export const INITIAL_CAPITALS = ['gdpShare', 'householdAssets'] as const;
export type InitialCapital = (typeof INITIAL_CAPITALS)[number];

/** Units of the macro calibration: per person (authors) or per household. */
export const MACRO_UNITS = ['perPerson', 'perHousehold'] as const;
export type MacroUnit = (typeof MACRO_UNITS)[number];

/** Where a super-star returning to normal lands. */
export const SUPERSTAR_RETURNS = ['authors', 'normalRange'] as const;
export type SuperstarReturn = (typeof SUPERSTAR_RETURNS)[number];
/** Threads for the household loops; the numbers are identical whichever runs. */
export const THREAD_CHOICES = ['auto', 'single', 'two'] as const;
export type Threads = (typeof THREAD_CHOICES)[number];

/** The interest rate: the authors' bank's fixed rate, or the firm's marginal product of capital net of depreciation. */
export const PRICE_RULES = ['bank', 'firm'] as const;
export type PriceRule = (typeof PRICE_RULES)[number];

/**
 * Where households' wealth sits: 'bank' (the authors': production capital evolves on its own,
 * K' = (1 + r)(K - sum a) - G + R + sum a'), or 'wealth' (households hold the capital stock and
 * the public debt, K + B = sum a, from the first year).
 */
export const CAPITAL_MARKETS = ['bank', 'wealth'] as const;
export type CapitalMarket = (typeof CAPITAL_MARKETS)[number];

/** What a household's saving share is a share of: post-tax income (authors) or cash on hand (income and wealth after tax). */
export const CONSUMPTION_BASES = ['income', 'cashOnHand'] as const;
export type ConsumptionBase = (typeof CONSUMPTION_BASES)[number];

/** Household utility: the authors' sigmoid of log consumption minus labour disutility, or that utility itself (CRRA). */
export const UTILITIES = ['sigmoid', 'crra'] as const;
export type Utility = (typeof UTILITIES)[number];

/** How public debt is kept from exploding: not at all (authors), or a flat income surcharge that leans against debt above its target. */
export const FISCAL_RULES = ['none', 'incomeSurcharge'] as const;
export type FiscalRule = (typeof FISCAL_RULES)[number];

/** Total factor productivity: the fixed `tfp`, or set at reset so that year-1 output per household is the calibrated GDP per household. */
export const TFP_RULES = ['fixed', 'gdpPerHousehold'] as const;
export type TfpRule = (typeof TFP_RULES)[number];

/** What the gdp task rewards. */
export const GDP_REWARDS = ['capitalGrowth', 'outputGrowth'] as const;
export type GdpReward = (typeof GDP_REWARDS)[number];

export interface EconomyConfig {
  /** Number of households N. */
  n: number;
  /** Seed of the economy's random number generator. */
  seed: number;
  preset: Preset;
  task: GovernmentTask;
  /** Episode length T in years. */
  episodeYears: number;
  /** Capital share alpha in Cobb-Douglas output. */
  alpha: number;
  /** Total factor productivity A. */
  tfp: number;
  /** Bank interest rate r per year. */
  interestRate: number;
  /** Capital depreciation delta per year: declared by the authors and unused there; the firm's prices use it. */
  depreciationRate: number;
  /** Consumption tax rate tau_c. */
  consumptionTaxRate: number;
  /** Relative risk aversion theta (1 = log utility). */
  crra: number;
  /** Inverse Frisch elasticity gamma. */
  inverseFrisch: number;
  /** Weight of the labour disutility in household utility. */
  laborDisutilityWeight: number;
  /** Consumption unit inside the log utility (USD). */
  consumptionScaleUsd: number;
  /** Log-ability AR(1) persistence rho_e. */
  abilityPersistence: number;
  /** Log-ability shock standard deviation sigma_e. */
  abilityShockSd: number;
  /** Long-run mean mu of log ability: log e' = (1 - rho_e) mu + rho_e log e + sigma_e eps (authors: 0). */
  abilityLogMean: number;
  /** Yearly probability normal -> super-star p_e. */
  superstarEntryProb: number;
  /** Yearly probability super-star stays super-star q_e. */
  superstarStayProb: number;
  /** Super-star ability as a multiple of the mean normal ability. */
  superstarMultiplier: number;
  /** Scale of the income-tax level action tau (and wealth tax tau_a). */
  tauMax: number;
  /** Scale of the progressivity action xi (and xi_a). */
  xiMax: number;
  /** Scale of the spending action: G = g Y with g up to this value. */
  spendingMax: number;
  /** Lower and upper clip bound of every action entry. */
  actionClipLow: number;
  actionClipHigh: number;
  /** Maximum hours per year: 8760 x 2/3 x 2/3. */
  maxHoursPerYear: number;
  /** Weight w of the Gini product in the gdp_gini task. */
  giniWeight: number;
  /** Scale of the transfer action: lump-sum transfers S = s Y with s up to this value. */
  transferMax: number;
  /** The households' yearly discount factor beta (their dynamic program and the equilibrium solver). */
  discountFactor: number;
  /** The fiscal rule's response phi: the surcharge raises phi (B - b Y) a year (stable when phi > r). */
  debtResponse: number;
  // --- the economy's structure (the aiyagari preset changes each) ---
  prices: PriceRule;
  capitalMarket: CapitalMarket;
  consumptionBase: ConsumptionBase;
  utility: Utility;
  fiscalRule: FiscalRule;
  tfpRule: TfpRule;
  /** Incomes at or below 0 (a negative interest rate on wealth) owe no income tax, instead of the authors' NaN under HSV. */
  untaxedLosses: boolean;
  /**
   * Whether a Gini coefficient of 1 or more ends the episode (the authors'). Where interest can be
   * negative, incomes can be too and the Gini exceeds 1 without anything being broken.
   */
  giniEndsEpisode: boolean;
  // --- corrections of the authors' quirks (each a named option) ---
  sampling: Sampling;
  initialCapital: InitialCapital;
  macroUnit: MacroUnit;
  superstarReturn: SuperstarReturn;
  gdpReward: GdpReward;
  /** Draw new households at every reset instead of restoring the ones drawn at construction. */
  resampleOnReset: boolean;
  /** Free market means no tax at all (no HSV floor, no consumption tax) instead of the clipped all-zero action. */
  exactFreeMarket: boolean;
  // --- how to compute (never what) ---
  /**
   * 'single': the main thread only; 'two': a worker thread shares the blocks of households and
   * sorts next year's wealth; 'auto': two from N = 1,000 up on a machine with 2+ cores.
   */
  threads: Threads;
}

const BASE: Omit<EconomyConfig, 'n' | 'seed' | 'preset'> = {
  task: 'gdp',
  episodeYears: 300,
  alpha: 0.7445,
  tfp: 10,
  interestRate: 0.04,
  depreciationRate: 0.06,
  consumptionTaxRate: 0.065,
  crra: 1,
  inverseFrisch: 2,
  laborDisutilityWeight: 10,
  consumptionScaleUsd: 1000,
  abilityPersistence: 0.982,
  abilityShockSd: 0.2,
  abilityLogMean: 0,
  superstarEntryProb: 2.2e-6,
  superstarStayProb: 0.99,
  superstarMultiplier: 504.3,
  tauMax: 0.2,
  xiMax: 0.05,
  spendingMax: 0.3,
  actionClipLow: 0.001,
  actionClipHigh: 0.99,
  maxHoursPerYear: ((365 * 24 * 2) / 3) * (2 / 3),
  giniWeight: 1,
  transferMax: 0.2,
  discountFactor: 0.975,
  debtResponse: 0.3,
  prices: 'bank',
  capitalMarket: 'bank',
  consumptionBase: 'income',
  utility: 'sigmoid',
  fiscalRule: 'none',
  tfpRule: 'fixed',
  untaxedLosses: false,
  giniEndsEpisode: true,
  sampling: 'unweighted',
  initialCapital: 'gdpShare',
  macroUnit: 'perPerson',
  superstarReturn: 'authors',
  gdpReward: 'capitalGrowth',
  resampleOnReset: false,
  exactFreeMarket: false,
  threads: 'auto',
};

/** What each preset sets on top of the base parameters. */
export const PRESET_OVERRIDES: Record<Preset, Partial<EconomyConfig>> = {
  paper: {},
  calibrated: {
    sampling: 'weighted',
    initialCapital: 'householdAssets',
    macroUnit: 'perHousehold',
    superstarReturn: 'normalRange',
    gdpReward: 'outputGrowth',
    resampleOnReset: true,
    exactFreeMarket: true,
  },
  aiyagari: {
    sampling: 'weighted',
    macroUnit: 'perHousehold',
    superstarReturn: 'normalRange',
    gdpReward: 'outputGrowth',
    resampleOnReset: true,
    exactFreeMarket: true,
    // the textbook capital share (Aiyagari 1994; labour share about 2/3, Gollin 2002)
    alpha: 0.36,
    depreciationRate: 0.06,
    prices: 'firm',
    capitalMarket: 'wealth',
    consumptionBase: 'cashOnHand',
    utility: 'crra',
    fiscalRule: 'incomeSurcharge',
    tfpRule: 'gdpPerHousehold',
    untaxedLosses: true,
    giniEndsEpisode: false,
    // the stationary mean ability equals the survey households' mean years of education (9.95,
    // weighted): mu = ln 9.95 - sigma^2 / (2 (1 - rho^2)); the authors' mu = 0 lets it fall to 1.75
    abilityLogMean: 1.737,
  },
};

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type FieldRule =
  | { kind: 'number'; min: number; max: number; integer?: boolean; minExclusive?: boolean }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' };

const num = (min: number, max: number, extra: { integer?: boolean; minExclusive?: boolean } = {}): FieldRule => ({
  kind: 'number',
  min,
  max,
  ...extra,
});

const RULES: Record<keyof EconomyConfig, FieldRule> = {
  n: num(1, 50_000_000, { integer: true }),
  seed: num(0, Number.MAX_SAFE_INTEGER, { integer: true }),
  preset: { kind: 'enum', values: PRESETS },
  task: { kind: 'enum', values: GOVERNMENT_TASKS },
  episodeYears: num(1, 100_000, { integer: true }),
  alpha: num(0, 1, { minExclusive: true }),
  tfp: num(0, 1e6, { minExclusive: true }),
  interestRate: num(-0.5, 1),
  depreciationRate: num(0, 1),
  consumptionTaxRate: num(0, 10),
  crra: num(0, 20, { minExclusive: true }),
  inverseFrisch: num(0, 20),
  laborDisutilityWeight: num(0, 1e6),
  consumptionScaleUsd: num(0, 1e12, { minExclusive: true }),
  abilityPersistence: num(0, 1),
  abilityShockSd: num(0, 10),
  abilityLogMean: num(-20, 20),
  superstarEntryProb: num(0, 1),
  superstarStayProb: num(0, 1),
  superstarMultiplier: num(0, 1e9),
  tauMax: num(0, 1),
  xiMax: num(0, 1),
  spendingMax: num(0, 1),
  actionClipLow: num(0, 1),
  actionClipHigh: num(0, 1),
  maxHoursPerYear: num(0, 8760, { minExclusive: true }),
  giniWeight: num(0, 1e6),
  transferMax: num(0, 1),
  discountFactor: num(0, 1, { minExclusive: true }),
  debtResponse: num(0, 1),
  prices: { kind: 'enum', values: PRICE_RULES },
  capitalMarket: { kind: 'enum', values: CAPITAL_MARKETS },
  consumptionBase: { kind: 'enum', values: CONSUMPTION_BASES },
  utility: { kind: 'enum', values: UTILITIES },
  fiscalRule: { kind: 'enum', values: FISCAL_RULES },
  tfpRule: { kind: 'enum', values: TFP_RULES },
  untaxedLosses: { kind: 'boolean' },
  giniEndsEpisode: { kind: 'boolean' },
  sampling: { kind: 'enum', values: SAMPLINGS },
  initialCapital: { kind: 'enum', values: INITIAL_CAPITALS },
  macroUnit: { kind: 'enum', values: MACRO_UNITS },
  superstarReturn: { kind: 'enum', values: SUPERSTAR_RETURNS },
  gdpReward: { kind: 'enum', values: GDP_REWARDS },
  resampleOnReset: { kind: 'boolean' },
  exactFreeMarket: { kind: 'boolean' },
  threads: { kind: 'enum', values: THREAD_CHOICES },
};

/** The allowed values of a field, as a user would read them in an error message. */
export function describeRule(rule: FieldRule): string {
  switch (rule.kind) {
    case 'number': {
      const kind = rule.integer ? 'an integer' : 'a number';
      return `${kind} in ${rule.minExclusive ? '(' : '['}${rule.min}, ${rule.max}]`;
    }
    case 'enum':
      return `one of ${rule.values.map((v) => `'${v}'`).join(', ')}`;
    case 'boolean':
      return 'true or false';
  }
}

function checkField(field: string, value: unknown, rule: FieldRule): void {
  const fail = (): never => {
    throw new ConfigError(`config.${field} must be ${describeRule(rule)}; got ${JSON.stringify(value) ?? String(value)}`);
  };
  switch (rule.kind) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) fail();
      if (rule.integer && !Number.isInteger(value)) fail();
      if ((value as number) < rule.min || (value as number) > rule.max) fail();
      if (rule.minExclusive && value === rule.min) fail();
      return;
    case 'enum':
      if (typeof value !== 'string' || !rule.values.includes(value)) fail();
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail();
      return;
  }
}

/**
 * Build a full, validated configuration from a preset and user overrides.
 * Unknown fields, wrong types and out-of-range values get a ConfigError naming the field
 * and the allowed values.
 */
export function makeConfig(overrides: Partial<EconomyConfig> & { n: number }): EconomyConfig {
  if (overrides === null || typeof overrides !== 'object') {
    throw new ConfigError('config must be an object with at least the field n (number of households)');
  }
  for (const key of Object.keys(overrides)) {
    if (!(key in RULES)) {
      throw new ConfigError(`config.${key} is not a known field; known fields: ${Object.keys(RULES).join(', ')}`);
    }
  }
  if (overrides.n === undefined) throw new ConfigError(`config.n is required: ${describeRule(RULES.n)}`);
  const preset = overrides.preset ?? 'paper';
  checkField('preset', preset, RULES.preset);
  const config = { ...BASE, seed: 0, preset, ...PRESET_OVERRIDES[preset as Preset], ...overrides } as EconomyConfig;
  for (const [field, rule] of Object.entries(RULES)) {
    checkField(field, (config as unknown as Record<string, unknown>)[field], rule);
  }
  if (config.actionClipLow >= config.actionClipHigh) {
    throw new ConfigError(
      `config.actionClipLow (${config.actionClipLow}) must be below config.actionClipHigh (${config.actionClipHigh})`,
    );
  }
  if (config.fiscalRule === 'incomeSurcharge' && config.capitalMarket !== 'wealth') {
    throw new ConfigError(`config.fiscalRule 'incomeSurcharge' needs config.capitalMarket 'wealth' (the surcharge divides by the households' income W L + r (K + B)); got capitalMarket '${config.capitalMarket}'`);
  }
  return config;
}
