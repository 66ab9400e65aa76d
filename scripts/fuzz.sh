#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the libFuzzer targets (clang-16, ASan + UBSan, build-fuzz/) and runs each for a set time.
#
#   scripts/fuzz.sh [--seconds N] [--jobs J] [--big-seeds] [--no-build] [TARGET...]
#
# TARGET: evidence_raw evidence_ewf parsers_sqlite parsers_files sqlite_records filecarver
# archives hashsets exif decode indicators (default: all, one after the other). Each runs N
# seconds (default 300) over build-fuzz/corpus/<target> (seeded from tests/fuzz/seeds/<target>
# and tests/fuzz/regressions/<target>; new inputs it finds stay there for the next run).
# Crashes, timeouts and out-of-memory inputs go to build-fuzz/crashes/<target>/; copy them into
# tests/fuzz/regressions/<target>/ once fixed so that ctest (fuzz_replay_<target>) replays them.
# --big-seeds adds larger seeds generated at run time by the tests/data generators (the ext4/
# FAT/NTFS test images and E01s, the demo apps' full databases) to the corpora.
# --jobs J runs J targets at the same time (default 1). At the end a table: target, seconds,
# execs, exec/s, coverage (cov: edges, ft: features) and crashes. Logs: build-fuzz/logs/.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="$repo/build-fuzz"
seconds=300
jobs=1
big=0
build_it=1
all=(evidence_raw evidence_ewf parsers_sqlite parsers_files sqlite_records filecarver archives hashsets exif decode
     indicators)
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --big-seeds) big=1; shift ;;
    --no-build) build_it=0; shift ;;
    -h|--help) sed -n '3,18p' "$0"; exit 0 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "unknown target $t (known: ${all[*]})" >&2; exit 2; }
done

# Largest input per target: images and databases need room, text and headers do not.
max_len() {
  case "$1" in
    evidence_raw|evidence_ewf) echo 262144 ;;
    parsers_sqlite|sqlite_records|filecarver|archives|hashsets) echo 131072 ;;
    exif|decode) echo 65536 ;;
    parsers_files|indicators) echo 16384 ;;
  esac
}

if [ "$build_it" = 1 ]; then
  cmake -S "$repo" -B "$build" -G Ninja -DVIGIL_FUZZ=ON -DCMAKE_C_COMPILER=clang-16 -DCMAKE_CXX_COMPILER=clang++-16 \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" -DVIGIL_BUILD_BENCH=OFF >/dev/null
  nice -n 10 cmake --build "$build" -j 2 --target $(printf 'fuzz_%s ' "${targets[@]}")
fi

if [ "$big" = 1 ]; then
  gen="$build/bigseeds"
  rm -rf "$gen"; mkdir -p "$gen"
  bash "$repo/tests/data/make_evidence.sh" "$gen/evidence" >/dev/null
  python3 "$repo/tests/data/chat_gen.py" "$gen/chat" >/dev/null
  python3 "$repo/tests/data/phone_gen.py" "$gen/phone" >/dev/null
  add_big() { mkdir -p "$build/corpus/$1"; cp "${@:2}" "$build/corpus/$1/" 2>/dev/null || true; }
  add_big evidence_raw "$gen"/evidence/*.raw
  add_big evidence_ewf "$gen"/evidence/mbr_ext4.E01
  for f in "$gen"/chat/* "$gen"/phone/*; do
    case "$f" in *.jpg) add_big decode "$f"; add_big exif "$f"; add_big filecarver "$f" ;;
                 *-wal) add_big filecarver "$f" ;;
                 *) cp "$f" "$build/corpus/parsers_sqlite/$(basename "$(dirname "$f")")_$(basename "$f")" 2>/dev/null || true
                    add_big sqlite_records "$f" ;; esac
  done
fi

# Symbolised sanitizer reports (file:line) in the logs.
ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-16 || command -v llvm-symbolizer || true)}"
export ASAN_SYMBOLIZER_PATH

run_one() {
  local t="$1"
  local corpus="$build/corpus/$t" crashes="$build/crashes/$t" log="$build/logs/$t.log"
  mkdir -p "$corpus" "$crashes" "$build/logs"
  cp -n "$repo/tests/fuzz/seeds/$t"/* "$corpus/" 2>/dev/null || true
  find "$repo/tests/fuzz/regressions/$t" -type f ! -name .gitkeep -exec cp -n {} "$corpus/" \; 2>/dev/null || true
  local start; start=$(date +%s)
  # -fork keeps going after a crash; each crash, timeout or oom is written to $crashes.
  (cd "$crashes" && nice -n 10 "$build/tests/fuzz/fuzz_$t" "$corpus" -max_total_time="$seconds" \
     -max_len="$(max_len "$t")" -timeout=25 -rss_limit_mb=2560 -fork=1 -ignore_crashes=1 -ignore_timeouts=1 \
     -ignore_ooms=1 -artifact_prefix="$crashes/" -print_final_stats=1 > "$log" 2>&1) || true
  echo $(( $(date +%s) - start )) > "$build/logs/$t.seconds"
}

summary_row() {
  local t="$1" log="$build/logs/$1.log"
  local secs execs cov ft crashes
  secs=$(cat "$build/logs/$t.seconds" 2>/dev/null || echo 0)
  # Fork mode prints "#N: cov: C ft: F corp: ... exec/s: E ..." lines; the last has the totals.
  local last; last=$(grep -E '^#[0-9]+: cov: ' "$log" | tail -1 || true)
  execs=$(sed -nE 's/^#([0-9]+): .*/\1/p' <<< "$last")
  cov=$(sed -nE 's/.* cov: ([0-9]+) .*/\1/p' <<< "$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+) .*/\1/p' <<< "$last")
  crashes=$(find "$build/crashes/$t" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
  local rate=0
  [ "${secs:-0}" -gt 0 ] && [ -n "$execs" ] && rate=$(( execs / secs ))
  printf '%-16s %8s %12s %8s %8s %8s %8s\n' "$t" "$secs" "${execs:-0}" "$rate" "${cov:-0}" "${ft:-0}" "$crashes"
}

running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
done
wait

printf '%-16s %8s %12s %8s %8s %8s %8s\n' target seconds execs exec/s cov ft crashes
for t in "${targets[@]}"; do summary_row "$t"; done
