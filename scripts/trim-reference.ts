/**
 * Trims a reference recording to its first steps so the replay test runs on machines without
 * ../shared: tests/fixtures/reference/<name>/ keeps the same files and format.
 *
 *   npx tsx scripts/trim-reference.ts <recording folder> [steps=50]
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../src/data/atomic.js';
import { projectRoot } from '../src/data/paths.js';

const folder = process.argv[2];
const steps = Number(process.argv[3] ?? 50);
if (!folder || !Number.isInteger(steps) || steps < 1) {
  console.error('usage: npx tsx scripts/trim-reference.ts <recording folder> [steps=50]');
  process.exit(2);
}
const target = join(projectRoot(), 'tests', 'fixtures', 'reference', basename(folder));

const meta = JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8'));
meta.steps_recorded = Math.min(steps, meta.steps_recorded);
meta.resets = meta.resets.filter((s: number) => s < steps);
meta.trimmed_from = `${basename(folder)} (${steps} first steps)`;
writeFileAtomic(join(target, 'meta.json'), JSON.stringify(meta, null, 1) + '\n');

/** Keep the header and the rows whose `column` is below `steps`. */
function trim(file: string, column: string | null): void {
  const lines = readFileSync(join(folder, file), 'utf8').split('\n').filter((l) => l !== '');
  const index = column === null ? -1 : lines[0].split(',').indexOf(column);
  if (column !== null && index < 0) throw new Error(`${file} has no column ${column}`);
  const kept = index < 0 ? lines : [lines[0], ...lines.slice(1).filter((l) => Number(l.split(',')[index]) < steps)];
  writeFileAtomic(join(target, file), kept.join('\n') + '\n');
}
trim('households.csv', null);
trim('gov_actions.csv', 'step');
trim('house_actions.csv', 'step');
trim('abilities.csv', 'step');
trim('reset_abilities.csv', 'reset_before_step');
trim('expected_households.csv', 'step');
const aggregates = readFileSync(join(folder, 'expected_aggregates.csv'), 'utf8').split('\n').filter((l) => l !== '');
writeFileAtomic(join(target, 'expected_aggregates.csv'), [aggregates[0], ...aggregates.slice(1, steps + 1)].join('\n') + '\n');
console.log(`wrote the first ${steps} steps of ${folder} to ${target}`);
