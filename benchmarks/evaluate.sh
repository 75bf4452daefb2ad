#!/usr/bin/env bash
# Scores the engine and the baselines on generated storms (several seeds) and, when ../shared is
# beside the repository, on the real Huawei microwave storm. Writes Markdown under benchmarks/results/.
# Usage: benchmarks/evaluate.sh [alarms per storm] [seeds...]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ALARMS="${1:-2000}"; shift || true
SEEDS=("${@:-1 2 3 4 5}")
OUT="$ROOT/benchmarks/results/evaluation.md"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT

dotnet build "$ROOT/services/Correlation.Cli" -c Release -nologo -v q >/dev/null
CLI=(dotnet "$ROOT/services/Correlation.Cli/bin/Release/net10.0/correlation.dll")

{
  echo "# Correlation quality: engine against the baselines"
  echo
  echo "Reproduce: \`benchmarks/evaluate.sh $ALARMS ${SEEDS[*]}\` (generated storms: $ALARMS alarms, 30 sites, mixed fault shapes)."
  echo
} > "$OUT"

for seed in ${SEEDS[*]}; do
  echo "seed $seed" >&2
  "${CLI[@]}" generate --seed "$seed" --alarms "$ALARMS" --sites 30 --out "$WORK/storm-$seed.jsonl" --cmdb-out "$WORK/cmdb-$seed.yaml" >/dev/null
  "${CLI[@]}" evaluate "$WORK/storm-$seed.jsonl" --cmdb "$WORK/cmdb-$seed.yaml" --markdown "$WORK/report-$seed.md" >/dev/null 2>&1
  { echo "## Generated storm, seed $seed"; echo; sed "s|$WORK/||g" "$WORK/report-$seed.md"; echo; } >> "$OUT"
done

DATASET="$ROOT/../shared/datasets/huawei-microwave-25v"
if [ -d "$DATASET" ]; then
  echo "huawei" >&2
  "${CLI[@]}" evaluate --huawei "$DATASET" --markdown "$WORK/huawei.md" >/dev/null 2>&1
  { echo "## Real Huawei microwave storm (no labels)"; echo; sed "s|$ROOT/||g" "$WORK/huawei.md"; echo; } >> "$OUT"
fi
# One line per storm: the engine's F1 and ARI next to the best baseline's.
{
  echo "## Summary"
  echo
  echo "| storm | engine F1 | best baseline F1 | engine ARI | best baseline ARI |"
  echo "|---|---:|---:|---:|---:|"
  awk -F'|' '
    /^## Generated storm/ { storm = $0; sub(/^## Generated storm, /, "", storm) }
    /^\| engine / { ef = $9; ea = $10 }
    /^\| (fingerprint|fixed-window|alertmanager)/ { if ($9 + 0 > bf) bf = $9 + 0; if ($10 + 0 > ba) ba = $10 + 0 }
    /^\| alertmanager/ && storm != "" { printf "| %s |%s| %.3f |%s| %.3f |\n", storm, ef, bf, ea, ba; bf = 0; ba = 0; storm = "" }
  ' "$OUT"
  echo
} > "$WORK/summary.md"
{ head -n 4 "$OUT"; cat "$WORK/summary.md"; tail -n +5 "$OUT"; } > "$WORK/out.md" && mv "$WORK/out.md" "$OUT"
echo "wrote $OUT" >&2
