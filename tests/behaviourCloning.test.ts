import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { cloneDataFromSurvey, trainClone } from '../src/learning/behaviourCloning.js';
import { forward, loadMlp, newScratch } from '../src/learning/mlp.js';
import { tf } from '../src/learning/backend.js';
import { clonedHouseholds } from '../src/policies/behaviourCloned.js';
import { loadClone, rawFeatures } from '../src/learning/cloneModel.js';
import { createEconomy } from '../src/data/defaults.js';
import { newHouseholdActions } from '../src/policies/households.js';
import { Rng } from '../src/economy/rng.js';
import { assertClose } from './helpers.js';

function surveyFile(rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'smfg-bc-'));
  const rng = new Rng(1);
  const lines = ['WGT,EDUC,LF,INCOME,CONSUMPTION,ASSET', '1,10,1,100,30,5000', '1,8,0,0,500,100', '1,12,1,100,250,7'];
  for (let r = 3; r < rows; r++) {
    const educ = 1 + Math.floor(rng.uniform() * 14);
    const income = Math.round(20000 + educ * 5000 * rng.uniform());
    lines.push(`1,${educ},${rng.uniform() < 0.7 ? 1 : 0},${income},${Math.round(income * 0.4 * rng.uniform())},${Math.round(1e5 * rng.uniform())}`);
  }
  writeFileSync(join(dir, 'survey.csv'), lines.join('\n') + '\n');
  return join(dir, 'survey.csv');
}

test('clone targets from survey columns: saving = 1 - C / I clipped, work = LF', () => {
  const data = cloneDataFromSurvey(surveyFile(60));
  assertClose(data.savingShare[0], 0.7, 1e-15); // 1 - 30 / 100
  assert.equal(data.savingShare[1], 0); // no income
  assert.equal(data.savingShare[2], 0); // consumes more than its income
  assert.deepEqual(Array.from(data.workShare.subarray(0, 3)), [1, 0, 1]);
  assert.deepEqual(rawFeatures(10, 999), [10, 3]);
});

test('the plain TypeScript forward pass equals TensorFlow.js on the saved weights', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'smfg-clone-'));
  const { fit } = await trainClone(cloneDataFromSurvey(surveyFile(80)), folder, { epochs: 3, hidden: 16, seed: 7 });
  assert.equal(fit.trainRows + fit.heldOutRows, 80);
  assert.ok(Number.isFinite(fit.heldOutNll));
  const mlp = loadMlp(folder);
  assert.deepEqual(mlp.layers.map((l) => [l.inputs, l.outputs, l.activation]), [[2, 16, 'relu'], [16, 16, 'relu'], [16, 4, 'linear']]);
  const json = JSON.parse(readFileSync(join(folder, 'model.json'), 'utf8'));
  const weights = readFileSync(join(folder, 'weights.bin'));
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) }),
  );
  const inputs = [[0, 0], [1.5, -0.3], [-2, 2]];
  const expected = (await (model.predict(tf.tensor2d(inputs)) as import('@tensorflow/tfjs').Tensor).array()) as number[][];
  const out = new Float64Array(4);
  for (let k = 0; k < inputs.length; k++) {
    forward(mlp, inputs[k], out, newScratch(mlp));
    for (let j = 0; j < 4; j++) assertClose(out[j], expected[k][j], 1e-5, `input ${k} output ${j}`);
  }
});

test('shipped clone: fit recorded, actions in range, mean action deterministic', () => {
  const { mlp } = loadClone();
  const fit = (mlp.metadata.fit ?? {}) as { heldOutR2: { savingShare: number }; heldOutRmse: { savingShare: number }; constantRmse: { savingShare: number } };
  // it must beat a constant prediction of the saving share on held-out households
  assert.ok(fit.heldOutRmse.savingShare < fit.constantRmse.savingShare, JSON.stringify(fit));
  const economy = createEconomy({ n: 200, seed: 3 });
  economy.reset();
  const a = newHouseholdActions(200);
  const b = newHouseholdActions(200);
  clonedHouseholds({ deterministic: true }).act(economy, a);
  clonedHouseholds({ deterministic: true }).act(economy, b);
  assert.deepEqual(a, b);
  for (let i = 0; i < 200; i++) {
    assert.ok(a.savingShare[i] > 0 && a.savingShare[i] < 1);
    assert.ok(a.workShare[i] > 0 && a.workShare[i] < 1);
  }
  const meanSaving = a.savingShare.reduce((s, x) => s + x, 0) / 200;
  assert.ok(meanSaving > 0.6 && meanSaving < 1, `mean saving share ${meanSaving}`);
  // sampled actions scatter around the mean
  const sampled = newHouseholdActions(200);
  clonedHouseholds({ seed: 5 }).act(economy, sampled);
  assert.notDeepEqual(sampled.savingShare, a.savingShare);
});

test('a model folder that is not a clone is rejected clearly', () => {
  assert.throws(() => loadClone('/nonexistent/model'), /cannot read model \/nonexistent\/model\/model\.json/);
});
