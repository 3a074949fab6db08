#!/usr/bin/env bash
# Reproduces the gazetteer figures of BENCHMARKS.md: a synthetic 1,000,000-entity gazetteer
# (build time and memory, load time, resident memory, check throughput) and the bundled
# gazetteer's check throughput on the seed articles repeated to 10 MB, on one core.
# Needs python3 and GNU time (/usr/bin/time). Writes to ${TMPDIR:-/tmp}/copydesk-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q -p copydesk-cli
bin="$PWD/target/release/copydesk"
work="${TMPDIR:-/tmp}/copydesk-bench"
mkdir -p "$work/big" "$work/bundled"
export RAYON_NUM_THREADS=1

python3 benches/synthetic_gazetteer.py 1000000 > "$work/synthetic.toml"
/usr/bin/time -f "build 1M entities: %e s wall, %U s user, %M KB peak" \
  "$bin" gazetteer build "$work/synthetic.toml" -o "$work/big/synthetic.cdgaz"
printf 'gazetteer = ["synthetic.cdgaz"]\n' > "$work/big/.copydesk.toml"

python3 - "$work" <<'PY'
import glob, sys
seeds = "".join(open(f, encoding="utf-8").read() + "\n\n" for f in sorted(glob.glob("tests/corpus/seeds/*.txt")))
text = seeds * (10_000_000 // len(seeds.encode()) + 1)
for folder in ("big", "bundled"):
    open(f"{sys.argv[1]}/{folder}/corpus.txt", "w", encoding="utf-8").write(text)
PY

for run in 1 2 3; do
  (cd "$work/big" && /usr/bin/time -f "load 1M + one lookup (run $run): %e s wall, %M KB" \
    "$bin" entity kalo > /dev/null)
done
(cd "$work/big" && /usr/bin/time -f "check 10 MB with 1M gazetteer: %e s wall, %U s user, %M KB peak" \
  "$bin" check --format json corpus.txt > /dev/null) || true
(cd "$work/bundled" && /usr/bin/time -f "check 10 MB with bundled gazetteer: %e s wall, %U s user, %M KB peak" \
  "$bin" check --format json corpus.txt > /dev/null) || true
printf '[rules]\n"entity/*" = "off"\n' > "$work/bundled/.copydesk.toml"
(cd "$work/bundled" && /usr/bin/time -f "check 10 MB, entity rules off: %e s wall, %U s user, %M KB peak" \
  "$bin" check --format json corpus.txt > /dev/null) || true
rm "$work/bundled/.copydesk.toml"
