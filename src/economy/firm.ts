/**
 * The competitive firm: Cobb-Douglas output Y = A K^alpha L^(1 - alpha), factors paid their
 * marginal products net of depreciation, r = alpha Y / K - delta and W = (1 - alpha) Y / L. The
 * inverse maps an interest rate to the capital the firm demands and the wage it then pays: what a
 * solver searching over r needs (r pins down K / L, hence W, with no other aggregate).
 */

export interface CobbDouglas {
  /** A: total factor productivity, > 0. */
  tfp: number;
  /** alpha: capital's share of output, in (0, 1). */
  alpha: number;
  /** delta: depreciation rate of capital per period, in [0, 1]. */
  depreciationRate: number;
}

/** Throws a RangeError naming the field and the values allowed. */
export function checkCobbDouglas(firm: CobbDouglas): CobbDouglas {
  if (!(firm.tfp > 0) || !Number.isFinite(firm.tfp)) throw new RangeError(`tfp must be a finite number > 0, got ${firm.tfp}`);
  if (!(firm.alpha > 0 && firm.alpha < 1)) throw new RangeError(`alpha must be in (0, 1), got ${firm.alpha}`);
  if (!(firm.depreciationRate >= 0 && firm.depreciationRate <= 1)) {
    throw new RangeError(`depreciationRate must be in [0, 1], got ${firm.depreciationRate}`);
  }
  return firm;
}

/** Y = A K^alpha L^(1 - alpha). */
export function output(firm: CobbDouglas, capital: number, labor: number): number {
  return firm.tfp * Math.pow(capital, firm.alpha) * Math.pow(labor, 1 - firm.alpha);
}

/** r = alpha Y / K - delta = alpha A (K / L)^(alpha - 1) - delta. */
export function interestRate(firm: CobbDouglas, capital: number, labor: number): number {
  return firm.alpha * firm.tfp * Math.pow(capital / labor, firm.alpha - 1) - firm.depreciationRate;
}

/** W = (1 - alpha) Y / L = (1 - alpha) A (K / L)^alpha. */
export function wage(firm: CobbDouglas, capital: number, labor: number): number {
  return (1 - firm.alpha) * firm.tfp * Math.pow(capital / labor, firm.alpha);
}

/**
 * Capital per unit of labour at which the marginal product net of depreciation is r:
 * K / L = (alpha A / (r + delta))^(1 / (1 - alpha)). Defined for r > -delta (below, no capital
 * stock earns that little); NaN otherwise.
 */
export function capitalPerLabor(firm: CobbDouglas, r: number): number {
  const gross = r + firm.depreciationRate;
  if (!(gross > 0)) return NaN;
  return Math.pow((firm.alpha * firm.tfp) / gross, 1 / (1 - firm.alpha));
}

/** K(r) = L (alpha A / (r + delta))^(1 / (1 - alpha)): the capital demanded at rate r with labour L. */
export function capitalDemand(firm: CobbDouglas, r: number, labor: number): number {
  return labor * capitalPerLabor(firm, r);
}

/** The wage the firm pays at rate r: (1 - alpha) A (K / L)^alpha with K / L from capitalPerLabor. */
export function wageAtInterestRate(firm: CobbDouglas, r: number): number {
  return (1 - firm.alpha) * firm.tfp * Math.pow(capitalPerLabor(firm, r), firm.alpha);
}
