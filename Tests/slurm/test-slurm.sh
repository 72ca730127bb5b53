#!/usr/bin/env bash
# A real one-node Slurm cluster runs a sharded sweep (part of `make test`; needs root and
# the Debian packages slurm-wlm and munge, which `make deps` installs).
#
# Starts munged (unless a working one is there) and slurmctld + slurmd on localhost with a
# throw-away configuration (no cgroups, no accounting; ports 16817/16818), lets
# `ccsim slurm --submit` submit a 4-task job array and its merge, waits for the merge,
# and compares the merged folder with the same sweep on one machine byte for byte. Stops
# the daemons it started (by their pid files). When a daemon does not come up, it fails
# and prints the daemon's log: never skipped.
#
# Usage: Tests/slurm/test-slurm.sh [CCSIM_BINARY]   (default .build/debug/ccsim)
# SHARDS (default 4) and REPLICATIONS (default 4) size the run, for timing it.
set -euo pipefail

repo=$(cd "$(dirname "$0")/../.." && pwd)
ccsim=$(realpath "${1:-$repo/.build/debug/ccsim}")
work=$(mktemp -d /tmp/ccsim-slurm.XXXXXX)
chmod 755 "$work"
pidfiles=()

fail() {
    echo "test-slurm: FAILED: $*" >&2
    for log in "$work"/*.log "$work"/job/logs/*.out; do
        [ -f "$log" ] && { echo "--- $log" >&2; tail -n 40 "$log" >&2; }
    done
    exit 1
}

cleanup() {
    for pidfile in "${pidfiles[@]}"; do
        [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    sleep 1
    rm -rf "$work"
}
trap cleanup EXIT

[ "$(id -u)" -eq 0 ] || fail "must run as root (make test runs it with sudo when you are not root)"
for tool in munged munge unmunge slurmctld slurmd sbatch squeue scontrol sinfo; do
    command -v "$tool" >/dev/null || fail "$tool not found: install slurm-wlm and munge (make deps)"
done

# munge: the key, its directories owned by the munge user, and munged run as that user.
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    mkdir -p /etc/munge /run/munge /var/log/munge /var/lib/munge
    [ -s /etc/munge/munge.key ] || dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
    chown -R munge:munge /etc/munge /run/munge /var/log/munge /var/lib/munge
    chmod 700 /etc/munge && chmod 400 /etc/munge/munge.key
    runuser -u munge -- munged || fail "munged did not start ($(tail -n 5 /var/log/munge/munged.log 2>/dev/null))"
    pidfiles+=(/run/munge/munged.pid)
    for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
    munge -n | unmunge >/dev/null || fail "munge -n | unmunge does not succeed"
fi

host=$(hostname -s 2>/dev/null || uname -n | cut -d. -f1)
mkdir -p "$work/state" "$work/spool"
cat > "$work/slurm.conf" <<EOF
ClusterName=ccsimtest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
MinJobAge=600
NodeName=$host CPUs=$(nproc) RealMemory=1000 State=UNKNOWN
PartitionName=main Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"
pidfiles+=("$work/slurmd.pid" "$work/slurmctld.pid")
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
for _ in $(seq 100); do
    [ "$(sinfo -h -o %T 2>/dev/null | head -n 1)" = "idle" ] && break
    sleep 0.3
done
[ "$(sinfo -h -o %T 2>/dev/null | head -n 1)" = "idle" ] || fail "the node is not idle: $(sinfo 2>&1)"

# The sweep in 4 shards through Slurm, then on one machine.
scenario="$repo/Scenarios/ivr-depth.yaml"
started=$(date +%s%N)
shards=${SHARDS:-4}
replications=${REPLICATIONS:-4}
out=$("$ccsim" slurm "$scenario" --shards "$shards" --command sweep --folder "$work/job" --out "$work/merged" --submit \
      -- --replications "$replications") || fail "ccsim slurm --submit: $out"
echo "$out"
merge=$(sed -n 's/.*merge job \([0-9]*\).*/\1/p' <<<"$out")
[ -n "$merge" ] || fail "no merge job id in: $out"
for _ in $(seq 600); do
    state=$(scontrol show job "$merge" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
    case "$state" in
        COMPLETED) break ;;
        FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY|DEADLINE) fail "merge job $merge ended $state" ;;
    esac
    sleep 0.25
done
[ "$state" = "COMPLETED" ] || fail "merge job $merge not done after 150 s (state ${state:-unknown})"
for i in $(seq 0 $((shards - 1))); do
    grep -q "shard $i of $shards" "$work/job/logs/shard-$i.out" || fail "task $i did not run shard $i"
done
slurm_ms=$(( ($(date +%s%N) - started) / 1000000 ))

started=$(date +%s%N)
"$ccsim" sweep "$scenario" --replications "$replications" --out "$work/whole" >/dev/null || fail "the sweep on one machine failed"
whole_ms=$(( ($(date +%s%N) - started) / 1000000 ))

for file in sweep.csv sweep-meta.json replications.csv; do
    cmp -s "$work/merged/$file" "$work/whole/$file" || fail "$file of the Slurm run differs from the run on one machine"
done
grep -q '"merged"' "$work/merged/manifest.json" || fail "the merged manifest does not record its shards"
echo "test-slurm: passed: $shards shards on a one-node Slurm cluster + merge in $slurm_ms ms, byte-identical to the run on" \
    "one machine ($whole_ms ms)"
