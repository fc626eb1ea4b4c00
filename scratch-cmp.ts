import { planAgainst } from './src/equilibrium/presetTransition.js';
import { laborProblemOf } from './src/equilibrium/presetHousehold.js';
import { makeConfig } from './src/economy/config.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readBudgetTerms, BUDGET_TERM_SLOTS } from './src/economy/householdBudget.js';
const b = readFileSync('/tmp/usfed-terms.bin');
const x = new Float64Array(b.buffer, b.byteOffset, b.length / 8);
const terms = Array.from({ length: 300 }, (_, t) => readBudgetTerms(x.subarray(t * BUDGET_TERM_SLOTS, (t + 1) * BUDGET_TERM_SLOTS)));
const problem = laborProblemOf(makeConfig({ preset: 'aiyagari', n: 1000 }), {});
const out: string[] = [];
for (const variant of ['usfed', 'hsv', 'none', 'hsvwealth']) {
  const ts = terms.map((t) => variant === 'usfed' ? t : variant === 'none' ? { ...t, tax: { income: { kind: 'none' as const }, wealth: { kind: 'none' as const } }, incomeSurchargeRate: 0 } : variant === 'hsv' ? { ...t, tax: { income: { kind: 'hsv' as const, tau: 0.3, xi: 0.1 }, wealth: { kind: 'none' as const } } } : { ...t, tax: { income: { kind: 'hsv' as const, tau: 0.2, xi: 0.05 }, wealth: { kind: 'hsv' as const, tau: 0.01, xi: 0.2 } } });
  const t0 = performance.now();
  const p = planAgainst(problem, ts);
  out.push(`${variant} ${createHash('sha1').update(Buffer.from(p.savingShare.buffer)).update(Buffer.from(p.workShare.buffer)).digest('hex')} ${p.repairs}`);
  console.error(variant, ((performance.now() - t0) / 1000).toFixed(2));
}
console.log(out.join('\n'));
