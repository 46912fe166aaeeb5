#!/bin/sh
# bench/serve.sh — the web server under load: a province of 30,000 schools.
#
#   bench/serve.sh            (or make bench-serve; never part of make test)
#
# Environment:
#   BENCH_SECONDS=30     length of each of the two measured runs
#   BENCH_LONG=600       length of the long run (both requests mixed) over
#                        which the server's memory is watched; 0 skips it
#   BENCH_SCHOOLS=30000  schools in the province
#   BENCH_THREADS=       the server's --threads (empty: its default)
#   BENCH_NO_BUILD=1     do not run make first (make bench-serve sets it)
#   JUNHENG=build/junheng  the program to run
#
# What it does, printing each figure as it goes:
#   1. builds the non-ASan build/junheng and build/bench_province;
#   2. writes the province's files (bench/province.c: 基准省, 10 cities,
#      about 200 counties of about 150 schools, one of exactly 150; the
#      area file, the schools of 2024, county-year records and the survey,
#      so that every verdict is complete), then init and import them into
#      build/bench-serve/bench.db: the time to build the database;
#   3. adds the account of the province's office (junheng user add …
#      --password-stdin) and starts `junheng serve DB --listen 127.0.0.1:0`,
#      reading the port from its "listening on http://HOST:PORT" line;
#   4. signs in (POST /api/v1/session) for the session cookie;
#   5. times the first (cold) request of each of
#        GET /api/v1/counties/COUNTY/verdict?year=Y     (the 150-school county)
#        GET /api/v1/overview?year=Y&area=PROVINCE     (all its counties)
#   6. runs `wrk -t2 -c50 -d30s --latency` on each with the cookie
#      (bench/serve.lua: every response that is not 2xx is an error):
#      requests a second, p50, p99, errors (socket errors and non-2xx);
#   7. the long run: both requests mixed for BENCH_LONG seconds, the
#      server's resident memory (VmRSS, /proc/PID/status) before, every
#      tenth of the way and after;
#   8. stops the server with SIGTERM (it must exit 0), and prints each
#      figure against the issue's targets (verdict p99 < 50 ms, overview
#      p99 < 200 ms, no errors, memory flat: under 5% growth over the long
#      run) as met or not met.
#
# It measures; it never fails on a figure (exit 1 only when something could
# not run at all).  wrk and the server share the machine's cores, and other
# work on the machine changes the figures: read them as such.
#
# The province, the account, the server and the sign-in are bench/lib.sh's
# (shared with bench/web.sh).
set -eu

cd "$(dirname "$0")/.."
BENCH_NAME=bench/serve.sh
BENCH_SECONDS=${BENCH_SECONDS:-30}
BENCH_LONG=${BENCH_LONG:-600}
BENCH_THREADS=${BENCH_THREADS:-}
. bench/lib.sh
DIR=build/bench-serve
LOG=$DIR/server.log
WRK_THREADS=2
CONNECTIONS=50

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER/status" 2>/dev/null || echo 0; }

command -v wrk >/dev/null 2>&1 || die "wrk is not installed (make deps installs it)"
command -v curl >/dev/null 2>&1 || die "curl is not installed (make deps installs it)"

# --- 1. build ----------------------------------------------------------------
bench_build

# --- 2. the database -----------------------------------------------------------
bench_database "$DIR" "bench/serve.sh"
db_kb=$(du -k "$DB" | awk '{ print $1 }')

say "== junheng serve under load =="
say "province $PROVINCE: $SCHOOLS schools in $COUNTIES counties of $CITIES cities, year $YEAR;"
say "verdict of county $COUNTY $COUNTY_NAME ($COUNTY_SCHOOLS schools), overview of the province"
say "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); machine: $(nproc) cores," \
	"load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
say ""
say "database: files written in $T_FILES s; init + import in $T_IMPORT s" \
	"(total $(awk -v a="$T_FILES" -v b="$T_IMPORT" 'BEGIN { printf "%.3f", a + b }') s); $(mb "$db_kb") MB"

# --- 3. account and server -------------------------------------------------------
bench_account
# shellcheck disable=SC2086
bench_serve "$LOG" ${BENCH_THREADS:+--threads $BENCH_THREADS}
say "server: pid $SERVER at $URL${BENCH_THREADS:+, --threads $BENCH_THREADS}, up in $T_UP s;" \
	"resident $(mb "$(rss_kb)") MB"

# --- 4. sign in ---------------------------------------------------------------
bench_sign_in "$DIR"

VERDICT="/api/v1/counties/$COUNTY/verdict?year=$YEAR"
OVERVIEW="/api/v1/overview?year=$YEAR&area=$PROVINCE"

