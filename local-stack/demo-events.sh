#!/usr/bin/env bash
# Prints random card transactions of 50 users as JSON lines, five a second, forever: the demo's
# event stream (local-stack/demo.sh pipes it into Kafka).
merchants=(grocer cafe fuel books cinema pharmacy airline hotel)
i=0
while true; do
  user=$((RANDOM % 50))
  merchant=${merchants[$((RANDOM % 8))]}
  amount="$((RANDOM % 200)).$((RANDOM % 100))"
  present=true
  ((RANDOM % 3 == 0)) && present=false
  printf '{"tx_id":"demo-%s-%d","user_id":"user_%d","amount":%s,"merchant":"%s","card_present":%s,"ts":%d}\n' \
    "$$" "$i" "$user" "$amount" "$merchant" "$present" "$(date +%s%3N)"
  i=$((i + 1))
  sleep 0.2
done
