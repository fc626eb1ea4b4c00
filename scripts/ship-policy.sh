#!/usr/bin/env bash
# Trains an SMFRL policy to the target and ships it into data/models/<name>/: the policy folder
# (policy.json with normalisers and provenance, weights.bin), the run's metrics, and its
# evaluation over seeds 1-5 and over seeds 11-20 (never seen in training).
#   bash scripts/ship-policy.sh <n> <seed> [target]      e.g. bash scripts/ship-policy.sh 100 1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
n="${1:?usage: ship-policy.sh <n> <seed> [target]}"
seed="${2:?usage: ship-policy.sh <n> <seed> [target]}"
target="${3:-3370}"
name="smfrl-gdp-n${n}"
run="runs/ship-${name}-s${seed}-$(date -u +%Y%m%dT%H%M%S)"
node dist/cli.js train --method smfrl --n "$n" --task gdp --seed "$seed" --target-reward "$target" --epochs 60 --exploit-every 1 --out "$run"
out="data/models/${name}"
tmp="${out}.tmp-$$"
rm -rf "$tmp"
mkdir -p "$tmp"
cp "$run/policy/policy.json" "$run/policy/weights.bin" "$run/metrics.jsonl" "$run/metrics.csv" "$run/config.json" "$tmp/"
{
  echo '{'
  echo "  \"seeds1to5\": $(node dist/cli.js evaluate --gov "$tmp" --households "$tmp" --n "$n" --seeds 5 --json),"
  echo "  \"unseenSeeds11to20\": $(node dist/cli.js evaluate --gov "$tmp" --households "$tmp" --n "$n" --seeds 11,12,13,14,15,16,17,18,19,20 --json)"
  echo '}'
} > "$tmp/evaluation.json"
rm -rf "$out"
mv "$tmp" "$out"
echo "shipped ${out} (from ${run})"
