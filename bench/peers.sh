#!/usr/bin/env bash
# presend against the filters, side by side on one folder and one machine:
#   presend check (release CLI, all cores)      vs
#   rspamd 3.4 daemon + one batched rspamc      (network modules off)
#   SpamAssassin 4 spamd + parallel spamc       (local tests only, no Bayes)
# It installs the peers from the Debian archive when missing, writes offline configs under
# $WORK (nothing in /etc), starts both daemons on 127.0.0.1, times each over the folder, prints
# messages per second and presend's lead, then stops the daemons.
#
#   bench/peers.sh [FOLDER]          default: ../shared/corpus
#
# Offline set-up follows ../shared/peers/REPORT.md: SpamAssassin without the URIDNSBL, SPF,
# DKIM, DMARC, Razor/Pyzor/DCC plugins and with `dns_available no`; rspamd with every DNS,
# HTTP, redis and fuzzy module disabled and its resolver pointed at 127.0.0.1. Timings are the
# best of $ROUNDS runs of the whole folder with warm daemons; the daemons use every core, as
# presend does.
set -euo pipefail
cd "$(dirname "$0")/.."

FOLDER="${1:-../shared/corpus}"
ROUNDS="${ROUNDS:-3}"
WORK="${PEERS_WORK:-${TMPDIR:-/tmp}/presend-peers}"
SPAMD_PORT="${SPAMD_PORT:-7830}"
RSPAMD_PORT="${RSPAMD_PORT:-11333}"
RSPAMD_CTRL_PORT="${RSPAMD_CTRL_PORT:-11334}"
CORES="$(nproc)"

[ -d "$FOLDER" ] || { echo "no folder $FOLDER" >&2; exit 2; }

