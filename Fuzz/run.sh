#!/usr/bin/env bash
# Usage: Fuzz/run.sh TARGET SECONDS [extra libFuzzer flags...]
#   TARGET: FuzzFrameDecoder | FuzzMessageDecoder | FuzzCaptureReader | FuzzProxyTap | FuzzConsoleLine
#
# Builds the harness (incrementally, optimised: -c release) with libFuzzer + AddressSanitizer,
# then fuzzes TARGET for SECONDS starting from the committed seeds in Fuzz/corpus/TARGET/.
# SECONDS=0 means no time limit (pass -runs=N to stop after N executions instead). New corpus
# entries go to Fuzz/corpus-work/TARGET/ and crashing inputs to Fuzz/crashes/ (both ignored by git).
# Prints the number of executions, their rate and the number of crash files at the end; exits 1
# if a crash was found.
#
# By default libFuzzer stops at the first crash. KEEP_GOING=1 runs it in fork mode
# (-fork=1 -ignore_crashes=1) so that it fuzzes for the whole time and saves every crash.
set -euo pipefail

if [[ $# -lt 2 ]]; then
    echo "usage: $0 FuzzFrameDecoder|FuzzMessageDecoder|FuzzCaptureReader|FuzzProxyTap|FuzzConsoleLine SECONDS [libFuzzer flags...]" >&2
    exit 2
fi
target="$1"; seconds="$2"; shift 2
case "$target" in
    FuzzFrameDecoder|FuzzMessageDecoder|FuzzCaptureReader|FuzzProxyTap) max_len=4096 ;;
    FuzzConsoleLine) max_len=1024 ;;  # a console line; longer ones only slow the parser down
    *) echo "unknown target '$target' (FuzzFrameDecoder, FuzzMessageDecoder, FuzzCaptureReader, FuzzProxyTap or FuzzConsoleLine)" >&2; exit 2 ;;
esac

cd "$(dirname "$0")"
scratch=.build-fuzz

# No -parse-as-library: each harness's main.swift starts libFuzzer itself (see the comment there).
# Release: a debug build runs the harness (and the unspecialised generic code of NIO and
# swift-argument-parser) several times slower; -O keeps preconditions and overflow checks.
nice -n 10 swift build -c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer,address --product "$target" \
    2>&1 | grep -v "Cannot export local symbol" || true
binary="$scratch/release/$target"
[[ -x "$binary" ]] || { echo "build failed: no $binary" >&2; exit 2; }

mkdir -p "corpus-work/$target" crashes
log="crashes/$target-$(date +%Y%m%d-%H%M%S).log"
before=$(ls crashes | grep -c -E "^$target-(crash|leak|timeout|oom)-" || true)

# Let libFuzzer/ASan report crashes: the Swift runtime's backtracer would take the signal first.
export SWIFT_BACKTRACE="${SWIFT_BACKTRACE:-enable=no}"

mode=()
if [[ "${KEEP_GOING:-0}" == 1 ]]; then mode=(-fork=1 -ignore_crashes=1); fi

set +e
started=$SECONDS
nice -n 10 "$binary" "corpus-work/$target" "corpus/$target" \
    -max_total_time="$seconds" -timeout=10 -max_len="$max_len" -print_final_stats=1 \
    -artifact_prefix="crashes/$target-" ${mode[@]+"${mode[@]}"} "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
elapsed=$((SECONDS - started))
set -e

after=$(ls crashes | grep -c -E "^$target-(crash|leak|timeout|oom)-" || true)
# Executions: the final stats line, or in fork mode the last "#N: cov: ..." progress line.
execs=$(grep -a -E "^stat::number_of_executed_units:" "$log" | tail -1 | awk '{print $2}' || true)
rate=$(grep -a -E "^stat::average_exec_per_sec:" "$log" | tail -1 | awk '{print $2}' || true)
if [[ -z "$execs" ]]; then
    execs=$(grep -a -E "^#[0-9]+: cov:" "$log" | tail -1 | sed -E 's/^#([0-9]+):.*/\1/' || true)
fi

# Replay each crash file of this run once to show why it crashed (fork mode keeps no child logs).
if [[ $after -gt $before ]]; then
    for crash in $(ls -t crashes | grep -E "^$target-(crash|leak|timeout|oom)-" | head -n $((after - before))); do
        echo "=== replaying crashes/$crash"
        "$binary" "crashes/$crash" 2>&1 | grep -a -E "FUZZ PROPERTY|^  b[0-9]? =|Fatal error|ERROR: AddressSanitizer|SUMMARY|^    #[0-9] " \
            | head -n 20 | tee -a "$log" || true
    done
fi
echo "=== $target: ${execs:-?} executions in ${elapsed}s (${rate:-?} exec/s; limit ${seconds}s), libFuzzer exit status $status"
echo "=== $target: $((after - before)) new crash file(s) in Fuzz/crashes/ (log: Fuzz/$log)"
[[ $after -eq $before && $status -eq 0 ]]