# --- 5. the first requests -----------------------------------------------------------
# $1 label, $2 path: status, bytes and time of one request
one() {
	curl -s -o /dev/null -H "Cookie: $COOKIE" \
		-w "$1 %{http_code} %{size_download} %{time_total}\n" "$URL$2" ||
		printf '%s 000 0 0\n' "$1"
}
say ""
say "first requests (cold: nothing cached), then the second:"
for r in "verdict $VERDICT" "overview $OVERVIEW"; do
	label=${r%% *}
	path=${r#* }
	one "$label" "$path" >"$DIR/cold"
	one "$label" "$path" >"$DIR/warm"
	read -r _ st1 bytes s1 <"$DIR/cold"
	read -r _ st2 _ s2 <"$DIR/warm"
	printf '  %-9s status %s, %s bytes, %7.1f ms; second: status %s, %7.1f ms\n' \
		"$label" "$st1" "$bytes" "$(awk -v t="$s1" 'BEGIN { print t * 1000 }')" \
		"$st2" "$(awk -v t="$s2" 'BEGIN { print t * 1000 }')"
done

# --- 6. the runs ---------------------------------------------------------------------
# $1 label, $2 seconds, $3… paths: wrk's summary line into $DIR/$1.wrk and
# one line of the table
ERRORS=0
run() {
	label=$1
	seconds=$2
	shift 2
	JH_COOKIE=$COOKIE JH_PATHS="$*" wrk -t$WRK_THREADS -c$CONNECTIONS -d"${seconds}s" \
		--latency -s bench/serve.lua "$URL$1" >"$DIR/$label.wrk" 2>&1 ||
		{ cat "$DIR/$label.wrk" >&2; die "wrk failed"; }
	line=$(grep '^JHWRK ' "$DIR/$label.wrk") || { cat "$DIR/$label.wrk" >&2; die "no JHWRK line"; }
	# requests seconds rps p50_ms p99_ms max_ms connect read write timeout non2xx
	eval "$(printf '%s\n' "$line" | sed 's/^JHWRK //; s/\([a-z0-9_]*\)=/W_\1=/g')"
	sock=$((W_connect + W_read + W_write + W_timeout))
	ERRORS=$((ERRORS + sock + W_non2xx))
	printf '  %-9s %9s %9s %9s %9s %8s %8s %8s\n' "$label" "$W_rps" "$W_p50_ms" \
		"$W_p99_ms" "$W_max_ms" "$W_requests" "$sock" "$W_non2xx"
}
header() {
	printf '  %-9s %9s %9s %9s %9s %8s %8s %8s\n' "" "req/s" "p50 ms" "p99 ms" \
		"max ms" "requests" "socket" "non-2xx"
}

say ""
say "wrk -t$WRK_THREADS -c$CONNECTIONS -d${BENCH_SECONDS}s --latency, with the session cookie" \
	"(errors: socket errors (connect, read, write, timeout) and non-2xx responses):"
header
run verdict "$BENCH_SECONDS" "$VERDICT"
V_P99=$W_p99_ms
run overview "$BENCH_SECONDS" "$OVERVIEW"
O_P99=$W_p99_ms

# --- 7. the long run -----------------------------------------------------------------
RSS0=$(rss_kb)
RSS1=$RSS0
if [ "$BENCH_LONG" -gt 0 ]; then
	say ""
	say "long run: both requests in turn for $BENCH_LONG s; resident memory of the server:"
	step=$((BENCH_LONG / 10))
	[ "$step" -ge 1 ] || step=1
	samples="$(mb "$RSS0")"
	(run long "$BENCH_LONG" "$VERDICT" "$OVERVIEW" >"$DIR/long.row") &
	long=$!
	waited=0
	while kill -0 "$long" 2>/dev/null && [ $waited -lt $((BENCH_LONG + 60)) ]; do
		sleep "$step"
		waited=$((waited + step))
		kill -0 "$long" 2>/dev/null && samples="$samples $(mb "$(rss_kb)")"
	done
	wait "$long" || die "the long run failed"
	RSS1=$(rss_kb)
	say "  MB every $step s: $samples $(mb "$RSS1")"
	header
	cat "$DIR/long.row"
	line=$(grep '^JHWRK ' "$DIR/long.wrk")
	eval "$(printf '%s\n' "$line" | sed 's/^JHWRK //; s/\([a-z0-9_]*\)=/W_\1=/g')"
	ERRORS=$((ERRORS + W_connect + W_read + W_write + W_timeout + W_non2xx))
fi

# --- 8. stop, and the targets ---------------------------------------------------------
bench_stop
say ""
say "server: SIGTERM → exit status $STOP_RC in $STOP_SECONDS s; log $(wc -c <"$LOG") bytes ($LOG)"

say ""
say "targets (issue 10, on this 2-core machine):"
say "  verdict p99 < 50 ms:    $V_P99 ms — $(met "$(awk -v p="$V_P99" 'BEGIN { print (p < 50) }')")"
say "  overview p99 < 200 ms:  $O_P99 ms — $(met "$(awk -v p="$O_P99" 'BEGIN { print (p < 200) }')")"
say "  no errors:              $ERRORS — $(met "$([ "$ERRORS" = 0 ] && echo 1)")"
if [ "$BENCH_LONG" -gt 0 ]; then
	growth=$(awk -v a="$RSS0" -v b="$RSS1" 'BEGIN { printf "%+.1f MB (%+.1f%%)", (b - a) / 1024, a ? 100 * (b - a) / a : 0 }')
	flat=$(awk -v a="$RSS0" -v b="$RSS1" 'BEGIN { print (b - a < 0.05 * a) }')
	say "  memory flat (< 5% growth over $BENCH_LONG s): $(mb "$RSS0") → $(mb "$RSS1") MB, $growth — $(met "$flat")"
else
	say "  memory flat: not measured (BENCH_LONG=0)"
fi
say "(the figures are noisy: wrk, the server and whatever else runs share $(nproc) cores;" \
	"load average now $(cut -d' ' -f1-3 /proc/loadavg))"
