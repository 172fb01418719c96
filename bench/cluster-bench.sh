#!/usr/bin/env bash
# Council Chat on one server and on two, side by side, behind one HAProxy (issue 14, section 4).
#
# What it measures, in one run (both nodes start first, and each is warmed up by a bench run of its own, so
# that neither is measured while its JIT is still compiling):
#   1. ONE node (node A, pinned to core 0) behind HAProxy: `chat bench` through HAProxy's first frontend, whose
#      backend is node A alone (node B is up but idle), answers/s, p50, p99.
#   2. TWO nodes (node A on core 0, node B on core 1) behind the same HAProxy's second frontend, whose backend is
#      both: the same bench, the same figures, and the ratio two/one.
#   3. Connections each node holds (HAProxy's scur per server, and established TCP connections on the node's
#      port), and the CPU each part used while the chat was measured (nodes, bench client, HAProxy, PostgreSQL,
#      RabbitMQ), from /proc.
#   4. What a connected, idle resident costs: IDLE_RESIDENTS residents connect through HAProxy (each says hello
#      and sends one message, then stays connected), and the script compares, before and while they are held:
#      each node's live heap (jcmd GC.class_histogram, which runs a full GC first: live objects only), RabbitMQ's
#      connections and queues (rabbitmqctl) and its memory (rabbitmq-diagnostics memory_breakdown, and the
#      beam.smp resident set). With `council-chat.broker.mode: relay` the servers pass each other live events
#      through RabbitMQ over two AMQP connections each (NodeRelay); residents' WebSockets never reach RabbitMQ, so
#      its figures should not grow with the residents. (Spring's STOMP broker relay, used before, gave every
#      WebSocket a RabbitMQ connection of its own: README has its figures from this script.)
#   It ends with one table, and stops everything it started and drops its PostgreSQL schema (trap EXIT).
#
# How to run it, from the repository root, after `./mvnw -pl server -am package -DskipTests`:
#   bench/cluster-bench.sh
#   RESIDENTS=20 MESSAGES=50 IDLE_RESIDENTS=500 bench/cluster-bench.sh
# Needs: PostgreSQL on 127.0.0.1:5432 (database test, user postgres, trust), RabbitMQ on 127.0.0.1:5672
# (guest/guest) with rabbitmqctl/rabbitmq-diagnostics usable by this user, haproxy,
# taskset, curl, psql, python3, and Java 21+ (JAVA_HOME, else java on the PATH).
#
# Settings (environment): RESIDENTS (20) and MESSAGES (50) per resident for the throughput runs, WARM_UP (50)
# untimed messages each first, IDLE_RESIDENTS (500) and HOLD (30 s) for the memory part, BALANCE (roundrobin or
# leastconn), NODE_HEAP (512m), CLIENT_CPUS (empty: the bench client is not pinned; e.g. 1 pins it), NODE_OPTS
# (more --settings for both nodes), BENCH_LOCK (a file: each measurement runs holding flock on it, so that a
# build sharing the machine waits), WORK (server/target/cluster-bench: logs, indexes, models, kept for the next
# run so that a node need not train its model again).
#
# NOTE: this measures a whole cluster on one machine. With two cores, the bench client, HAProxy, PostgreSQL and
# RabbitMQ need CPU too, and there is no third core for them: in the one-node run they mostly use core 1, which
# node A leaves them; in the two-node run they take their share of both cores from the two nodes. So two nodes
# cannot be twice one here; the CPU table says where the time went. The client is left unpinned by default:
# pinned to core 1 it would compete with node B alone and make node B look slower than node A, and pinned to
# core 0 it would take from node A's one-node run; unpinned, the scheduler spreads it over whatever is free, as it
# does the other parts. Node figures also depend on the semantic search and sentence embeddings, on by default as
# in production (NODE_OPTS can turn them off).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
JAR=$ROOT/server/target/council-chat.jar
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
RESIDENTS=${RESIDENTS:-20}
MESSAGES=${MESSAGES:-50}
WARM_UP=${WARM_UP:-50}
IDLE_RESIDENTS=${IDLE_RESIDENTS:-500}
HOLD=${HOLD:-30}
BALANCE=${BALANCE:-roundrobin}
NODE_HEAP=${NODE_HEAP:-512m}
CLIENT_CPUS=${CLIENT_CPUS:-}
NODE_OPTS=${NODE_OPTS:-}
BENCH_LOCK=${BENCH_LOCK:-}
WORK=${WORK:-$ROOT/server/target/cluster-bench}
POSTGRES=jdbc:postgresql://127.0.0.1:5432/test
SCHEMA=cc_bench_$(head -c 6 /dev/urandom | od -An -tx1 | tr -d ' \n')
TICKS=$(getconf CLK_TCK)

