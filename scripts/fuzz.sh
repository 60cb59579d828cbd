#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# Fuzz every format (or the ones named) for SECONDS each with libFuzzer, and
# its hostile-guest target FMT-arena for SECONDS/3, one target per core at
# a time (GENERICPT_FUZZ_JOBS):
#   scripts/fuzz.sh [SECONDS] [FORMAT...]        (default: 60 s, all formats)
# Builds the "fuzz" preset (clang, -fsanitize=fuzzer,address,undefined) into
# build-fuzz/, seeds from tests/fuzz/corpus/ and keeps what it learns in
# build-fuzz/corpus/FMT/. A crash fails the run (non-zero status once the
# targets still running end) and leaves the input in build-fuzz/artifacts/; replay it with
#   GPT_FUZZ_FORMAT=FMT GPT_FUZZ_VERBOSE=1 build-fuzz/tests/fuzz/genericpt-fuzz FILE
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
bash scripts/deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
fuzz=build-fuzz/tests/fuzz/genericpt-fuzz
if [ $# -eq 0 ]; then
	IFS=';' read -r -a formats <<<"$(sed -n 's/^GENERICPT_FORMATS:INTERNAL=//p' build-fuzz/CMakeCache.txt)"
else
	formats=("$@")
fi
mkdir -p build-fuzz/artifacts
# The hostile-guest targets (FMT-arena) get a third of the time.
arena_secs=$(( (secs + 2) / 3 ))
# libFuzzer runs one thread: run GENERICPT_FUZZ_JOBS targets side by side
# (default: one per core). Each target's output is kept in
# build-fuzz/logs/TARGET.log and printed, filtered, when it ends.
jobs=${GENERICPT_FUZZ_JOBS:-$(nproc)}
mkdir -p build-fuzz/logs
run_one() {
	local target=$1 t=$2 rc=0
	mkdir -p "build-fuzz/corpus/$target"
	GPT_FUZZ_FORMAT=$target "$fuzz" -max_total_time="$t" -timeout=20 \
		-rss_limit_mb=2048 -max_len=1024 -print_final_stats=1 \
		-artifact_prefix="build-fuzz/artifacts/$target-" \
		"build-fuzz/corpus/$target" tests/fuzz/corpus \
		>"build-fuzz/logs/$target.log" 2>&1 || rc=$?
	echo "=== fuzz $target for ${t}s: $([ $rc -eq 0 ] && echo ok || echo "FAILED ($rc)")"
	grep -v -E '^#[0-9]+.*(NEW|REDUCE|RELOAD|pulse)|NEW_FUNC|WARN_ON' \
		"build-fuzz/logs/$target.log" || true
	return $rc
}
targets=()
for f in "${formats[@]}"; do
	[ -f "tests/cfg/$f.h" ] || continue
	targets+=("$f:$secs" "$f-arena:$arena_secs")
done
failed=0
running=0
for tt in "${targets[@]}"; do
	if [ "$running" -ge "$jobs" ]; then
		wait -n || failed=1
		running=$((running - 1))
	fi
	run_one "${tt%%:*}" "${tt##*:}" &
	running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
	wait -n || failed=1
	running=$((running - 1))
done
if [ "$failed" -ne 0 ]; then
	echo "=== fuzz: a target failed; inputs are in build-fuzz/artifacts/" >&2
	exit 1
fi
echo "=== fuzz: no crash in ${formats[*]}"
