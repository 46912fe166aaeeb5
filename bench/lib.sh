# bench/lib.sh — what the benches of the server share (sourced by
# bench/serve.sh and bench/web.sh; POSIX sh, never run on its own).
#
# Before sourcing, the bench sets BENCH_NAME (its name in error messages),
# and may set JUNHENG (default build/junheng).  It gives:
#
#   say, die, clock, elapsed A B, kb BYTES, mb KB   printing helpers
#   bench_build                 make JUNHENG and build/bench_province
#                               unless BENCH_NO_BUILD=1; dies when missing
#   bench_database DIR WHY      the province of bench/province.c
#                               (BENCH_SCHOOLS schools) written into
#                               DIR/data, then init + import into DIR/bench.db
#                               with --why WHY: sets DB, the province's
#                               variables (PROVINCE COUNTY COUNTY_NAME
#                               COUNTY_SCHOOLS YEAR COUNTIES CITIES SCHOOLS
#                               SURVEY_ROWS), T_FILES and T_IMPORT (seconds)
#   bench_account               the account "bench" of the province's
#                               office with a random password: PASSWORD
#   bench_serve LOG [ARGS…]     `JUNHENG serve DB --listen 127.0.0.1:0 ARGS…`
#                               in the background, its output into LOG;
#                               waits for its "listening on" line: SERVER
#                               (pid), URL, T_UP (seconds)
#   bench_sign_in DIR           POST /api/v1/session as bench: COOKIE
#                               ("jh_session=…"); DIR keeps the answer
#   bench_stop                  SIGTERM to the server and its exit status
#                               in STOP_RC, STOP_SECONDS the time it took
#
# and an EXIT trap that stops the server when the bench ends early.

JUNHENG=${JUNHENG:-build/junheng}
BENCH_SCHOOLS=${BENCH_SCHOOLS:-30000}
SERVER=

say() { printf '%s\n' "$*"; }
die() { printf '%s: %s\n' "$BENCH_NAME" "$*" >&2; exit 1; }
clock() { date +%s.%N; }
# seconds (3 decimals) from $1 to $2
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1000 }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

bench_cleanup() {
	if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
		kill -TERM "$SERVER" 2>/dev/null || true
		wait "$SERVER" 2>/dev/null || true
	fi
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

bench_build() {
	if [ "${BENCH_NO_BUILD:-}" != 1 ]; then
		make --no-print-directory -s "$JUNHENG" build/bench_province >/dev/null ||
			die "the build failed"
	fi
	[ -x "$JUNHENG" ] && [ -x build/bench_province ] || die "no $JUNHENG or build/bench_province"
}

bench_database() {
	_dir=$1
	DB=$_dir/bench.db
	rm -rf "$_dir"
	mkdir -p "$_dir/data"
	_t0=$(clock)
	_vars=$(build/bench_province "$_dir/data" "$BENCH_SCHOOLS") || die "bench_province failed"
	_t1=$(clock)
	# PROVINCE COUNTY COUNTY_NAME COUNTY_SCHOOLS YEAR COUNTIES CITIES SCHOOLS SURVEY_ROWS
	eval "$_vars"
	"$JUNHENG" init "$DB" >/dev/null || die "junheng init failed"
	"$JUNHENG" import "$DB" "$_dir/data/areas.csv" "$_dir/data/schools-$YEAR.csv" \
		"$_dir/data/county-$YEAR.csv" "$_dir/data/survey-$YEAR.csv" \
		--who bench --why "$2" >"$_dir/import.log" 2>&1 ||
		{ cat "$_dir/import.log" >&2; die "junheng import failed"; }
	_t2=$(clock)
	T_FILES=$(elapsed "$_t0" "$_t1")
	T_IMPORT=$(elapsed "$_t1" "$_t2")
}

bench_account() {
	PASSWORD="bench-$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
	printf '%s\n' "$PASSWORD" | "$JUNHENG" user add "$DB" bench --role province \
		--area "$PROVINCE" --password-stdin >/dev/null || die "junheng user add failed"
}

bench_serve() {
	_log=$1
	shift
	# The file exists before the server starts, so that the first look for
	# its "listening on" line never races the background shell's redirect.
	: >"$_log"
	"$JUNHENG" serve "$DB" --listen 127.0.0.1:0 "$@" >"$_log" 2>&1 &
	SERVER=$!
	_t0=$(clock)
	URL=
	_i=0
	while [ $_i -lt 300 ]; do
		URL=$(sed -n 's/.*listening on \(http:\/\/[0-9.:]*\).*/\1/p' "$_log" | head -n 1)
		[ -n "$URL" ] && break
		kill -0 "$SERVER" 2>/dev/null || { cat "$_log" >&2; die "the server exited"; }
		sleep 0.1
		_i=$((_i + 1))
	done
	[ -n "$URL" ] || { cat "$_log" >&2; die "the server did not say where it listens"; }
	T_UP=$(elapsed "$_t0" "$(clock)")
}

bench_sign_in() {
	_st=$(curl -s -o "$1/session.json" -D "$1/session.headers" -w '%{http_code}' \
		-H 'Content-Type: application/json' \
		--data "{\"username\":\"bench\",\"password\":\"$PASSWORD\"}" "$URL/api/v1/session") ||
		die "sign-in: no answer"
	[ "$_st" = 200 ] || { cat "$1/session.json" >&2; die "sign-in: status $_st"; }
	COOKIE=$(tr -d '\r' <"$1/session.headers" |
		sed -n 's/^[Ss][Ee][Tt]-[Cc][Oo][Oo][Kk][Ii][Ee]: *\(jh_session=[^;]*\).*/\1/p' | head -n 1)
	[ -n "$COOKIE" ] || die "sign-in: no jh_session cookie"
}

bench_stop() {
	_t0=$(clock)
	kill -TERM "$SERVER"
	STOP_RC=0
	wait "$SERVER" || STOP_RC=$?
	STOP_SECONDS=$(elapsed "$_t0" "$(clock)")
	SERVER=
}

met() { if [ "$1" = 1 ]; then echo "met"; else echo "NOT met"; fi; }
