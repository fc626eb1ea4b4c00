import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, cpSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { replayRecording } from '../src/analysis/verify/replay.js';
import { sharedPath, projectRoot } from '../src/data/paths.js';

const FIXTURES = join(projectRoot(), 'tests', 'fixtures', 'reference');
const RECORDINGS = ['freemarket_survive', 'usfederal_rule'];

for (const name of RECORDINGS) {
  test(`replay of the trimmed ${name} recording (50 years) is within 1e-9 on every column`, () => {
    const report = replayRecording(join(FIXTURES, name));
    assert.equal(report.steps, 50);
    assert.ok(report.columns.length >= 35, `compared ${report.columns.length} columns`);
    assert.deepEqual(report.skippedColumns, []);
    for (const c of report.columns) assert.ok(c.maxRelativeError <= 1e-9, `${c.file} ${c.column}: ${c.maxRelativeError} at step ${c.step}`);
  });

  const full = sharedPath('reference', name);
  test(`replay of the full ${name} recording (300 years)`, { skip: existsSync(full) ? false : `${full} not present` }, () => {
    const report = replayRecording(full);
    assert.equal(report.steps, 300);
    assert.ok(report.maxRelativeError <= 1e-9, `max_rel_err ${report.maxRelativeError}`);
  });
}

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), ...args], { encoding: 'utf8' });

test('smfg replay prints per-column errors and max_rel_err, exits 0 within tolerance and 1 above', () => {
  const ok = cli('replay', join(FIXTURES, 'usfederal_rule'), '--quiet');
  assert.equal(ok.status, 0, ok.stderr);
  const last = ok.stdout.trim().split('\n').at(-1)!;
  assert.match(last, /^max_rel_err=\d/);
  assert.ok(Number(last.split('=')[1]) < 1e-9);
  assert.match(ok.stdout, /expected_households\.csv\s+income_tax/);
  assert.match(ok.stdout, /expected_aggregates\.csv\s+gov_reward/);
  const strict = cli('replay', join(FIXTURES, 'usfederal_rule'), '--quiet', '--tolerance', '0');
  assert.equal(strict.status, 1);
  assert.match(strict.stderr, /exceeds the tolerance 0/);
});

test('a corrupted recording fails the replay', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-rec-'));
  cpSync(join(FIXTURES, 'freemarket_survive'), dir, { recursive: true });
  const file = join(dir, 'expected_aggregates.csv');
  const lines = readFileSync(file, 'utf8').split('\n');
  const cells = lines[5].split(',');
  cells[2] = String(Number(cells[2]) * (1 + 1e-6)); // GDP of step 4 off by 1e-6
  lines[5] = cells.join(',');
  writeFileSync(file, lines.join('\n'));
  const result = cli('replay', dir, '--quiet');
  assert.equal(result.status, 1);
  assert.match(result.stdout, /GDP\s+(9\.99\de-7|1\.000e-6)\s+4\s/);
});

test('smfg replay answers bad input with clear errors', () => {
  const missing = cli('replay', '/nonexistent/folder');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /recording folder not found: \/nonexistent\/folder/);
  const noArg = cli('replay');
  assert.equal(noArg.status, 2);
  assert.match(noArg.stderr, /needs exactly one recording folder/);
  const badTol = cli('replay', join(FIXTURES, 'usfederal_rule'), '--tolerance', 'small');
  assert.equal(badTol.status, 2);
  assert.match(badTol.stderr, /--tolerance must be a number >= 0, got 'small'/);
  const notRecording = cli('replay', join(projectRoot(), 'data'));
  assert.equal(notRecording.status, 2);
  assert.match(notRecording.stderr, /is not a recording: missing meta\.json/);
});
