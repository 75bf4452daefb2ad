#!/usr/bin/env bash
# Scores the engine against the baselines on generated storms (several seeds) and, when ../shared is
# beside the repository, on the real Huawei microwave storm. Each seed gives two storms: the default one,
# where faults arrive at a realistic rate (one an hour per ten sites, `generate --faults-per-hour`), and
# a dense one (every fault starting within one hour, `generate --duration 01:00:00`) that stresses the
# engine far beyond what a real network sees. The engine runs twice per storm: with no
# history, and with the learned models (type affinity and the ML.NET signature model with its signature
# affinity) trained on a separate generated storm (seed 101, never one of the evaluated seeds). Writes benchmarks/results/evaluation.md.
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
"${CLI[@]}" train "$WORK/train.jsonl" --out "$WORK/affinity.json" --signatures "$WORK/signatures.zip" >/dev/null

field() { awk -F'|' -v m="$1" -v c="$2" '$2 ~ "^ "m" " { gsub(/ /, "", $c); print $c; exit }' "$3"; }
best() { awk -F'|' -v c="$1" '/^\| (fingerprint|fixed-window|alertmanager|alec)/ { v = $c + 0; if (v > b) b = v } END { printf "%.3f", b }' "$2"; }

# The engine's F1 per fault shape: the row of the "F1 by fault shape" table (first "| engine |" after it).
shapes_header() { awk -F'|' '/^\| F1 by fault shape/ { for (i = 3; i < NF; i++) { gsub(/ /, "", $i); printf " %s |", $i }; exit }' "$1"; }
shapes() { awk -F'|' '/^\| F1 by fault shape/ { on = 1 } on && /^\| engine \|/ { for (i = 3; i < NF; i++) { gsub(/ /, "", $i); printf " %s |", $i }; exit }' "$1"; }

head="| storm | compression | engine F1 | engine + learned F1 | best baseline F1 | engine ARI | engine + learned ARI | best baseline ARI |"$'\n'"|---|---:|---:|---:|---:|---:|---:|---:|"
summary="$head"; dense="$head"; byshape=""; densebyshape=""
details=""
for seed in ${SEEDS[*]}; do
  echo "seed $seed" >&2
  for kind in storm dense; do
    extra=(); [ "$kind" = dense ] && extra=(--duration 01:00:00)
    "${CLI[@]}" generate --seed "$seed" --alarms "$ALARMS" --sites "$SITES" "${extra[@]}" --out "$WORK/$kind-$seed.jsonl" --cmdb-out "$WORK/cmdb-$kind-$seed.yaml" >/dev/null
    "${CLI[@]}" evaluate "$WORK/$kind-$seed.jsonl" --cmdb "$WORK/cmdb-$kind-$seed.yaml" --markdown "$WORK/plain-$kind-$seed.md" >/dev/null 2>&1
    "${CLI[@]}" evaluate "$WORK/$kind-$seed.jsonl" --cmdb "$WORK/cmdb-$kind-$seed.yaml" --affinity "$WORK/affinity.json" --signatures "$WORK/signatures.zip" --markdown "$WORK/report-$kind-$seed.md" >/dev/null 2>&1
    row="| seed $seed | $(field engine 4 "$WORK/plain-$kind-$seed.md") | $(field engine 9 "$WORK/plain-$kind-$seed.md") | $(field engine 9 "$WORK/report-$kind-$seed.md") | $(best 9 "$WORK/report-$kind-$seed.md") | $(field engine 10 "$WORK/plain-$kind-$seed.md") | $(field engine 10 "$WORK/report-$kind-$seed.md") | $(best 10 "$WORK/report-$kind-$seed.md") |"
    shaperow="| seed $seed |$(shapes "$WORK/plain-$kind-$seed.md")"
    if [ "$kind" = storm ]; then
      summary+=$'\n'"$row"; byshape+=$'\n'"$shaperow"
      details+=$'\n'"## Generated storm, seed $seed (realistic fault rate, engine with learned models)"$'\n\n'"$(sed "s|$WORK/||g" "$WORK/report-$kind-$seed.md")"$'\n'
    else
      dense+=$'\n'"$row"; densebyshape+=$'\n'"$shaperow"
    fi
  done
done
shapehead="| storm |$(shapes_header "$WORK/plain-storm-${SEEDS[0]%% *}.md")"$'\n'"|---|$(shapes_header "$WORK/plain-storm-${SEEDS[0]%% *}.md" | sed 's/[^|]*|/---:|/g')"

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
mixed fault shapes. "Learned" is the type affinity and the ML.NET signature model (KMeans clusters of
alarm type and summary, with their affinity) learned by \`correlation train --out --signatures\` from a
separate generated storm (seed 101). Compression is the engine's (no learned models); the truth's is in each report.

## Summary: faults arriving at a realistic rate (the default: one an hour per ten sites)

$summary

Engine F1 by fault shape (noise faults are single alarms: 1.000 when none was joined to anything, 0 when one was):

$shapehead$byshape

## Dense storms: every fault starting within one hour (a stress test)

$dense

$shapehead$densebyshape
$details$huawei
REPORT
echo "wrote $OUT" >&2
