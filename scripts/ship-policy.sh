#!/usr/bin/env bash
# Trains a method's policies on several seeds and ships the best into data/models/<method>-gdp-n<n>/:
# the policy folder (policy.json with normalisers and provenance, weights.bin), the chosen run's
# metrics and config, every seed's training summary (training.json), and the evaluation of the
# shipped policy over seeds 1-5 and over seeds 11-20 (never seen in training).
#   bash scripts/ship-policy.sh <method> <n> <seeds> [target] [epochs] [budget-s] [extra train flags...]
#   e.g. bash scripts/ship-policy.sh smfrl 100 1            (SMFRL, seed 1, to the target 3370)
#        bash scripts/ship-policy.sh iddpg 100 1,2,3 3370 50 600
# With SHIP_RUNS="runs/a runs/b" it trains nothing and ships the best of those finished runs
# (e.g. after continuing a run with smfg train --resume <run> --epochs 50).
# Each seed trains until the target (every evaluation episode alive, mean government reward >=
# target) or the epochs or the budget run out; the seed whose best evaluation ranks highest (alive
# first, then years, then government reward; training's own evaluation economies, not 1-20) ships.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
usage="usage: ship-policy.sh <method> <n> <seeds> [target] [epochs] [budget-s] [train flags...]"
method="${1:?$usage}"
n="${2:?$usage}"
seeds="${3:?$usage}"
target="${4:-3370}"
epochs="${5:-60}"
budget="${6:-900}"
shift $(( $# < 6 ? $# : 6 ))
name="${method}-gdp-n${n}"
stamp="$(date -u +%Y%m%dT%H%M%S)"
runs=()
# SHIP_PARALLEL=1 trains the seeds side by side (each has its own --budget-s), else one after another;
# SHIP_RUNS="runs/a runs/b ..." ships from those finished runs (e.g. continued with --resume) without training
if [ -n "${SHIP_RUNS:-}" ]; then seeds=""; read -r -a runs <<< "$SHIP_RUNS"; fi
for seed in ${seeds//,/ }; do
  run="runs/ship-${name}-s${seed}-${stamp}"
  if [ -n "${SHIP_PARALLEL:-}" ]; then
    node dist/cli.js train --method "$method" --n "$n" --task gdp --seed "$seed" --target-reward "$target" --epochs "$epochs" --budget-s "$budget" --out "$run" --quiet "$@" &
  else
    node dist/cli.js train --method "$method" --n "$n" --task gdp --seed "$seed" --target-reward "$target" --epochs "$epochs" --budget-s "$budget" --out "$run" "$@" || true
  fi
  runs+=("$run")
done
wait || true
best="$(node -e '
const fs = require("fs");
const runs = process.argv.slice(1).map((run) => {
  const metrics = fs.readFileSync(run + "/metrics.jsonl", "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const evaluated = metrics.filter((m) => m.evalGovernmentReward !== null);
  const score = (m) => (m.evalAllSurvived ? 1e9 : 0) + m.evalYears * 1e5 + m.evalGovernmentReward;
  const top = evaluated.reduce((a, m) => (score(m) > score(a) ? m : a), evaluated[0]);
  return { run, score: score(top) };
});
console.log(runs.reduce((a, r) => (r.score > a.score ? r : a)).run);
' "${runs[@]}")"
out="data/models/${name}"
tmp="${out}.tmp-$$"
rm -rf "$tmp"
mkdir -p "$tmp"
cp "$best/best-policy/policy.json" "$best/best-policy/weights.bin" "$best/metrics.jsonl" "$best/metrics.csv" "$best/config.json" "$tmp/"
node -e '
const fs = require("fs");
const summary = process.argv.slice(3).map((run) => {
  const metrics = fs.readFileSync(run + "/metrics.jsonl", "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const config = JSON.parse(fs.readFileSync(run + "/config.json", "utf8")).config;
  const reached = metrics.find((m) => m.evalAllSurvived && m.evalGovernmentReward >= config.targetReward);
  const evaluated = metrics.filter((m) => m.evalGovernmentReward !== null);
  const last = metrics[metrics.length - 1];
  return { run, seed: config.seed, epochs: metrics.length, trainSeconds: last.trainSeconds, processSeconds: last.processSeconds, runSeconds: last.runSeconds, epochsToTarget: reached ? reached.epoch + 1 : null, secondsToTarget: reached ? (reached.runSeconds ?? reached.processSeconds) : null, bestEvalGovernmentReward: Math.max(...evaluated.map((m) => m.evalGovernmentReward)), bestEvalYears: Math.max(...evaluated.map((m) => m.evalYears)), lastEvalYears: last.evalYears };
});
fs.writeFileSync(process.argv[1], JSON.stringify({ shipped: process.argv[2], runs: summary }, null, 2) + "\n");
' "$tmp/training.json" "$best" "${runs[@]}"
{
  echo '{'
  echo "  \"seeds1to5\": $(node dist/cli.js evaluate --gov "$tmp" --households "$tmp" --n "$n" --seeds 5 --json --quiet),"
  echo "  \"unseenSeeds11to20\": $(node dist/cli.js evaluate --gov "$tmp" --households "$tmp" --n "$n" --seeds 11,12,13,14,15,16,17,18,19,20 --json --quiet)"
  echo '}'
} > "$tmp/evaluation.json"
rm -rf "$out"
mv "$tmp" "$out"
echo "shipped ${out} (best of ${runs[*]}: ${best})"
