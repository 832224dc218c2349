# shellcheck shell=bash
# ./tessera backfill: asks the registry for a backfill of a view and draws its progress on one line
# until it ends (docs/registry.md, "Backfills"). Sourced by ./tessera after stack.sh; needs curl, and
# reads JSON with jq, else python3, else sed (the answers are small and flat enough for it).
#
#   ./tessera backfill VIEW [--version N] [--from ISO] [--to ISO]   request one, then follow it
#   ./tessera backfill VIEW --follow ID                             follow one already requested
#
# Exits 0 when the backfill completes, 1 when it fails or is cancelled (printing why). A request
# refused because a backfill of the same version is queued or running follows that one instead.
# TESSERA_REGISTRY_URL overrides the registry's address; TESSERA_JSON_TOOL=jq|python3|sed picks
# the JSON reader (the default is the first one installed).

BACKFILL_USAGE="usage: ./tessera backfill VIEW [--version N] [--from ISO] [--to ISO] [--follow ID]"
BACKFILL_BAR_WIDTH=30
# A registry restart takes a while; longer than this without an answer is an outage, not a blip.
BACKFILL_MAX_MISSED_POLLS=60

cmd_backfill() {
  local view="" version="" from="" to="" follow=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --version | --from | --to | --follow)
        [[ $# -ge 2 ]] || die "$1 needs a value; $BACKFILL_USAGE"
        case "$1" in
          --version) version=$2 ;;
          --from) from=$2 ;;
          --to) to=$2 ;;
          --follow) follow=$2 ;;
        esac
        shift 2
        ;;
      -h | --help)
        echo "$BACKFILL_USAGE" >&2
        exit 0
        ;;
      -*) die "unknown option $1; $BACKFILL_USAGE" ;;
      *) [[ -z "$view" ]] || die "one view at a time; $BACKFILL_USAGE"; view=$1 && shift ;;
    esac
  done
  [[ -n "$view" ]] || die "$BACKFILL_USAGE"
  [[ -z "$version" || "$version" =~ ^[1-9][0-9]*$ ]] || die "--version takes a version number such as 3"
  command -v curl >/dev/null || die "./tessera backfill needs curl"
  ensure_keys
  local registry="${TESSERA_REGISTRY_URL:-http://localhost:${SERVICE_PORT[registry]}}"
  local url="$registry/api/v1/feature-views/$view/backfills"
  local answer
  answer=$(mktemp)
  # shellcheck disable=SC2064
  trap "rm -f '$answer'" EXIT

  if [[ -z "$follow" ]]; then
    follow=$(backfill_request "$url" "$answer" "$(backfill_body "$version" "$from" "$to")") || exit 1
  fi
  backfill_follow "$url/$follow" "$answer"
}

# The POST body: only the fields given, so the registry's defaults fill in the rest.
backfill_body() { # backfill_body VERSION FROM TO
  local fields=()
  [[ -n "$1" ]] && fields+=("\"version\": $1")
  [[ -n "$2" ]] && fields+=("\"from\": \"$2\"")
  [[ -n "$3" ]] && fields+=("\"to\": \"$3\"")
  local IFS=,
  echo "{${fields[*]}}"
}

# POSTs the request and prints the id of the backfill to follow: the new one, or on 409 the queued
# or running one the problem names.
backfill_request() { # backfill_request URL ANSWER_FILE BODY
  local url=$1 answer=$2 code id
  code=$(curl -s -o "$answer" -w '%{http_code}' -X POST -H "Authorization: Bearer $TESSERA_WRITE_KEY" \
    -H 'Content-Type: application/json' --data "$3" "$url") || code=000
  case "$code" in
    202)
      id=$(json_values "$answer" id)
      log "backfill $id requested: $(json_values "$answer" view) v$(json_values "$answer" version)"
      ;;
    409)
      id=$(json_values "$answer" detail | sed -n -E 's/^backfill ([^ ]+) of .*/\1/p')
      [[ -n "$id" ]] || {
        log "refused: $(json_values "$answer" detail)"
        return 1
      }
      log "$(json_values "$answer" detail | sed -E 's/;.*//'): following it"
      ;;
    000)
      log "error: the registry does not answer at ${url%%/api/*} (is the stack up? ./tessera up)"
      return 1
      ;;
    *)
      log "error: $code $(json_values "$answer" title): $(json_values "$answer" detail)"
      return 1
      ;;
  esac
  echo "$id"
}