[[ -f $JAR ]] || { echo "No $JAR: run ./mvnw -pl server -am package -DskipTests first" >&2; exit 2; }
for tool in haproxy taskset curl psql python3 jcmd rabbitmqctl rabbitmq-diagnostics; do
    command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] || { echo "Needs $tool" >&2; exit 2; }
done
export PATH=$PATH:/usr/sbin
mkdir -p "$WORK"
RUN=$WORK/run-$(date +%Y%m%d-%H%M%S)
mkdir -p "$RUN"

log() { printf '[%s] %s\n' "$(date +%T)" "$*" >&2; }

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

PORT_A=$(free_port)
PORT_B=$(free_port)
PORT_ONE=$(free_port)
PORT_TWO=$(free_port)
PORT_STATS=$(free_port)
PID_A=
PID_B=
PID_LB=
PID_CLIENT=

cleanup() {
    local status=$?
    for pid in $PID_CLIENT $PID_LB $PID_B $PID_A; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $PID_CLIENT $PID_LB $PID_B $PID_A; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -9 "$pid" 2>/dev/null || true
    done
    psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" >/dev/null 2>&1 || true
    rm -rf "$WORK"/node-a/index "$WORK"/node-b/index
    log "Stopped everything, dropped schema $SCHEMA; logs in $RUN"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Each measurement holds BENCH_LOCK (if set), so a build sharing the machine waits for it, and it for the build.
lock() {
    if [[ -n $BENCH_LOCK ]]; then
        log "Waiting for $BENCH_LOCK"
        exec 9>>"$BENCH_LOCK"
        flock 9
    fi
}
unlock() {
    if [[ -n $BENCH_LOCK ]]; then
        flock -u 9
        exec 9>&-
    fi
}

# One node: the demo council on the shared schema and RabbitMQ (relay), pinned to one core; its pid in NODE_PID.
start_node() {
    local name=$1 port=$2 cpu=$3 folder=$WORK/$1
    mkdir -p "$folder"
    # shellcheck disable=SC2086 # NODE_OPTS is a list of settings
    (cd "$folder" && exec taskset -c "$cpu" "$JAVA" -Xmx"$NODE_HEAP" -jar "$JAR" \
        --server.port="$port" \
        --spring.profiles.active=demo \
        --spring.datasource.url="$POSTGRES?currentSchema=$SCHEMA" \
        --spring.datasource.username=postgres \
        --spring.datasource.password= \
        --spring.flyway.schemas="$SCHEMA" \
        --spring.flyway.create-schemas=true \
        --council-chat.broker.mode=relay \
        --council-chat.handoff.node-id="$name" \
        --council-chat.knowledge.index-directory="$folder/index" \
        --council-chat.engine.model-directory="$folder/models" \
        --council-chat.chat.messages-per-minute=1000000 \
        --council-chat.chat.message-burst=1000000 \
        --council-chat.chat.max-connections-per-address=1000000 \
        --management.endpoint.health.show-details=always \
        $NODE_OPTS >"$RUN/$name.log" 2>&1) &
    NODE_PID=$!
}

# Waits until the node is ready for HAProxy and its relay is connected to RabbitMQ.
await_node() {
    local name=$1 port=$2 pid=$3 deadline=$((SECONDS + 300))
    while ((SECONDS < deadline)); do
        kill -0 "$pid" 2>/dev/null || { tail -30 "$RUN/$name.log" >&2; echo "$name stopped" >&2; exit 1; }
        if curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health/readiness" \
            && curl -fs -o /dev/null "http://127.0.0.1:$port/actuator/health/broker"; then
            return
        fi
        sleep 0.5
    done
    echo "$name did not start in 300 s" >&2
    exit 1
}

start_haproxy() {
    cat >"$RUN/haproxy.cfg" <<EOF
global
    maxconn 4000
defaults
    mode http
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    # A WebSocket is a tunnel once upgraded: idle chats must not be cut after timeout client/server.
    timeout tunnel 1h
    option redispatch
    retries 3
# The one-node run's way in: node A alone.
frontend one
    bind 127.0.0.1:$PORT_ONE
    maxconn 4000
    option forwardfor
    default_backend one
backend one
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    server node-a 127.0.0.1:$PORT_A check inter 500ms fall 2 rise 2
# The two-node run's: both.
frontend two
    bind 127.0.0.1:$PORT_TWO
    maxconn 4000
    option forwardfor
    default_backend two
backend two
    balance $BALANCE
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    server node-a 127.0.0.1:$PORT_A check inter 500ms fall 2 rise 2
    server node-b 127.0.0.1:$PORT_B check inter 500ms fall 2 rise 2
listen stats
    bind 127.0.0.1:$PORT_STATS
    stats enable
    stats uri /stats
EOF
    haproxy -f "$RUN/haproxy.cfg" -db >"$RUN/haproxy.log" 2>&1 &
    PID_LB=$!
}

# A field of HAProxy's CSV statistics for one server of a backend: 4 is scur (sessions now), 17 status.
stat_of() {
    curl -fs "http://127.0.0.1:$PORT_STATS/stats;csv" | awk -F, -v b="$1" -v s="$2" -v f="$3" \
        '$1 == b && $2 == s { print $(f + 1) }'
}

await_balancer() {
    local backend=$1 server=$2 expected=$3 deadline=$((SECONDS + 60))
    until [[ $(stat_of "$backend" "$server" 17 2>/dev/null) == "$expected"* ]]; do
        kill -0 "$PID_LB" 2>/dev/null || { cat "$RUN/haproxy.log" >&2; echo "HAProxy stopped" >&2; exit 1; }
        ((SECONDS < deadline)) || { echo "HAProxy never saw $backend/$server $expected" >&2; exit 1; }
        sleep 0.3
    done
}

established() { ss -Htn state established "( sport = :$1 )" | wc -l; }

# CPU ticks used so far by: node A, node B, the bench client, HAProxy, PostgreSQL (all its processes),
# RabbitMQ (beam.smp), and the whole machine: busy, idle, and stolen by the hypervisor.
cpu_snapshot() {
    awk -v a="${PID_A:-0}" -v b="${PID_B:-0}" -v c="${PID_CLIENT:-0}" -v h="${PID_LB:-0}" '
        FILENAME == "/proc/stat" { if ($1 == "cpu") { idle = $5 + $6; busy = $2 + $3 + $4 + $7 + $8; steal = $9 } next }
        {
            lp = index($0, "("); rp = 0
            for (i = length($0); i > 0; i--) if (substr($0, i, 1) == ")") { rp = i; break }
            comm = substr($0, lp + 1, rp - lp - 1)
            split(substr($0, rp + 2), f, " ")
            t = f[12] + f[13]; pid = $1
            if (pid == a) A += t; else if (pid == b) B += t; else if (pid == c) C += t; else if (pid == h) H += t
            else if (comm == "postgres") P += t; else if (comm == "beam.smp") R += t
        }
        END { printf "%d %d %d %d %d %d %d %d %d\n", A, B, C, H, P, R, busy, idle, steal }
    ' /proc/stat /proc/[0-9]*/stat 2>/dev/null
}

# Percent of one core each part used between two snapshots, over the wall time between them.
cpu_share() {
    python3 - "$1" "$2" "$3" "$TICKS" <<'EOF'
import sys
before, after = (list(map(int, s.split())) for s in sys.argv[1:3])
seconds, ticks = float(sys.argv[3]), int(sys.argv[4])
d = [(y - x) / ticks / seconds * 100 for x, y in zip(before, after)]
names = ["node A", "node B", "client", "haproxy", "postgres", "rabbitmq"]
parts = " ".join(f"{n}={v:.0f}%" for n, v in zip(names, d[:6]))
other = d[6] - sum(d[:6])
print(f"{parts} other={max(other, 0):.0f}% idle={d[7]:.0f}% stolen={d[8]:.0f}% (of 200%)")
EOF
}

waitfor_line() {
    local file=$1 pattern=$2 deadline=$((SECONDS + 600))
    until grep -q "$pattern" "$file" 2>/dev/null; do
        kill -0 "$PID_CLIENT" 2>/dev/null || { cat "$file" >&2; echo "The bench client stopped" >&2; exit 1; }
        ((SECONDS < deadline)) || { echo "Waited too long for: $pattern" >&2; exit 1; }
        sleep 0.1
    done
}

# Starts `chat bench` against the port given (HAProxy's or a node's) in the background.
start_client() {
    local name=$1 port=$2
    shift 2
    local pin=()
    [[ -n $CLIENT_CPUS ]] && pin=(taskset -c "$CLIENT_CPUS")
    "${pin[@]}" "$JAVA" -jar "$JAR" chat bench --url "ws://127.0.0.1:$port/webchat/v1/ws" "$@" \
        >"$RUN/$name.out" 2>"$RUN/$name.err" 9>&- &
    PID_CLIENT=$!
}

finish_client() {
    local name=$1
    wait "$PID_CLIENT" || { cat "$RUN/$name.err" >&2; echo "chat bench failed" >&2; exit 1; }
    PID_CLIENT=
}

# One throughput run through HAProxy's frontend <name> (one or two). Sets, by name: <name>_json (the bench's last
# line), <name>_cpu, <name>_conns.
throughput() {
    local name=$1 port=$2 before after t0 t1
    lock
    log "$name: $RESIDENTS residents x $MESSAGES messages through HAProxy"
    start_client "$name" "$port" --residents "$RESIDENTS" --messages "$MESSAGES" --warm-up "$WARM_UP" --hold 8
    waitfor_line "$RUN/$name.err" "Against the chat on"
    before=$(cpu_snapshot)
    t0=$(date +%s.%N)
    (sleep 5 && top -b -n1 -w 160 | head -25 >"$RUN/$name-top.txt") 9>&- &
    waitfor_line "$RUN/$name.err" "^Holding"
    after=$(cpu_snapshot)
    t1=$(date +%s.%N)
    # RabbitMQ first: rabbitmqctl takes a second or two to start, on a busy machine longer, and the hold is 8 s.
    local rabbit
    rabbit=$(rabbit_connections)
    printf -v "${name}_conns" "node A: scur %s, %s established; node B: scur %s, %s established; RabbitMQ %s" \
        "$(stat_of "$name" node-a 4)" "$(established "$PORT_A")" "$(stat_of two node-b 4)" \
        "$(established "$PORT_B")" "$rabbit"
    finish_client "$name"
    printf -v "${name}_cpu" "%s" "$(cpu_share "$before" "$after" "$(python3 -c "print($t1 - $t0)")")"
    printf -v "${name}_json" "%s" "$(tail -1 "$RUN/$name.out")"
    unlock
    cat "$RUN/$name.out" >&2
}

# Connections to RabbitMQ: its STOMP plugin's (the relay's) are not among list_connections (AMQP 0-9-1 only).
rabbit_connections() {
    {
        rabbitmqctl -q list_connections --no-table-headers name
        rabbitmqctl -q list_stomp_connections --no-table-headers conn_name
    } 2>/dev/null | grep -c . || true
}
rabbit_channels() { rabbitmqctl -q list_channels --no-table-headers name 2>/dev/null | grep -c . || true; }
rabbit_queues() { rabbitmqctl -q list_queues --no-table-headers name 2>/dev/null | grep -c . || true; }

# RabbitMQ memory in KB: the Erlang VM's allocated total (erlang:memory(total)) and its binaries; from
# memory_breakdown its connections' processes and its queues' processes; and beam.smp's resident set.
# With the relay, the VM's binaries grow by megabytes a connection while the resident set grows by a few hundred
# KB: allocated, mostly never touched. The resident set is what the machine gives up (and what RabbitMQ's memory
# alarm measures by default, vm_memory_calculation_strategy = rss).
rabbit_memory() {
    local breakdown rss vm
    breakdown=$(rabbitmq-diagnostics -q memory_breakdown --unit kb 2>/dev/null)
    printf '%s\n' "$breakdown" >"$RUN/rabbitmq-memory-$1.txt"
    rss=$(ps -o rss= -C beam.smp | awk '{ s += $1 } END { print s + 0 }')
    vm=$(rabbitmqctl -q eval \
        'io:format("~b ~b~n", [erlang:memory(total) div 1024, erlang:memory(binary) div 1024]).' | head -1)
    awk -v rss="$rss" -v vm="$vm" -F'[: ]+' '
        { v = $2 + 0 }
        $1 ~ /^connection_/ { conns += v }
        $1 ~ /^queue_procs|^queue_slave_procs/ { queues += v }
        END { printf "%s %.0f %.0f %d\n", vm, conns, queues, rss }
    ' <<<"$breakdown"
}

live_heap_kb() { jcmd "$1" GC.class_histogram 2>/dev/null | awk '/^Total/ { printf "%.0f\n", $3 / 1024 }'; }

# ----------------------------------------------------------------------------------------------------------------

log "Schema $SCHEMA; node A on :$PORT_A (core 0), node B on :$PORT_B (core 1), HAProxy on :$PORT_ONE (node A)"\
" and :$PORT_TWO (both); logs in $RUN"
# One after the other: the first creates the schema, the second finds it made.
start_node node-a "$PORT_A" 0
PID_A=$NODE_PID
await_node node-a "$PORT_A" "$PID_A"
start_node node-b "$PORT_B" 1
PID_B=$NODE_PID
await_node node-b "$PORT_B" "$PID_B"
start_haproxy
await_balancer one node-a UP
await_balancer two node-a UP
await_balancer two node-b UP

# The same untimed load on each node, straight to it, before anything is measured.
for node in a b; do
    lock
    port=PORT_${node^^}
    log "Warming up node ${node^^}"
    start_client "warm-$node" "${!port}" --residents "$RESIDENTS" --messages "$MESSAGES" --warm-up "$WARM_UP"
    finish_client "warm-$node"
    unlock
done

log "One node behind HAProxy (node B up and idle)"
throughput one "$PORT_ONE"
log "Two nodes behind HAProxy"
throughput two "$PORT_TWO"

log "Idle residents: $IDLE_RESIDENTS connect through HAProxy and stay for $HOLD s"
lock
sleep 2
rabbit_conns_0=$(rabbit_connections)
rabbit_queues_0=$(rabbit_queues)
rabbit_channels_0=$(rabbit_channels)
read -r rmem_0 rbin_0 rconn_0 rqueue_0 rrss_0 < <(rabbit_memory before)
heap_a_0=$(live_heap_kb "$PID_A")
heap_b_0=$(live_heap_kb "$PID_B")
start_client idle "$PORT_TWO" --residents "$IDLE_RESIDENTS" --messages 1 --warm-up 0 --hold "$HOLD"
waitfor_line "$RUN/idle.err" "^Holding"
sleep 2
scur_a=$(stat_of two node-a 4)
scur_b=$(stat_of two node-b 4)
est_a=$(established "$PORT_A")
est_b=$(established "$PORT_B")
rabbit_conns_1=$(rabbit_connections)
rabbit_queues_1=$(rabbit_queues)
rabbit_channels_1=$(rabbit_channels)
read -r rmem_1 rbin_1 rconn_1 rqueue_1 rrss_1 < <(rabbit_memory held)
heap_a_1=$(live_heap_kb "$PID_A")
heap_b_1=$(live_heap_kb "$PID_B")
finish_client idle
sleep 3
rabbit_conns_2=$(rabbit_connections)
unlock

# ----------------------------------------------------------------------------------------------------------------

python3 - <<EOF
import json
one, two = json.loads('''$one_json'''), json.loads('''$two_json''')
def row(name, a, b, fmt="{:.1f}"):
    ratio = b / a if a else float("nan")
    print(f"  {name:<24}{fmt.format(a):>12}{fmt.format(b):>12}{ratio:>9.2f}x")
n = $IDLE_RESIDENTS
def per(delta, count):
    return f"{delta / count:.1f}" if count else "n/a"
print()
print("Council Chat, one node vs two behind HAProxy ($BALANCE), live events through RabbitMQ (relay mode); $(nproc) cores;"
      " client CPUs: ${CLIENT_CPUS:-any}")
print(f"  chat bench: {one['residents']} residents, $MESSAGES timed messages each after $WARM_UP untimed")
print(f"  {'':<24}{'one node':>12}{'two nodes':>12}{'two/one':>10}")
row("answers/s", one["chat_per_second"], two["chat_per_second"])
row("p50 ms", one["chat_p50_ms"], two["chat_p50_ms"], "{:.2f}")
row("p99 ms", one["chat_p99_ms"], two["chat_p99_ms"], "{:.2f}")
row("max ms", one["chat_max_ms"], two["chat_max_ms"], "{:.2f}")
row("echo server answers/s", one["echo_per_second"], two["echo_per_second"])
print("  connections held during the run:")
print("    one node:  $one_conns")
print("    two nodes: $two_conns")
print("  CPU while the chat was measured (warm-up and timed messages), % of one core:")
print("    one node:  $one_cpu")
print("    two nodes: $two_cpu")
print()
print(f"Idle residents: {n} connected through HAProxy (hello and one message each, then idle), two nodes")
print(f"  {'':<24}{'node A':>12}{'node B':>12}")
print(f"  {'connections (scur)':<24}{'$scur_a':>12}{'$scur_b':>12}")
print(f"  {'TCP established':<24}{'$est_a':>12}{'$est_b':>12}")
print(f"  {'live heap KB before':<24}{$heap_a_0:>12}{$heap_b_0:>12}")
print(f"  {'live heap KB held':<24}{$heap_a_1:>12}{$heap_b_1:>12}")
print(f"  {'heap KB per resident':<24}{per($heap_a_1 - $heap_a_0, int('$scur_a' or 0)):>12}"
      f"{per($heap_b_1 - $heap_b_0, int('$scur_b' or 0)):>12}")
print(f"  RabbitMQ{'':<16}{'0 residents':>12}{f'{n} held':>12}{'per resident':>14}")
print(f"  {'connections':<24}{$rabbit_conns_0:>12}{$rabbit_conns_1:>12}{($rabbit_conns_1 - $rabbit_conns_0) / n:>14.2f}")
print(f"  {'channels':<24}{$rabbit_channels_0:>12}{$rabbit_channels_1:>12}{($rabbit_channels_1 - $rabbit_channels_0) / n:>14.2f}")
print(f"  {'queues':<24}{$rabbit_queues_0:>12}{$rabbit_queues_1:>12}{($rabbit_queues_1 - $rabbit_queues_0) / n:>14.2f}")
print(f"  {'memory KB (VM total)':<24}{$rmem_0:>12}{$rmem_1:>12}{($rmem_1 - $rmem_0) / n:>14.1f}")
print(f"  {'  of which binaries':<24}{$rbin_0:>12}{$rbin_1:>12}{($rbin_1 - $rbin_0) / n:>14.1f}")
print(f"  {'  connection processes':<24}{$rconn_0:>12}{$rconn_1:>12}{($rconn_1 - $rconn_0) / n:>14.1f}")
print(f"  {'  queue processes':<24}{$rqueue_0:>12}{$rqueue_1:>12}{($rqueue_1 - $rqueue_0) / n:>14.1f}")
print(f"  {'beam.smp RSS KB':<24}{$rrss_0:>12}{$rrss_1:>12}{($rrss_1 - $rrss_0) / n:>14.1f}")
print(f"  RabbitMQ connections 3 s after the residents left: $rabbit_conns_2")
EOF
