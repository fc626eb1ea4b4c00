/**
 * Derives data/households/scf2022-sample.csv from the SCF 2022 summary extract.
 *
 *   npx tsx scripts/derive-household-sample.ts [path/to/advanced_scfp2022.csv] [rows]
 *
 * Draws `rows` (default 5,000) rows of the extract uniformly without replacement with a fixed
 * seed, keeps the survey weight WGT and the extract's row index, and rounds amounts to whole
 * dollars. Uniform rows keep the authors' (unweighted) household distribution; the weights let
 * the economy draw a survey-weighted, representative population from the same file.
 */
import { Rng } from '../src/economy/rng.js';
import { readCsv } from '../src/data/csv.js';
import { writeFileAtomic } from '../src/data/atomic.js';
import { dataPath, sharedPath } from '../src/data/paths.js';

const SEED = 2022;
const source = process.argv[2] ?? sharedPath('data', 'scf2022', 'advanced_scfp2022.csv');
const rows = Number(process.argv[3] ?? 5000);
if (!Number.isInteger(rows) || rows < 1) {
  console.error(`rows must be a positive integer, got ${process.argv[3]}`);
  process.exit(2);
}

const table = readCsv(source);
if (rows > table.rows.length) {
  console.error(`rows must be at most ${table.rows.length} (the extract's size), got ${rows}`);
  process.exit(2);
}
const SHARES = new Set(['CONS_P', 'PIRTOTAL']);
const EXACT = new Set(['EDUC', 'LF']);
const round = (column: string, cell: string): string => {
  const value = Number(cell);
  if (!Number.isFinite(value)) throw new Error(`${source}: column ${column} has a non-number '${cell}'`);
  if (column === 'WGT') return value.toFixed(3);
  if (SHARES.has(column)) return String(Number(value.toPrecision(6)));
  if (EXACT.has(column)) return String(value);
  return String(Math.round(value));
};

const picked = Array.from(new Rng(SEED).sampleWithoutReplacement(table.rows.length, rows)).sort((a, b) => a - b);
const lines = [['scf_row', ...table.columns].join(',')];
for (const r of picked) lines.push([String(r), ...table.rows[r].map((cell, c) => round(table.columns[c], cell))].join(','));
const target = dataPath('households', 'scf2022-sample.csv');
writeFileAtomic(target, lines.join('\n') + '\n');
console.log(`wrote ${rows} households of ${table.rows.length} from ${source} to ${target}`);