# --- install ---------------------------------------------------------------------------------
need=()
for cmd in spamd spamc rspamd rspamc; do command -v "$cmd" >/dev/null || need+=("$cmd"); done
if ((${#need[@]})); then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo -n"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    spamassassin spamc spamd rspamd >/dev/null
fi

# --- configs ---------------------------------------------------------------------------------
SA_CONF="$WORK/sa"; SA_HOME="$WORK/sa-home"; RS_LOCAL="$WORK/rspamd"; RS_RUN="$WORK/rspamd-run"
mkdir -p "$SA_CONF" "$SA_HOME" "$RS_LOCAL/local.d" "$RS_LOCAL/override.d" \
  "$RS_RUN/db" "$RS_RUN/run" "$RS_RUN/log"
chown -R debian-spamd:debian-spamd "$SA_HOME" 2>/dev/null || true
chown -R _rspamd:_rspamd "$RS_RUN" 2>/dev/null || true

{
  echo "enable_compat welcomelist_blocklist"
  for p in WelcomeListSubject MIMEHeader ReplaceTags Check HTTPSMismatch URIDetail BodyEval \
    DNSEval HTMLEval HeaderEval MIMEEval RelayEval URIEval WLBLEval VBounce ImageInfo FreeMail \
    AntiVirus PDFInfo FromNameSpoof; do
    echo "loadplugin Mail::SpamAssassin::Plugin::$p"
  done
} >"$SA_CONF/init.pre"
cat >"$SA_CONF/local.cf" <<'EOF'
dns_available   no
skip_rbl_checks 1
dns_server      127.0.0.1
use_bayes        0
use_bayes_rules  0
bayes_auto_learn 0
required_score 5.0
report_safe    0
EOF

for m in rbl surbl emails fuzzy_check dcc asn spf dkim dmarc arc mx_check url_redirector \
  rspamd_update whitelist multimap dkim_signing neural reputation ratelimit greylist \
  history_redis replies bimi clickhouse elastic metadata_exporter p0f antivirus \
  external_services aws_s3 spamtrap external_relay clustering dynamic_conf; do
  echo "enabled = false;" >"$RS_LOCAL/local.d/$m.conf"
done
cat >"$RS_LOCAL/override.d/options.inc" <<'EOF'
filters = "chartable,regexp";
dns { nameserver = ["127.0.0.1:53"]; timeout = 0.1s; retransmits = 1; sockets = 1; }
EOF
echo "bind_socket = \"127.0.0.1:$RSPAMD_PORT\"; count = $CORES;" >"$RS_LOCAL/override.d/worker-normal.inc"
echo "bind_socket = \"127.0.0.1:$RSPAMD_CTRL_PORT\";" >"$RS_LOCAL/override.d/worker-controller.inc"
echo "enabled = false;" >"$RS_LOCAL/override.d/worker-proxy.inc"
echo 'level = "info";' >"$RS_LOCAL/override.d/logging.inc"
echo 'file = ["${CONFDIR}/maps.d/mime_types.inc"];' >"$RS_LOCAL/override.d/mime_types.conf"
echo 'source { url = ["${CONFDIR}/maps.d/mid.inc"]; }' >"$RS_LOCAL/override.d/mid.conf"
cat >"$RS_LOCAL/override.d/phishing.conf" <<'EOF'
phishtank_enabled = false;
openphish_enabled = false;
exceptions = { REDIRECTOR_FALSE = ["${CONFDIR}/maps.d/redirectors.inc"]; };
EOF
cat >"$RS_LOCAL/override.d/hfilter.conf" <<'EOF'
helo_enabled = false; hostname_enabled = false; from_enabled = false;
url_enabled = true; rcpt_enabled = true; mid_enabled = false;
EOF
chmod -R a+rX "$WORK"
RS_VARS=(--var=LOCAL_CONFDIR="$RS_LOCAL" --var=DBDIR="$RS_RUN/db" --var=RUNDIR="$RS_RUN/run"
  --var=LOGDIR="$RS_RUN/log")

# --- daemons ---------------------------------------------------------------------------------
stop() {
  [ -f "$WORK/spamd.pid" ] && kill "$(cat "$WORK/spamd.pid")" 2>/dev/null || true
  [ -f "$RS_RUN/run/rspamd.pid" ] && kill "$(cat "$RS_RUN/run/rspamd.pid")" 2>/dev/null || true
  sleep 1
}
trap stop EXIT
stop

spamd --daemonize --local --nouser-config --username=debian-spamd --groupname=debian-spamd \
  --siteconfigpath="$SA_CONF" --helper-home-dir="$SA_HOME" \
  --listen="127.0.0.1:$SPAMD_PORT" --allowed-ips=127.0.0.1 \
  --max-children="$CORES" --min-children="$CORES" --min-spare=1 --max-spare="$CORES" \
  --pidfile="$WORK/spamd.pid" --syslog="$WORK/spamd.log"
rspamd -c /etc/rspamd/rspamd.conf "${RS_VARS[@]}" -u _rspamd -g _rspamd

echo "waiting for spamd and rspamd (rspamd compiles its maps and hyperscan database)…" >&2
for _ in $(seq 1 120); do
  spamc -d 127.0.0.1 -p "$SPAMD_PORT" -K >/dev/null 2>&1 && break
  sleep 1
done
for i in $(seq 1 180); do
  if curl -fsS "http://127.0.0.1:$RSPAMD_CTRL_PORT/ping" >/dev/null 2>&1; then
    # Timings must not run on the PCRE fallback: wait for the hyperscan database, or give
    # up waiting for it after 60 s (a build without hyperscan never logs it).
    grep -qs "hyperscan database of" "$RS_RUN"/log/*.log && break
    [ "$i" -gt 60 ] && break
  fi
  sleep 1
done

# --- timing ----------------------------------------------------------------------------------
mapfile -t FILES < <(find "$FOLDER" -type f ! -name 'SOURCES.md' | sort)
N=${#FILES[@]}
BYTES=$(cat "${FILES[@]}" | wc -c)
printf '%s\n' "${FILES[@]}" >"$WORK/files.txt"

cargo build --release --quiet --bin presend
PRESEND=target/release/presend

best() { # best wall-clock seconds of ROUNDS runs of "$@"
  local best="" t
  for _ in $(seq 1 "$ROUNDS"); do
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || (($(echo "$t < $best" | bc -l))); then best=$t; fi
  done
  echo "$best"
}

run_presend() { "$PRESEND" check --isolated --stored-newlines --exit-zero --format json-lines "$FOLDER"; }
run_rspamd() { rspamc -h "127.0.0.1:$RSPAMD_PORT" -n $((CORES * 2)) -t 60 "$FOLDER"; }
# spamc reads the message on stdin; -x fails instead of passing a message through unscanned,
# and -s lifts spamc's 500 KB default (above it, stock spamc skips the message silently).
run_spamd() { xargs -a "$WORK/files.txt" -d '\n' -P $((CORES * 2)) -I{} \
  sh -c 'spamc -d 127.0.0.1 -p "$1" -x -s 268435450 -c < "$2"' _ "$SPAMD_PORT" {}; }

# Every checker must really have checked every message: count the answers once.
answered_rspamd=$(run_rspamd 2>/dev/null | grep -c '^Results for file' || true)
answered_spamd=$(head -50 "$WORK/files.txt" | while read -r f; do
  rc=0
  spamc -d 127.0.0.1 -p "$SPAMD_PORT" -x -s 268435450 -c <"$f" >/dev/null 2>&1 || rc=$?
  # 0 = ham, 1 = spam: both are answers; anything else is a failure.
  if [ "$rc" -le 1 ]; then echo ok; fi
done | wc -l)
echo "rspamd answered $answered_rspamd of $N; spamd answered $answered_spamd of the first 50" >&2

# One untimed pass each warms caches and daemons.
run_presend >/dev/null 2>&1 || true
run_rspamd >/dev/null 2>&1 || true
t_presend=$(best run_presend)
t_rspamd=$(best run_rspamd)
ROUNDS=1 t_spamd=$(best run_spamd)

rate() { echo "scale=1; $N / $1" | bc -l; }
lead() { echo "scale=1; $1 / $2" | bc -l; }
echo
echo "folder: $FOLDER — $N messages, $((BYTES / 1024 / 1024)) MiB; $CORES cores: $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo
echo "| checker | wall time (s) | messages/s | presend is … faster |"
echo "|---|---:|---:|---:|"
printf '| presend check (release) | %.3f | %s | — |\n' "$t_presend" "$(rate "$t_presend")"
printf '| rspamd 3.4 + rspamc -n %d | %.3f | %s | %s× |\n' $((CORES * 2)) "$t_rspamd" "$(rate "$t_rspamd")" "$(lead "$t_rspamd" "$t_presend")"
printf '| spamd 4.0 + spamc ×%d | %.3f | %s | %s× |\n' $((CORES * 2)) "$t_spamd" "$(rate "$t_spamd")" "$(lead "$t_spamd" "$t_presend")"
echo
echo "targets: ≥ 20× rspamd, ≥ 200× SpamAssassin"
