import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { useBestBackend } from '../src/learning/backend.js';
import { learnerConfig, raceWinner } from '../src/learning/race.js';
import { attemptSeed, makeTrainConfig, train } from '../src/learning/train.js';
import { builtCli, metricsWithoutTimes, tmpFolder, withTwoRunFolders } from './trainHelpers.js';

before(async () => {
  await useBestBackend();
});

const learner = (epochs: number, reachedAtEpoch: number | null, done = false) => ({ epochs, reachedAtEpoch, done });

test('the race is decided by the fewest epochs to the target, then the lower index, and only once no learner behind can win', () => {
  // learner 1 reached at epoch 3; learner 0 has trained 3 epochs (0-2): it could still reach at epoch 3
  assert.equal(raceWinner([learner(3, null), learner(4, 3)]), undefined);
  // learner 0 trained epoch 3 without reaching: learner 1 wins
  assert.equal(raceWinner([learner(4, null), learner(4, 3)]), 1);
  // both at epoch 3: the lower index
  assert.equal(raceWinner([learner(4, 3), learner(4, 3)]), 0);
  // fewer epochs beats the lower index
  assert.equal(raceWinner([learner(6, 5), learner(3, 2)]), 1);
  // a learner that ended (budget, epochs) cannot win later
  assert.equal(raceWinner([learner(2, null, true), learner(9, 8)]), 1);
  // nobody reached: undecided while one trains, no winner once all ended
  assert.equal(raceWinner([learner(2, null, true), learner(5, null)]), undefined);
  assert.equal(raceWinner([learner(2, null, true), learner(5, null, true)]), null);
});

test('a race needs a target, learners seed apart, and one learner\'s train() refuses a race', () => {
  assert.throws(() => makeTrainConfig({ learners: 2 }), /learners 2: a race needs a target reward/);
  assert.throws(() => makeTrainConfig({ learners: 17, targetReward: 1 }), /learners must be an integer in \[1, 16\]|learners/);
  assert.throws(() => train({ learners: 2, targetReward: 1 }, { runDir: join(tmpFolder(), 'never') }), /a race of learners runs through race\(\)/);
  const seeds = new Set([0, 1, 2].flatMap((k) => [0, 1, 2, 3].map((a) => attemptSeed(7, a, k))));
  assert.equal(seeds.size, 12);
  assert.equal(attemptSeed(7, 0, 0), 7);
  assert.equal(attemptSeed(7, 2), attemptSeed(7, 2, 0));
});

test('a race of two learners is decided the same way twice, by its learners\' epochs, and keeps the run a learner alone gives', () => {
  // the built CLI (npm test builds first): its worker threads load the compiled modules, as a user's do
  const root = tmpFolder('smfg-race-');
  const small = ['--n', '20', '--seed', '4', '--steps-per-epoch', '60', '--updates-per-epoch', '8', '--eval-episodes', '2', '--n-step', '4', '--epochs', '12', '--target-reward', '0', '--restart-after-stall', '2', '--quiet'];
  try {
    const [a, b] = ['a', 'b'].map((name) => {
      const folder = join(root, name);
      const done = builtCli('train', ...small, '--learners', '2', '--out', folder);
      assert.equal(done.status, 0, done.stderr);
      assert.match(done.stdout, /^learner \d won; its policies copied to/m);
      return { folder, record: JSON.parse(readFileSync(join(folder, 'race.json'), 'utf8')) };
    });
    const w = a.record.winner as number;
    assert.equal(b.record.winner, w);
    assert.deepEqual(metricsWithoutTimes(join(b.folder, `learner-${w}`)), metricsWithoutTimes(join(a.folder, `learner-${w}`)));
    // the winner from the learners' own metrics: the fewest epochs to the target, then the lower index
    const learners = [0, 1].map((k) => {
      const rows = metricsWithoutTimes(join(a.folder, `learner-${k}`));
      const reached = rows.findIndex((r) => r.evalAllSurvived === true && (r.evalGovernmentReward as number) >= 0);
      return { epochs: rows.length, reachedAtEpoch: reached < 0 ? null : reached, done: false };
    });
    assert.equal(raceWinner(learners), w);
    assert.deepEqual(readFileSync(join(a.folder, 'policy', 'weights.bin')), readFileSync(join(a.folder, `learner-${w}`, 'policy', 'weights.bin')));
    assert.equal(a.record.config.learners, 2);
    // learner 0 alone (one learner, evaluating inline, one economy thread) trains what it trained in the race
    const single = join(root, 'threads.json');
    writeFileSync(single, JSON.stringify({ threads: 'single' }));
    const alone = builtCli('train', ...small, '--epochs', String(learners[0].epochs), '--eval-inline', '--config', single, '--out', join(root, 'alone'));
    // exit 1: the target not reached in those epochs
    assert.equal(alone.status, learners[0].reachedAtEpoch === null ? 1 : 0, alone.stderr);
    assert.deepEqual(metricsWithoutTimes(join(root, 'alone')), metricsWithoutTimes(join(a.folder, 'learner-0')));
    // a race's folder does not resume as a race
    const resumed = builtCli('train', '--resume', a.folder);
    assert.equal(resumed.status, 2, resumed.stderr);
    assert.match(resumed.stderr, /a race of learners does not resume as a race; resume one learner's run/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('a race that nobody wins ends with its learners, keeps no policy and exits 1', () => {
  const root = tmpFolder('smfg-race-');
  try {
    const folder = join(root, 'race');
    const done = builtCli('train', '--n', '20', '--seed', '4', '--steps-per-epoch', '30', '--updates-per-epoch', '2', '--eval-episodes', '1', '--epochs', '2', '--target-reward', '1e9', '--learners', '2', '--quiet', '--out', folder);
    assert.equal(done.status, 1, done.stderr);
    assert.match(done.stdout, /no learner reached the target \(stopped by the epochs\)\ntime_to_target_s=none\n$/);
    const recorded = JSON.parse(readFileSync(join(folder, 'race.json'), 'utf8'));
    assert.equal(recorded.winner, null);
    assert.deepEqual(recorded.learnerSummaries.map((l: { epochs: number }) => l.epochs), [2, 2]);
    assert.equal(existsSync(join(folder, 'policy')), false);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('learners are seeded apart: two learners of one run train different networks on the same economies', () => {
  withTwoRunFolders((a, b) => {
    const run = makeTrainConfig({ n: 20, seed: 4, stepsPerEpoch: 30, updatesPerEpoch: 2, evalEpisodes: 1, epochs: 1, targetReward: 1e9, learners: 2, settings: { nStep: 4 } });
    train(learnerConfig(run, 0), { runDir: a });
    train(learnerConfig(run, 1), { runDir: b });
    assert.notDeepEqual(readFileSync(join(a, 'policy', 'weights.bin')), readFileSync(join(b, 'policy', 'weights.bin')));
  });
});
