#!/bin/bash
# ccsim's wall time per call ÷ the C reference's, on erlang-a-100 with 10^6 measured calls:
# ROUNDS (default 7) rounds, each running ccsim then the C reference back to back, so that
# both see the same load of a shared machine; prints every round and the median ratio.
# Usage: Benchmarks/ratio.sh CCSIM_BENCH C_REFERENCE [ROUNDS]
set -euo pipefail
bench=$1 reference=$2 rounds=${3:-7}
ratios=()
for k in $(seq "$rounds"); do
  ccsim=$("$bench" 1 1000000 0 | awk '$1 == 1000000 {print $3}')
  c=$("$reference" 1000000 | sed -n 's/.* calls\/s, \([0-9.]*\) s,.*/\1/p')
  ratio=$(awk -v s="$ccsim" -v c="$c" 'BEGIN {printf "%.3f", s / c}')
  ratios+=("$ratio")
  echo "  round $k: ccsim $ccsim s, C reference $c s, ratio $ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk -v n="$rounds" '{r[NR] = $1}
  END {printf "ccsim time ÷ C reference time per call (erlang-a-100, 10^6 calls), median of %d alternating rounds: %s\n", n, r[int((n + 1) / 2)]}'
