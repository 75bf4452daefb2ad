#!/usr/bin/env bash
# Scores the engine against the baselines on generated storms (several seeds) and, when ../shared is
# beside the repository, on the real Huawei microwave storm. The engine runs twice per storm: with no
# history, and with a type-affinity model trained on a separate generated storm (seed 101, never one of
# the evaluated seeds). Writes benchmarks/results/evaluation.md.
# Usage: benchmarks/evaluate.sh [alarms per storm] [seeds...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALARMS="${1:-2000}"; shift || true
SEEDS=("${@:-1 2 3 4 5}")
SITES=30
OUT="$ROOT/benchmarks/results/evaluation.md"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT

dotnet build "$ROOT/services/Correlation.Cli" -c Release -nologo -v q >/dev/null
CLI=(dotnet "$ROOT/services/Correlation.Cli/bin/Release/net10.0/correlation.dll")

echo "training on seed 101" >&2
"${CLI[@]}" generate --seed 101 --alarms "$ALARMS" --sites "$SITES" --out "$WORK/train.jsonl" >/dev/null
"${CLI[@]}" train "$WORK/train.jsonl" --out "$WORK/affinity.json" >/dev/null

field() { awk -F'|' -v m="$1" -v c="$2" '$2 ~ "^ "m" " { gsub(/ /, "", $c); print $c }' "$3"; }
best() { awk -F'|' -v c="$1" '/^\| (fingerprint|fixed-window|alertmanager|alec)/ { v = $c + 0; if (v > b) b = v } END { printf "%.3f", b }' "$2"; }

summary="| storm | engine F1 | engine + affinity F1 | best baseline F1 | engine ARI | engine + affinity ARI | best baseline ARI |"$'\n'"|---|---:|---:|---:|---:|---:|---:|"
details=""
for seed in ${SEEDS[*]}; do
  echo "seed $seed" >&2
  "${CLI[@]}" generate --seed "$seed" --alarms "$ALARMS" --sites "$SITES" --out "$WORK/storm-$seed.jsonl" --cmdb-out "$WORK/cmdb-$seed.yaml" >/dev/null
  "${CLI[@]}" evaluate "$WORK/storm-$seed.jsonl" --cmdb "$WORK/cmdb-$seed.yaml" --markdown "$WORK/plain-$seed.md" >/dev/null 2>&1
  "${CLI[@]}" evaluate "$WORK/storm-$seed.jsonl" --cmdb "$WORK/cmdb-$seed.yaml" --affinity "$WORK/affinity.json" --markdown "$WORK/report-$seed.md" >/dev/null 2>&1
  summary+=$'\n'"| seed $seed | $(field engine 9 "$WORK/plain-$seed.md") | $(field engine 9 "$WORK/report-$seed.md") | $(best 9 "$WORK/report-$seed.md") | $(field engine 10 "$WORK/plain-$seed.md") | $(field engine 10 "$WORK/report-$seed.md") | $(best 10 "$WORK/report-$seed.md") |"
  details+=$'\n'"## Generated storm, seed $seed (engine with affinity)"$'\n\n'"$(sed "s|$WORK/||g" "$WORK/report-$seed.md")"$'\n'
done

huawei=""
DATASET="$ROOT/../shared/datasets/huawei-microwave-25v"
if [ -d "$DATASET" ]; then
  echo "huawei" >&2
  "${CLI[@]}" evaluate --huawei "$DATASET" --markdown "$WORK/huawei.md" >/dev/null 2>&1
  huawei=$'\n'"## Real Huawei microwave storm (no labels, engine without history)"$'\n\n'"$(sed "s|$ROOT/||g" "$WORK/huawei.md")"$'\n'
fi

cat > "$OUT" <<REPORT
# Correlation quality: engine against the baselines

Reproduce: \`benchmarks/evaluate.sh $ALARMS ${SEEDS[*]}\`: generated storms of $ALARMS alarms on $SITES-site networks,
mixed fault shapes, faults starting within one hour (dense). "Affinity" is a type-affinity model learned
by \`correlation train\` from a separate generated storm (seed 101).

## Summary

$summary
$details$huawei
REPORT
echo "wrote $OUT" >&2
