/** `smfg reproduce`: with --retrain, every learned method retrained and collected through smfg sweep first; then the comparison (analysis/harness/reproduce.ts). */
import { join, resolve } from 'node:path';
import { ProgressBar } from '../analysis/report/progress.js';
import { reproduce, retrainText } from '../analysis/harness/reproduce.js';
import { retrainPlan } from '../analysis/runs/retrain.js';
import { projectRoot } from '../data/paths.js';
import { integerList, seedsFlag, type Values } from './flags.js';

/** `sweep`: smfg sweep with these arguments, resolving to its exit status. */
export async function commandReproduce(values: Values, sweep: (argv: string[]) => Promise<number>): Promise<number> {
  const ns = integerList('ns', values.ns, 1, 50_000_000);
  const seeds = seedsFlag(values.seeds);
  const episodes = values.episodes as number;
  if (values.retrain) {
    const trainSeeds = integerList('retrain-seeds', values['retrain-seeds'], 0);
    const out = resolve((values['retrain-out'] as string | undefined) ?? join(projectRoot(), 'runs', `retrain-${new Date().toISOString().replace(/[:.]/g, '-')}`));
    const plan = retrainPlan(ns, trainSeeds, out, String(values['sweep-flags'] ?? '').split(/\s+/).filter(Boolean));
    console.log(retrainText(plan, ns, trainSeeds, out));
    const swept = await sweep(plan.argv);
    if (swept !== 0 || plan.argv.includes('--dry-run')) return swept;
    const collected = await sweep(['collect', out]);
    if (collected !== 0) return collected;
  }
  const bars = new Map<string, ProgressBar>();
  return reproduce({
    ns,
    seeds,
    episodes,
    notebooks: !values['no-notebooks'],
    onProgress: (label, done, total) => {
      if (values.quiet) return;
      if (!bars.has(label)) bars.set(label, new ProgressBar(label.padEnd(36), total));
      bars.get(label)!.update(done);
    },
  });
}
