# shellcheck shell=bash
# The local stack: real Kafka (KRaft), Cassandra, a Kinesis-API server and PostgreSQL as processes on
# loopback, and the four services, also on loopback (HTTP and gRPC). Sourced by ./tessera; every function
# here is idempotent.
#
# Layout (all under .stack/, which git ignores):
#   lib/{kafka,cassandra}/   server classpaths, resolved from Maven Central by local-stack/*/pom.xml
#   kinesis/node_modules/    kinesalite, installed with npm
#   data/{kafka,cassandra,postgres}/  server data; survives restarts unless `--reset`
#   conf/                    generated server configuration
#   logs/                    one log per process
#   pids/                    one pid file per process; `stop` uses them, never a process search
#   keys.env                 the stack's API keys, one per scope (mode 600); kept across restarts

STACK_HOME="${TESSERA_STACK_HOME:-$ROOT/.stack}"
# Every server and service of the local stack listens here only: a developer machine's stack has no
# credentials worth the name, so nothing of it may be reachable from the network. The Kafka and
# Cassandra templates bind 127.0.0.1 themselves.
BIND_ADDRESS=127.0.0.1
KAFKA_PORT="${TESSERA_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${TESSERA_KAFKA_CONTROLLER_PORT:-9093}"
CASSANDRA_PORT="${TESSERA_CASSANDRA_PORT:-9042}"
CASSANDRA_STORAGE_PORT="${TESSERA_CASSANDRA_STORAGE_PORT:-7000}"
CASSANDRA_JMX_PORT="${TESSERA_CASSANDRA_JMX_PORT:-7199}"
KINESIS_PORT="${TESSERA_KINESIS_PORT:-4567}"
# Not 5432: that is where a PostgreSQL of the machine's own (Debian's package starts one) listens.
POSTGRES_PORT="${TESSERA_POSTGRES_PORT:-5433}"
# The role and database JDBC batch sources are tested with. A fixed password, like Kafka and
# Cassandra here having none: the server listens on loopback only and holds test data. Both are set
# when the cluster is created; change them with `./tessera up --reset`.
POSTGRES_USER="${TESSERA_POSTGRES_USER:-tessera}"
POSTGRES_PASSWORD="${TESSERA_POSTGRES_PASSWORD:-tessera}"
POSTGRES_DATABASE=tessera
KAFKA_HEAP="${TESSERA_KAFKA_HEAP:-512m}"
CASSANDRA_HEAP="${TESSERA_CASSANDRA_HEAP:-768m}"
# How long a service may wait for Cassandra during start-up before it gives up and exits
# (tessera.startup.deadline); the launcher waits that long and more before calling it stuck.
STARTUP_DEADLINE_S="${TESSERA_STARTUP_DEADLINE_S:-300}"

declare -A SERVICE_PORT=([registry]=8081 [ingest]=8082 [aggregation]=8083 [serving]=8084)
# Each service's heap (fixed: -Xms = -Xmx, so a run never measures heap growth); override with
# TESSERA_<SERVICE>_HEAP. Aggregation and serving hold the open state of the stream in memory.
declare -A SERVICE_HEAP=(
  [registry]=${TESSERA_REGISTRY_HEAP:-256m}
  [ingest]=${TESSERA_INGEST_HEAP:-512m}
  [aggregation]=${TESSERA_AGGREGATION_HEAP:-2g}
  [serving]=${TESSERA_SERVING_HEAP:-2g})
SERVICES=(registry ingest aggregation serving)
INFRA=(kafka cassandra kinesis postgres)

