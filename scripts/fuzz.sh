#!/usr/bin/env bash
# Coverage-guided fuzzing of the validator with AFL++ (Debian package afl++) through SharpFuzz.
#   scripts/fuzz.sh [SECONDS] [OUT]     default: 3600 s, findings in artifacts/fuzz
# Needs: apt-get install afl++; dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0
# The target (tests/StreamContracts.Fuzz) validates each input against every built-in contract and with auto.
# Crashes land in OUT/default/crashes; replay them with:
#   dotnet artifacts/fuzz-bin/StreamContracts.Fuzz.dll replay OUT/default/crashes
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-3600}
out=${2:-artifacts/fuzz}
bin=artifacts/fuzz-bin
export PATH="$PATH:$HOME/.dotnet/tools"
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }
command -v sharpfuzz >/dev/null || { echo "sharpfuzz not found: dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0" >&2; exit 2; }

rm -rf "$bin"
dotnet publish tests/StreamContracts.Fuzz -c Release -o "$bin" -v q
sharpfuzz "$bin/StreamContracts.dll"            # instrument the engine only

# Seeds: the repository's example captures (small, all four families, valid and one-fault), and the regression inputs.
seeds=artifacts/fuzz-seeds
rm -rf "$seeds"; mkdir -p "$seeds"
find examples/captures -name '*.sse' -size -16k -exec cp {} "$seeds/" \;
if [ -d tests/StreamContracts.Fuzz/regressions ]; then cp tests/StreamContracts.Fuzz/regressions/* "$seeds/" 2>/dev/null || true; fi

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
mkdir -p "$out"
timeout --signal=INT "$((seconds + 30))" afl-fuzz -V "$seconds" -i "$seeds" -o "$out" -t 10000 -m none -x tests/StreamContracts.Fuzz/sse.dict -- dotnet "$bin/StreamContracts.Fuzz.dll" || true
grep -E 'execs_done|run_time|saved_crashes|saved_hangs|corpus_count|execs_per_sec' "$out/default/fuzzer_stats" || true
