/**
 * `smfg train --gov constant:...` and `--config`: the followers learn against a government held
 * fixed (the leader's actor outputs its action in training, evaluation and the saved policy, and
 * is never updated), on an economy whose config fields the run saves and keeps on resume; bad
 * input is refused naming the flag.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/data/paths.js';
import { createEconomy } from '../src/data/defaults.js';
import { governmentByName } from '../src/policies/registry.js';

const cli = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(projectRoot(), 'src', 'cli.ts'), ...args], { encoding: 'utf8' });
const small = ['--method', 'smfrl', '--preset', 'aiyagari', '--task', 'social_welfare', '--n', '20', '--steps-per-epoch', '30', '--updates-per-epoch', '5', '--eval-episodes', '1', '--quiet'];
const action = [0.3, 0.5, 0, 0, 0.1];

/** The raw action the saved policy's government takes in the first year of an economy. */
function playedAction(policy: string): number[] {
  const economy = createEconomy({ n: 20, preset: 'aiyagari', task: 'social_welfare', seed: 5 });
  try {
    economy.reset();
    return Array.from(governmentByName(policy)(1).decide(economy).action);
  } finally {
    economy.close();
  }
}

test('train --gov constant:... --config: only the followers learn, the saved policy plays the constant government, resume keeps both', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-train-gov-'));
  try {
    const configPath = join(dir, 'economy.json');
    writeFileSync(configPath, JSON.stringify({ discountFactor: 0.95 }));
    const run = join(dir, 'run');
    const out = cli('train', ...small, '--epochs', '2', '--gov', `constant:${action.join(',')}`, '--config', configPath, '--out', run);
    assert.equal(out.status, 0, out.stderr);
    const saved = JSON.parse(readFileSync(join(run, 'config.json'), 'utf8')).config;
    assert.deepEqual(saved.government, action);
    assert.deepEqual(saved.economy, { discountFactor: 0.95 });
    assert.deepEqual(saved.instruments, ['tau', 'xi', 'tauA', 'xiA', 'spendingShare']);
    // the leader's actor gives the action to 1e-12 (entries at 0 sit 5e-13 inside, as its bias stays finite)
    const played = playedAction(join(run, 'policy'));
    action.forEach((raw, k) => assert.ok(Math.abs(played[k] - raw) < 1e-12, `entry ${k}: ${played[k]} for ${raw}`));
    // the leader's losses are not computed, the followers' are
    const rows = readFileSync(join(run, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.equal(row.leaderActorLoss, null);
      assert.ok(Number.isFinite(row.followerCriticLoss) && Number.isFinite(row.followerActorLoss));
    }
    const resumed = cli('train', '--resume', run, '--epochs', '3', '--quiet');
    assert.equal(resumed.status, 0, resumed.stderr);
    const again = playedAction(join(run, 'policy'));
    action.forEach((raw, k) => assert.ok(Math.abs(again[k] - raw) < 1e-12, `after resume, entry ${k}: ${again[k]}`));
    assert.deepEqual(JSON.parse(readFileSync(join(run, 'policy', 'policy.json'), 'utf8')).provenance.config.economy, { discountFactor: 0.95 });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('train --gov and --config: bad input is refused naming the flag and what is allowed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-train-gov-bad-'));
  try {
    const bogus = join(dir, 'bogus.json');
    writeFileSync(bogus, JSON.stringify({ bogusField: 1 }));
    const owned = join(dir, 'owned.json');
    writeFileSync(owned, JSON.stringify({ n: 50 }));
    const cases: [string[], RegExp][] = [
      [['--gov', 'saez'], /--gov saez: train holds a fixed government of one action: constant:<u0>/],
      [['--gov', 'constant:1.5,0.5,0,0,0'], /--gov constant:1.5,0.5,0,0,0: .*raw entries in \[0, 1\]/],
      [['--gov', `constant:${action.join(',')}`, '--instruments', 'tau,xi'], /--instruments with --gov/],
      [['--gov', `constant:${action.join(',')}`, '--method', 'aie'], /aie's leader cannot hold a fixed government/],
      [['--config', bogus], /config\.bogusField is not a known field/],
      [['--config', owned], /economy: n is the training loop's own/],
    ];
    for (const [flags, message] of cases) {
      const out = cli('train', ...small, '--epochs', '1', '--out', join(dir, 'never'), ...flags);
      assert.notEqual(out.status, 0, flags.join(' '));
      assert.match(out.stderr, message, flags.join(' '));
      assert.doesNotMatch(out.stderr, /at .*\.ts:\d+/, `a stack trace for ${flags.join(' ')}`);
      // a refused run leaves no run behind
      assert.equal(existsSync(join(dir, 'never', 'config.json')), false, flags.join(' '));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