log() { printf '\033[1m[tessera]\033[0m %s\n' "$*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# --- tools ------------------------------------------------------------------------------------

apt_install() {
  command -v apt-get >/dev/null || die "need $* but apt-get is missing; install it by hand"
  if [[ -z "${APT_UPDATED:-}" ]]; then
    apt-get update -qq >/dev/null
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# Java 17+, Maven, Node.js and npm: installed from Debian's packages when missing.
ensure_tools() {
  local java_major=0
  if command -v java >/dev/null; then
    java_major=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')
    java_major=${java_major%%.*}
  fi
  if ((java_major < 17)); then
    log "installing a JDK 17"
    apt_install openjdk-17-jdk-headless
  fi
  command -v mvn >/dev/null || { log "installing Maven" && apt_install maven; }
  command -v npm >/dev/null || { log "installing Node.js and npm" && apt_install nodejs npm; }
  command -v curl >/dev/null || apt_install curl
}

# Resolves a server classpath once; re-resolves when its pom changes.
ensure_classpath() {
  local name=$1 pom="$ROOT/local-stack/$1/pom.xml" dir="$STACK_HOME/lib/$1"
  local stamp
  stamp=$(sha256sum "$pom" | cut -c1-16)
  if [[ -f "$dir/.resolved-$stamp" ]]; then return; fi
  log "resolving the $name classpath from Maven Central (first run only)"
  rm -rf "$dir"
  mvn -q -B -f "$pom" dependency:copy-dependencies -DoutputDirectory="$dir" >"$STACK_HOME/logs/mvn-$name.log" 2>&1 ||
    die "could not resolve the $name classpath; see $STACK_HOME/logs/mvn-$name.log"
  touch "$dir/.resolved-$stamp"
}

# The PostgreSQL server's programs (Debian's postgresql package, installed when missing): the bin
# directory of the newest version installed.
postgres_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

ensure_postgres() {
  [[ -n "$(postgres_bin)" ]] && return
  log "installing PostgreSQL (Debian's postgresql package; first run only)"
  apt_install postgresql
  [[ -n "$(postgres_bin)" ]] || die "the postgresql package installed no server under /usr/lib/postgresql"
}

ensure_kinesalite() {
  local dir="$STACK_HOME/kinesis"
  if [[ -x "$dir/node_modules/.bin/kinesalite" ]]; then return; fi
  log "installing kinesalite with npm (first run only)"
  mkdir -p "$dir"
  cp "$ROOT/local-stack/kinesis/package.json" "$dir/"
  (cd "$dir" && npm install --no-audit --no-fund --silent >"$STACK_HOME/logs/npm-kinesalite.log" 2>&1) ||
    die "npm could not install kinesalite; see $STACK_HOME/logs/npm-kinesalite.log"
}

# --- processes --------------------------------------------------------------------------------

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() {
  local f="$STACK_HOME/pids/$1.pid"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

# Starts a process in its own session (Ctrl-C in the terminal reaches only ./tessera, which then
# stops everything in order) with its output in logs/NAME.log.
spawn() {
  local name=$1
  shift
  setsid "$@" >>"$STACK_HOME/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$STACK_HOME/pids/$name.pid"
}

wait_for_port() {
  local name=$1 port=$2 timeout_s=$3 start=$SECONDS
  until port_open "$port"; do
    if ! pid_alive "$name"; then
      log "error: $name exited during start-up; see $STACK_HOME/logs/$name.log"
      return 1
    fi
    if ((SECONDS - start >= timeout_s)); then
      log "error: $name did not open port $port in ${timeout_s}s; see $STACK_HOME/logs/$name.log"
      return 1
    fi
    sleep 0.2
  done
}

stop_process() { # stop_process NAME [SIGNAL]: SIGNAL (TERM by default), then KILL after 30 s
  local name=$1 signal=${2:-TERM} f="$STACK_HOME/pids/$1.pid"
  [[ -f "$f" ]] || return 0
  local pid
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    # spawn started it as the leader of its own process group: signal the group, so that the
    # processes it started (npm's node, a pipeline's stages) stop with it.
    kill "-$signal" -- "-$pid" 2>/dev/null || kill "-$signal" "$pid" 2>/dev/null
    for _ in $(seq 1 150); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop in 30 s; killing it"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null
    fi
  fi
  rm -f "$f"
}

# --- infrastructure ---------------------------------------------------------------------------

render() { # render TEMPLATE OUT KEY=VALUE...
  local template=$1 out=$2 text
  shift 2
  text=$(<"$template")
  for kv in "$@"; do text=${text//@${kv%%=*}@/${kv#*=}}; done
  printf '%s\n' "$text" >"$out"
}

start_kafka() {
  local data="$STACK_HOME/data/kafka" conf="$STACK_HOME/conf/kafka.properties"
  render "$ROOT/local-stack/kafka/server.properties.template" "$conf" \
    "DATA=$data" "PORT=$KAFKA_PORT" "CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT"
  local cp="$STACK_HOME/lib/kafka/*"
  local jvm=(java "-Xms$KAFKA_HEAP" "-Xmx$KAFKA_HEAP" -XX:+UseG1GC
    "-Dlog4j2.configurationFile=$ROOT/local-stack/kafka/log4j2.properties" -cp "$cp")
  if [[ ! -f "$data/meta.properties" ]]; then
    mkdir -p "$data"
    # --cluster-id=: a random id may start with '-', which a separate argument would make an option
    "${jvm[@]}" kafka.tools.StorageTool format --cluster-id="$(uuid_for_kafka)" -c "$conf" \
      >>"$STACK_HOME/logs/kafka.log" 2>&1 || die "could not format the Kafka log; see $STACK_HOME/logs/kafka.log"
  fi
  spawn kafka "${jvm[@]}" kafka.Kafka "$conf"
}

# A KRaft cluster id: 16 random bytes, URL-safe base64 without padding.
uuid_for_kafka() { head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=' | cut -c1-22; }

start_cassandra() {
  local data="$STACK_HOME/data/cassandra" conf="$STACK_HOME/conf/cassandra.yaml"
  mkdir -p "$data"
  render "$ROOT/local-stack/cassandra/cassandra.yaml.template" "$conf" \
    "DATA=$data" "CQL_PORT=$CASSANDRA_PORT" "STORAGE_PORT=$CASSANDRA_STORAGE_PORT"
  local opts=()
  mapfile -t opts < <(grep -v '^\s*#' "$ROOT/local-stack/cassandra/jvm17.options" | grep -v '^\s*$')
  spawn cassandra java "-Xms$CASSANDRA_HEAP" "-Xmx$CASSANDRA_HEAP" "${opts[@]}" \
    "-Dcassandra.config=file://$conf" \
    "-Dcassandra.storagedir=$data" \
    "-Dcassandra.jmx.local.port=$CASSANDRA_JMX_PORT" \
    "-Dlogback.configurationFile=$ROOT/local-stack/cassandra/logback.xml" \
    -cp "$STACK_HOME/lib/cassandra/*" org.apache.cassandra.service.CassandraDaemon
}

start_kinesis() {
  # In-memory by default: streams are test and demo fixtures, recreated by whoever needs them.
  # listen.js binds loopback (kinesalite's own CLI listens on every interface).
  cp "$ROOT/local-stack/kinesis/listen.js" "$STACK_HOME/kinesis/listen.js"
  spawn kinesis node "$STACK_HOME/kinesis/listen.js" --host "$BIND_ADDRESS" --port "$KINESIS_PORT" \
    --createStreamMs 50 --deleteStreamMs 50 --updateStreamMs 50 --shardLimit 100
}

# PostgreSQL refuses to run as root: as root, its programs run as the postgres user that Debian's
# package made (setpriv execs, so the pid spawn records is the server's own).
as_postgres() {
  if ((EUID == 0)); then
    echo setpriv --reuid=postgres --regid=postgres --init-groups
  fi
}

# Where the cluster's data and configuration live: under the stack's data/ and conf/; as root, when
# the postgres user cannot reach those (a checkout under /root), under that user's own home
# instead, one directory per stack.
postgres_home() {
  local run=()
  read -ra run <<<"$(as_postgres)"
  mkdir -p "$STACK_HOME/data" "$STACK_HOME/conf"
  if ((EUID != 0)) || "${run[@]}" test -x "$STACK_HOME/data" -a -x "$STACK_HOME/conf"; then
    echo "$STACK_HOME"
  else
    echo "$(getent passwd postgres | cut -d: -f6)/tessera-$(printf %s "$STACK_HOME" | sha256sum | cut -c1-12)"
  fi
}

start_postgres() {
  local bin home data conf
  bin=$(postgres_bin)
  home=$(postgres_home)
  data="$home/data/postgres" conf="$home/conf/postgres"
  mkdir -p "$conf"
  render "$ROOT/local-stack/postgres/postgresql.conf.template" "$conf/postgresql.conf" \
    "PORT=$POSTGRES_PORT" "CONF=$conf"
  cp "$ROOT/local-stack/postgres/pg_hba.conf" "$conf/pg_hba.conf"
  chmod 644 "$conf/postgresql.conf" "$conf/pg_hba.conf"
  local run=()
  read -ra run <<<"$(as_postgres)"
  if [[ ! -f "$data/PG_VERSION" ]]; then
    init_postgres "$bin" "$data" "$conf" "${run[@]}" ||
      die "could not create the PostgreSQL cluster; see $STACK_HOME/logs/postgres.log"
  fi
  spawn postgres "${run[@]}" "$bin/postgres" -D "$data" -c "config_file=$conf/postgresql.conf"
}

# A new cluster, and in it the role and database of the tests, made in single-user mode: the server
# has no Unix socket and no login without a password, so there is no other way in before they exist.
init_postgres() { # init_postgres BIN DATA CONF [RUN-AS...]
  local bin=$1 data=$2 conf=$3
  shift 3
  log "creating the PostgreSQL cluster in $data (first run only)"
  rm -rf "$data"
  mkdir -p "$data"
  ((EUID == 0)) && chown postgres:postgres "$data"
  chmod 700 "$data"
  "$@" test -w "$data" || {
    log "error: the postgres user cannot write $data"
    return 1
  }
  "$@" "$bin/initdb" -D "$data" -U postgres -E UTF8 --no-locale --auth-local=peer --auth-host=reject \
    >>"$STACK_HOME/logs/postgres.log" 2>&1 || return 1
  printf '%s\n' \
    "CREATE ROLE $POSTGRES_USER LOGIN PASSWORD '${POSTGRES_PASSWORD//\'/\'\'}';" \
    "CREATE DATABASE $POSTGRES_DATABASE OWNER $POSTGRES_USER;" |
    "$@" "$bin/postgres" --single -D "$data" -c "config_file=$conf/postgresql.conf" postgres \
      >>"$STACK_HOME/logs/postgres.log" 2>&1
}

declare -A INFRA_PORT
INFRA_PORT=([kafka]=$KAFKA_PORT [cassandra]=$CASSANDRA_PORT [kinesis]=$KINESIS_PORT
  [postgres]=$POSTGRES_PORT)

# Starts each infrastructure server that is not already answering on its port. Prints the names
# of those it started, so that a caller (the test command) stops only what it started.
infra_start() {
  mkdir -p "$STACK_HOME"/{logs,pids,conf,data}
  local started=()
  for name in "${INFRA[@]}"; do
    if port_open "${INFRA_PORT[$name]}"; then
      log "$name is already running on port ${INFRA_PORT[$name]}: reusing it"
      continue
    fi
    case $name in
      kafka) ensure_classpath kafka ;;
      cassandra) ensure_classpath cassandra ;;
      kinesis) ensure_kinesalite ;;
      postgres) ensure_postgres ;;
    esac
    log "starting $name on port ${INFRA_PORT[$name]}"
    "start_$name"
    started+=("$name")
  done
  local t0=$SECONDS
  for name in "${started[@]}"; do
    if ! wait_for_port "$name" "${INFRA_PORT[$name]}" 180; then
      infra_stop "${started[@]}"
      return 1
    fi
    log "$name is up on port ${INFRA_PORT[$name]} ($((SECONDS - t0)) s)"
  done
  echo "${started[*]}"
}

infra_stop() { # infra_stop NAME...: stops the named servers (none when none is named)
  for name in "$@"; do
    # PostgreSQL's SIGTERM waits for every client to disconnect; SIGINT disconnects them
    if [[ $name == postgres ]]; then stop_process "$name" INT; else stop_process "$name"; fi
  done
}

infra_stop_all() { infra_stop postgres kinesis cassandra kafka; }

reset_data() {
  for name in "${INFRA[@]}" "${SERVICES[@]}"; do
    pid_alive "$name" && die "$name is running; stop the stack first (./tessera down)"
  done
  log "deleting $STACK_HOME/data"
  rm -rf "$(postgres_home)/data/postgres" "$STACK_HOME/data"
}

status() {
  for name in "${INFRA[@]}"; do
    local state=down
    port_open "${INFRA_PORT[$name]}" && state=up
    printf '  %-12s %-5s port %s\n' "$name" "$state" "${INFRA_PORT[$name]}"
  done
  for svc in "${SERVICES[@]}"; do
    local state=down
    curl -fs "http://localhost:${SERVICE_PORT[$svc]}/actuator/health" >/dev/null 2>&1 && state=up
    printf '  %-12s %-5s http://localhost:%s/swagger-ui.html\n' "$svc" "$state" "${SERVICE_PORT[$svc]}"
  done
}

# --- credentials ------------------------------------------------------------------------------

SCOPES=(read write metrics admin)

# The stack's API keys, one per scope: made once (random, 256 bits) into $STACK_HOME/keys.env and
# kept, so clients configured with them keep working across restarts and `--reset`. Sourcing the
# file sets TESSERA_READ_KEY, TESSERA_WRITE_KEY, TESSERA_METRICS_KEY and TESSERA_ADMIN_KEY.
ensure_keys() {
  local file="$STACK_HOME/keys.env"
  if [[ ! -f "$file" ]]; then
    mkdir -p "$STACK_HOME"
    (
      umask 077 # readable by the stack's user only
      {
        echo "# The local stack's API keys (docs/security.md); the services get only their SHA-256."
        for scope in "${SCOPES[@]}"; do
          echo "TESSERA_${scope^^}_KEY=tsk_${scope}_$(head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
        done
      } >"$file"
    )
    log "made an API key per scope in $file"
  fi
  # shellcheck disable=SC1090
  source "$file"
}

# What the services are configured with: name:scope:sha256 per key, never the keys themselves.
# Keys of your own in TESSERA_API_KEYS (same format) are kept after the stack's.
stack_api_keys() {
  local entries=() scope var
  for scope in "${SCOPES[@]}"; do
    var="TESSERA_${scope^^}_KEY"
    entries+=("local-$scope:$scope:$(printf %s "${!var}" | sha256sum | cut -c1-64)")
  done
  local IFS=,
  echo "${entries[*]}${TESSERA_API_KEYS:+,$TESSERA_API_KEYS}"
}

print_keys() {
  {
    echo "  API keys (send 'Authorization: Bearer <key>'; kept in $STACK_HOME/keys.env, see docs/security.md):"
    printf '    %-8s %-58s %s\n' \
      read "$TESSERA_READ_KEY" "features over REST and gRPC" \
      write "$TESSERA_WRITE_KEY" "registering definitions, pushing events" \
      metrics "$TESSERA_METRICS_KEY" "/actuator/prometheus" \
      admin "$TESSERA_ADMIN_KEY" "all of the above, dead-letter replay, training data, actuator"
  } >&2
}

# --- services ---------------------------------------------------------------------------------

export_stack_env() {
  export TESSERA_KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
  export TESSERA_CASSANDRA_CONTACT_POINTS="127.0.0.1:$CASSANDRA_PORT"
  export TESSERA_KINESIS_ENDPOINT="http://127.0.0.1:$KINESIS_PORT"
  export TESSERA_POSTGRES_PORT="$POSTGRES_PORT"
  export TESSERA_POSTGRES_USER="$POSTGRES_USER"
  export TESSERA_POSTGRES_PASSWORD="$POSTGRES_PASSWORD"
  # What backfills (aggregation) and training jobs (serving) may read: files under the stack's
  # batch directory, and the stack's PostgreSQL with its credentials.
  local pg_url="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/"
  export TESSERA_BATCH_ALLOWEDDIRECTORIES="$STACK_HOME/batch"
  export TESSERA_BATCH_JDBC_ALLOWEDURLS="${pg_url//./\\.}.*"
  export TESSERA_BATCH_JDBC_CREDENTIALS_0_URLPREFIX="$pg_url"
  export TESSERA_BATCH_JDBC_CREDENTIALS_0_USER="$POSTGRES_USER"
  export TESSERA_BATCH_JDBC_CREDENTIALS_0_PASSWORD="$POSTGRES_PASSWORD"
  export TESSERA_SERVING_TRAINING_BATCHSOURCEDIRS="$STACK_HOME/batch"
  export TESSERA_SERVING_TRAINING_JDBCURLS="$TESSERA_BATCH_JDBC_ALLOWEDURLS"
  # Backfills hand each work unit's rows to the stack's node as SSTables (docs/backfill.md); the
  # node runs on this machine, so it reads them where the service writes them.
  export TESSERA_AGGREGATION_BACKFILL_WRITEMODE=import
  export TESSERA_AGGREGATION_BACKFILL_BULK_JMXPORT="$CASSANDRA_JMX_PORT"
  export TESSERA_AGGREGATION_BACKFILL_BULK_DIRECTORY="$STACK_HOME/data/backfill-sstables"
  export TESSERA_CASSANDRA_JMX_PORT="$CASSANDRA_JMX_PORT"
}

build_services() {
  log "building the services (mvn package, tests skipped; ./tessera test runs them)"
  # -Djib.skip: the local stack runs the exec jars, not the container images
  mvn -q -B -f "$ROOT/pom.xml" -DskipTests -Dspotless.check.skip=true -Djib.skip=true package \
    >"$STACK_HOME/logs/mvn-build.log" 2>&1 || die "build failed; see $STACK_HOME/logs/mvn-build.log"
}

services_start() {
  export_stack_env
  # Spring Boot's server.address: each service's HTTP port, and serving's gRPC port, on loopback.
  export SERVER_ADDRESS="$BIND_ADDRESS"
  ensure_keys
  TESSERA_API_KEYS=$(stack_api_keys)
  export TESSERA_API_KEYS
  export TESSERA_STARTUP_DEADLINE="${STARTUP_DEADLINE_S}s"
  declare -A log_from=()
  for svc in "${SERVICES[@]}"; do
    if pid_alive "$svc"; then
      log "$svc-service is already running"
      continue
    fi
    local jar
    jar=$(ls "$ROOT/$svc-service/target/$svc-service-"*-exec.jar 2>/dev/null | head -1)
    [[ -n "$jar" ]] || die "no jar for $svc-service; build first"
    log "starting $svc-service on port ${SERVICE_PORT[$svc]}"
    log_from[$svc]=$(($(wc -l 2>/dev/null <"$STACK_HOME/logs/$svc.log" || echo 0) + 1))
    local heap=${SERVICE_HEAP[$svc]}
    local options=("@$ROOT/local-stack/jvm/service.options")
    # aggregation's backfills write SSTables (import mode), which needs JDK internals opened
    if [[ $svc == aggregation ]]; then
      options+=("@$ROOT/local-stack/jvm/sstable-writer.options")
    fi
    spawn "$svc" java "${options[@]}" "-Xms$heap" "-Xmx$heap" -jar "$jar"
  done
  # A service waits for Cassandra up to its start-up deadline (retrying, never exiting meanwhile),
  # then needs its usual start-up time: wait that long before calling it stuck.
  local t0=$SECONDS budget=$((STARTUP_DEADLINE_S + 120)) next_report=15
  for svc in "${SERVICES[@]}"; do
    local svc_log="$STACK_HOME/logs/$svc.log"
    until curl -fs "http://localhost:${SERVICE_PORT[$svc]}/actuator/health" 2>/dev/null | grep -q '"UP"'; do
      if ! pid_alive "$svc"; then
        local reason
        reason=$(since_start "$svc_log" "${log_from[$svc]:-1}" | grep -o 'gave up waiting for .*' | tail -1 || true)
        die "$svc-service exited during start-up${reason:+: $reason}; see $svc_log"
      fi
      ((SECONDS - t0 < budget)) || die "$svc-service not healthy in $budget s; see $svc_log"
      if ((SECONDS - t0 >= next_report)); then
        log "$svc-service is $(start_up_state "$svc_log" "${log_from[$svc]:-1}") ($((SECONDS - t0)) s)"
        next_report=$((SECONDS - t0 + 15))
      fi
      sleep 0.5
    done
    log "$svc-service is healthy ($((SECONDS - t0)) s)"
  done
}

since_start() { tail -n "+$2" "$1" 2>/dev/null; } # since_start LOG LINE: the log of this start

# What a starting service is doing, from its log: waiting for a dependency (with what it waits
# for, as StartupRetry logs it) or just starting.
start_up_state() { # start_up_state LOG LINE
  local waiting
  waiting=$(since_start "$1" "$2" | sed -n 's/.*still waiting for \(.*\): attempt [0-9]* failed.*/\1/p' | tail -1 || true)
  if [[ -n "$waiting" ]]; then
    echo "still waiting for $waiting; it retries until its start-up deadline (${STARTUP_DEADLINE_S} s)"
  else
    echo "still starting"
  fi
}

services_stop() {
  stop_process demo
  for ((i = ${#SERVICES[@]} - 1; i >= 0; i--)); do stop_process "${SERVICES[$i]}"; done
}

print_endpoints() {
  cat >&2 <<EOF

  Tessera is running. Logs: $STACK_HOME/logs/

  service       OpenAPI console                            health / metrics
  registry      http://localhost:8081/swagger-ui.html      http://localhost:8081/actuator/health   http://localhost:8081/actuator/prometheus
  ingest        http://localhost:8082/swagger-ui.html      http://localhost:8082/actuator/health   http://localhost:8082/actuator/prometheus
  aggregation   http://localhost:8083/swagger-ui.html      http://localhost:8083/actuator/health   http://localhost:8083/actuator/prometheus
  serving       http://localhost:8084/swagger-ui.html      http://localhost:8084/actuator/health   http://localhost:8084/actuator/prometheus

  Kafka 127.0.0.1:$KAFKA_PORT   Cassandra 127.0.0.1:$CASSANDRA_PORT   Kinesis API http://127.0.0.1:$KINESIS_PORT
  PostgreSQL jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/$POSTGRES_DATABASE (user $POSTGRES_USER)

EOF
  print_keys
  cat >&2 <<EOF

  Press Ctrl-C here (or run ./tessera down elsewhere) to stop everything.
EOF
}