# Polls the backfill every second, redrawing one line, until it ends.
backfill_follow() { # backfill_follow URL ANSWER_FILE
  local url=$1 answer=$2 missed=0 code line
  local state progress done total rows events refused rate eta error
  while true; do
    code=$(curl -s -o "$answer" -w '%{http_code}' -H "Authorization: Bearer $TESSERA_READ_KEY" "$url") ||
      code=000
    if [[ "$code" != 200 ]]; then
      [[ "$code" == 404 ]] && {
        printf '\n' >&2
        log "error: $(json_values "$answer" detail)"
        return 1
      }
      ((++missed < BACKFILL_MAX_MISSED_POLLS)) || {
        printf '\n' >&2
        log "error: no answer from the registry for $missed s (last: $code)"
        return 1
      }
      sleep 1
      continue
    fi
    missed=0
    IFS='|' read -r state progress done total rows events refused rate eta error < <(
      json_values "$answer" state progress counts.unitsDone counts.unitsTotal counts.rowsRead \
        counts.eventsRead counts.rowsRejected eventsPerSecond etaSeconds error
    )
    line=$(backfill_line "$state" "$progress" "$done" "$total" "$rows" "$events" "$refused" \
      "$rate" "$eta")
    printf '\r\033[K%s' "$line" >&2
    case "$state" in
      completed)
        printf '\n' >&2
        return 0
        ;;
      failed | cancelled)
        printf '\n' >&2
        log "$state${error:+: $error}"
        return 1
        ;;
    esac
    sleep 1
  done
}

# One line: "running   [#########.....................]  31%  units 5/16  rows 120,000 ..."
backfill_line() { # backfill_line STATE PROGRESS DONE TOTAL ROWS EVENTS REFUSED RATE ETA
  local filled percent bar
  filled=$(awk -v p="${2:-0}" -v w="$BACKFILL_BAR_WIDTH" 'BEGIN { printf "%d", p * w + 0.5 }')
  percent=$(awk -v p="${2:-0}" 'BEGIN { printf "%d", p * 100 }')
  bar=$(printf "%${filled}s" "" | tr ' ' '#')$(printf "%$((BACKFILL_BAR_WIDTH - filled))s" "" | tr ' ' '.')
  printf '%-9s [%s] %3d%%  units %s/%s  rows %s  events %s  refused %s  %s ev/s  ETA %s' \
    "$1" "$bar" "$percent" "$3" "$4" "$(thousands "$5")" "$(thousands "$6")" "$(thousands "$7")" \
    "$(thousands "$(awk -v r="${8:-0}" 'BEGIN { printf "%d", r }')")" "$(duration "$9")"
}

thousands() { # 1234567 -> 1,234,567
  echo "$1" | sed -E ':a; s/^([0-9]+)([0-9]{3})/\1,\2/; ta'
}

duration() { # seconds -> 1:02:03 or 2:03; "-" (unknown) stays
  [[ "$1" =~ ^[0-9]+$ ]] || {
    echo "-"
    return
  }
  local s=$1
  if ((s >= 3600)); then
    printf '%d:%02d:%02d' $((s / 3600)) $((s % 3600 / 60)) $((s % 60))
  else
    printf '%d:%02d' $((s / 60)) $((s % 60))
  fi
}

# Prints the values at the dotted paths, joined by '|' ("-" for null or absent; '|' and line breaks
# in a value become spaces).
json_values() { # json_values FILE PATH...
  local file=$1 tool=${TESSERA_JSON_TOOL:-}
  shift
  if [[ -z "$tool" ]]; then
    if command -v jq >/dev/null; then
      tool=jq
    elif command -v python3 >/dev/null; then
      tool=python3
    else
      tool=sed
    fi
  fi
  case "$tool" in
    jq)
      local paths=() path
      for path in "$@"; do paths+=("getpath(\"$path\" | split(\".\"))"); done
      local IFS=,
      jq -r "[${paths[*]}] | map(if . == null then \"-\" else tostring | gsub(\"[|\\n\\r]\"; \" \") end) | join(\"|\")" \
        "$file" 2>/dev/null
      ;;
    python3)
      python3 - "$file" "$@" <<'PY' 2>/dev/null
import json, re, sys
try:
    data = json.load(open(sys.argv[1]))
except ValueError:
    data = {}
def at(path):
    value = data
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    if value is None:
        return "-"
    if isinstance(value, bool):
        return str(value).lower()
    return re.sub(r"[|\r\n]", " ", str(value))
print("|".join(at(p) for p in sys.argv[2:]))
PY
      ;;
    sed)
      # Flat enough: every field this script reads has a name of its own in the answer.
      local values=() key value json
      json=$(tr -d '\n' <"$file")
      for path in "$@"; do
        key=${path##*.}
        value=$(echo "$json" | sed -n -E "s/.*\"$key\" *: *(\"(([^\"\\\\]|\\\\.)*)\"|([^,}]*)).*/\2\4/p")
        value=$(echo "$value" | sed -E 's/ +$//; s/\|/ /g; s/\\[nrt]/ /g')
        [[ -z "$value" || "$value" == null ]] && value="-"
        values+=("$value")
      done
      local IFS='|'
      echo "${values[*]}"
      ;;
    *) die "TESSERA_JSON_TOOL is jq, python3 or sed, not $tool" ;;
  esac
}
