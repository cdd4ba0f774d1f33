#!/usr/bin/env bash
# Times `bin/anonymizer scrub --kind logs` as a whole process (JVM start included) against a Perl two-regex pass
# over the same file, alternately, in one run. Usage: benchmarks/scrub-corpus/run.sh [DIR [RUNS [SCRUB ARGS...]]]
# DIR (default /tmp/scrub-corpus) gets the corpus of ScrubCorpus.java (320 MB) and a key on first use.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="${1:-/tmp/scrub-corpus}"; runs="${2:-3}"; shift $(( $# > 2 ? 2 : $# ))
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
[[ -f "$dir/logs.txt" ]] || "$java" "$root/benchmarks/scrub-corpus/ScrubCorpus.java" "$dir" 320
[[ -f "$dir/secret.key" ]] || head -c 32 /dev/urandom > "$dir/secret.key"
bytes=$(stat -c %s "$dir/logs.txt")
"$root/bin/anonymizer" scrub --help > /dev/null   # builds the jar first if needed, outside the timings
rate() { # label, then the command; prints MB/s (10^6 bytes), wall and CPU seconds
  local label="$1"; shift
  local start end usage
  start=$(date +%s.%N)
  /usr/bin/time -o "$dir/.time" -f '%U %S' "$@" < "$dir/logs.txt" > /dev/null 2> /dev/null || true
  end=$(date +%s.%N)
  usage=$(tail -1 "$dir/.time")
  awk -v l="$label" -v b="$bytes" -v s="$start" -v e="$end" -v u="$usage" 'BEGIN {
    split(u, c, " "); printf "%-8s %7.1f MB/s  %6.2f s wall  %6.2f s cpu\n", l, b / 1e6 / (e - s), e - s, c[1] + c[2] }'
}
echo "$(nproc) CPUs, $(cut -d' ' -f1-3 /proc/loadavg) load; $bytes bytes, $(wc -l < "$dir/logs.txt") lines"
for _ in $(seq "$runs"); do
  rate perl perl -pe 's/\S+@\S+/X/g; s/\d+\.\d+\.\d+\.\d+/X/g'
  rate scrub "$root/bin/anonymizer" scrub --kind logs --secret-file "$dir/secret.key" \
    --identities "$dir/identities.tsv" "$@"
done
