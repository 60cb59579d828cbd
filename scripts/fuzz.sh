#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only OR MIT
# Fuzz every format (or the ones named) for SECONDS each with libFuzzer, and
# its hostile-guest target FMT-arena for SECONDS/3:
#   scripts/fuzz.sh [SECONDS] [FORMAT...]        (default: 60 s, all formats)
# Builds the "fuzz" preset (clang, -fsanitize=fuzzer,address,undefined) into
# build-fuzz/, seeds from tests/fuzz/corpus/ and keeps what it learns in
# build-fuzz/corpus/FMT/. A crash stops the run with a non-zero status and
# leaves the input in build-fuzz/artifacts/; replay it with
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
run_one() {
	local target=$1 t=$2
	mkdir -p "build-fuzz/corpus/$target"
	echo "=== fuzz $target for ${t}s"
	GPT_FUZZ_FORMAT=$target "$fuzz" -max_total_time="$t" -timeout=20 \
		-rss_limit_mb=2048 -max_len=1024 -print_final_stats=1 \
		-artifact_prefix="build-fuzz/artifacts/$target-" \
		"build-fuzz/corpus/$target" tests/fuzz/corpus 2>&1 |
		grep -v -E '^#[0-9]+.*(NEW|REDUCE|RELOAD|pulse)|NEW_FUNC|WARN_ON'
}
for f in "${formats[@]}"; do
	[ -f "tests/cfg/$f.h" ] || continue
	run_one "$f" "$secs"
	run_one "$f-arena" "$arena_secs"
done
echo "=== fuzz: no crash in ${formats[*]}"
