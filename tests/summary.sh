#!/usr/bin/env bash
# Prints "N passed, N failed[, N skipped]" from the TRX files under the given folder.
set -euo pipefail
dir="${1:-TestResults}"
shopt -s nullglob
files=("$dir"/*.trx)
passed=0 failed=0 skipped=0
for f in "${files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n1)
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  total=$(get total); p=$(get passed); executed=$(get executed)
  f_=$(( $(get failed) + $(get error) + $(get timeout) + $(get aborted) ))
  passed=$(( passed + p )); failed=$(( failed + f_ ))
  skipped=$(( skipped + total - p - f_ ))
  : "$executed"
done
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
