#!/usr/bin/env bash
# The demo `./tessera up` runs once the services are healthy: it registers a feature view over the
# Kafka topic `demo-transactions` and a feature service reading it, then keeps streaming random
# card transactions of 50 users into that topic (a few per second) until the stack stops.
# Watch them arrive: http://localhost:8084/swagger-ui.html (Authorize with the read key that
# ./tessera keys prints, then POST /api/v1/features, service "fraud_model", entity
# {"user_id": "user_7"}).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=stack.sh
source "$ROOT/local-stack/stack.sh"

REGISTRY="http://localhost:${SERVICE_PORT[registry]}"
ensure_keys # the stack's keys: registering needs scope write
KEY="${TESSERA_DEMO_API_KEY:-$TESSERA_WRITE_KEY}"
TOPIC=demo-transactions

put() { # put PATH JSON
  local status
  status=$(curl -s -o "$STACK_HOME/logs/demo-last-response.json" -w '%{http_code}' -X PUT \
    -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data "$2" "$REGISTRY$1")
  case $status in
    200 | 201) log "demo: registered $1 (HTTP $status)" ;;
    *)
      log "demo: registering $1 failed with HTTP $status: $(cat "$STACK_HOME/logs/demo-last-response.json")"
      return 1
      ;;
  esac
}

put /api/v1/feature-views/transactions '{
  "name": "transactions",
  "description": "Card transactions of the demo, streamed by local-stack/demo.sh",
  "owner": "demo@tessera.local",
  "entity": "user_id",
  "source": {"type": "kafka", "topic": "'"$TOPIC"'"},
  "schema": {"tx_id": "string", "user_id": "string", "amount": "double", "merchant": "string",
             "card_present": "boolean", "ts": "timestamp"},
  "eventTime": {"field": "ts", "format": "epoch_millis"},
  "eventId": "tx_id",
  "transformation": {"filter": "amount > 0.0", "derived": {"is_online": "!card_present"}},
  "features": [
    {"name": "tx_count", "function": "count", "windows": ["1m", "1h", "1d", "7d"]},
    {"name": "amount_sum", "function": "sum", "input": "amount", "windows": ["1h", "1d", "7d"], "default": 0.0},
    {"name": "amount_mean", "function": "mean", "input": "amount", "windows": ["1h", "1d"]},
    {"name": "amount_p90", "function": "approx_percentile", "params": {"p": 0.9}, "input": "amount", "windows": ["1d"]},
    {"name": "merchants", "function": "approx_count_distinct", "input": "merchant", "windows": ["1d", "lifetime"]},
    {"name": "last_merchants", "function": "last_distinct_n", "params": {"n": 3}, "input": "merchant", "windows": ["1d"]}
  ],
  "expectedFreshness": "1m"
}'

put /api/v1/feature-services/fraud_model '{
  "name": "fraud_model",
  "description": "What the demo fraud model reads",
  "features": ["transactions:tx_count", "transactions:amount_sum", "transactions:amount_mean",
               "transactions:amount_p90", "transactions:merchants", "transactions:last_merchants"]
}'

# A second view on the same stream with a batch source: eight days of history as a CSV file (made
# once, in the directory the stack lets backfills read), backfilled when the view is first
# registered. Follow it with ./tessera backfill transactions_history.
HISTORY="$STACK_HOME/batch/demo-history.csv"
if [[ ! -s $HISTORY ]]; then
  mkdir -p "$STACK_HOME/batch"
  awk -v now="$(date +%s)" 'BEGIN {
    srand(7); split("grocer cafe fuel books cinema pharmacy airline hotel", m, " ")
    print "tx_id,user_id,amount,merchant,card_present,ts"
    for (i = 0; i < 40000; i++) {
      printf "history-%d,user_%d,%.2f,%s,%s,%.0f\n", i, int(rand() * 50), rand() * 200,
        m[1 + int(rand() * 8)], (rand() < 0.67 ? "true" : "false"),
        (now - 8 * 86400 + i * (8 * 86400 / 40000)) * 1000
    }
  }' >"$HISTORY.tmp" && mv "$HISTORY.tmp" "$HISTORY"
  log "demo: wrote 40,000 transactions of the last 8 days to $HISTORY"
fi

put /api/v1/feature-views/transactions_history '{
  "name": "transactions_history",
  "description": "The demo transactions with their history: backfilled from a CSV file, then streamed",
  "owner": "demo@tessera.local",
  "entity": "user_id",
  "source": {"type": "kafka", "topic": "'"$TOPIC"'"},
  "batchSource": {"type": "files", "format": "csv", "path": "'"$HISTORY"'"},
  "schema": {"tx_id": "string", "user_id": "string", "amount": "double", "merchant": "string",
             "card_present": "boolean", "ts": "long"},
  "eventTime": {"field": "ts", "format": "epoch_millis"},
  "eventId": "tx_id",
  "features": [
    {"name": "tx_count", "function": "count", "windows": ["1h", "1d", "7d", "lifetime"]},
    {"name": "amount_sum", "function": "sum", "input": "amount", "windows": ["1d", "7d"], "default": 0.0}
  ],
  "expectedFreshness": "1m"
}'

# Kafka's console producer comes from the broker's classpath, resolved here too in case the
# broker was already running (started by another checkout) and this one never resolved it.
mkdir -p "$STACK_HOME/logs" "$STACK_HOME/pids"
ensure_classpath kafka

# Stream events with Kafka's own console producer (from the broker's classpath), in the
# background, as a process group of the stack: `./tessera down` and Ctrl-C stop it by its pid.
spawn demo bash -c '"$1" | exec java -Xmx128m -cp "$2/lib/kafka/*" \
  "-Dlog4j2.configurationFile=$3" org.apache.kafka.tools.ConsoleProducer \
  --bootstrap-server "$4" --topic "$5"' demo \
  "$ROOT/local-stack/demo-events.sh" "$STACK_HOME" "$ROOT/local-stack/kafka/log4j2.properties" \
  "127.0.0.1:$KAFKA_PORT" "$TOPIC"
log "demo: streaming transactions of 50 users to Kafka topic $TOPIC (pid $(cat "$STACK_HOME/pids/demo.pid"))"
