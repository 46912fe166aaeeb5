#!/bin/sh
# run-tests.sh TEST_BINARY... — run the cmocka unit tests, the CLI
# end-to-end tests, the API tests, the front-end's unit tests and the
# browser tests, then print one summary line:
# "N passed, N failed".
# Exits non-zero when anything failed.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# Leaks stay detected; only fontconfig's and cairo's own state is
# suppressed (tests/lsan.supp says which and why; the suites after the
# unit tests use tests/lsan-cli.supp).
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp"

for t in "$@"; do
	"$t" >"$log" 2>&1
	rc=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
		f=1     # crashed or sanitizer report
	fi
	if [ "$f" != 0 ]; then
		cat "$log"
	fi
	echo "unit $(basename "$t"): $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
done

# The library's layers depend one way, with no cycle between object
# files (scripts/check-layers.sh over build/); and the check itself
# fails on a planted cycle, so that it cannot pass by reading nothing.
"$top/scripts/check-layers.sh" "$top/build" ${LAYERS:-util io core plan store} >"$log" 2>&1
p=$(sed -n 's/^layers: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log")
f=$(sed -n 's/^layers: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log")
[ -n "$p" ] || { p=0; f=1; }
planted=$(mktemp -d)
mkdir -p "$planted/lib/x"
printf 'int b(void);\nint a(void) { return b(); }\n' >"$planted/a.c"
printf 'int a(void);\nint b(void) { return a() + 1; }\n' >"$planted/b.c"
if ${CC:-cc} -c -o "$planted/lib/x/a.o" "$planted/a.c" &&
   ${CC:-cc} -c -o "$planted/lib/x/b.o" "$planted/b.c" &&
   ! "$top/scripts/check-layers.sh" "$planted" x >>"$log" 2>&1 &&
   grep -q "cycle: x/a -> x/b" "$log"; then
	p=$((p + 1))
else
	echo "layers: the planted cycle was not reported" >>"$log"
	f=$((f + 1))
fi
rm -rf "$planted"
[ "$f" != 0 ] && cat "$log"
echo "layers: $p passed, $f failed"
passed=$((passed + p))
failed=$((failed + f))

# The programs the suites below run unwind fast (tests/lsan-cli.supp).
export LSAN_OPTIONS="suppressions=$top/tests/lsan-cli.supp"

for e in "$top"/tests/e2e/*.sh; do
	[ -f "$e" ] || continue
	JUNHENG="$top/build/asan/junheng" JUNHENG_FAST="$top/build/junheng" \
		sh "$e" >"$log" 2>&1
	p=$(sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^e2e: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -n 1)
	[ -n "$p" ] || { p=0; f=1; }
	if [ "$f" != 0 ]; then
		cat "$log"
	fi
	echo "e2e $(basename "$e"): $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
done

# node_suite NAME SCRIPT — a suite in plain Node.js (tests/api, tests/web)
# against build/asan/junheng; its last line is "NAME: N passed, N
# failed".  No node, or no such line, is a failure.
node_suite() {
	if command -v node >/dev/null 2>&1; then
		JUNHENG="$top/build/asan/junheng" JUNHENG_FAST="$top/build/junheng" \
			node "$2" >"$log" 2>&1
		p=$(sed -n "s/^$1: \([0-9]*\) passed, \([0-9]*\) failed\$/\1/p" "$log" | tail -n 1)
		f=$(sed -n "s/^$1: \([0-9]*\) passed, \([0-9]*\) failed\$/\2/p" "$log" | tail -n 1)
		[ -n "$p" ] || { p=0; f=1; }
	else
		echo "$1: node not found (scripts/install-deps.sh installs nodejs)" >"$log"
		p=0; f=1
	fi
	if [ "$f" != 0 ]; then
		grep -v -e '^ok - ' -e "^$1: [0-9]* passed" "$log"
	fi
	echo "$1: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))
}

# The JSON API (tests/api): a server started on a free loopback port over
# a temporary database of the sample.
node_suite api "$top/tests/api/run.js"

# The front-end (web/, issue 11): its unit tests (Vitest, the formatting
# helpers) and the browser tests (tests/web/run.js: playwright-core from
# web/node_modules driving Debian's chromium against the server with the
# embedded front-end; last line "web: N passed, N failed").  Both count
# as failed, never skipped, when web/node_modules (make runs npm ci) or
# chromium (scripts/install-deps.sh) is missing; before web/ exists at
# all there is nothing to test.
if [ -f "$top/web/package.json" ]; then
	if [ ! -d "$top/web/node_modules" ]; then
		echo "vitest: web/node_modules is missing (make runs npm ci in web/)" >"$log"
		p=0; f=1
	else
		(cd "$top/web" && NO_COLOR=1 CI=1 npx --no-install vitest run) >"$log" 2>&1
		rc=$?
		# "      Tests  2 failed | 40 passed (42)"
		line=$(sed 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ *Tests +[0-9]' | tail -n 1)
		p=$(printf '%s\n' "$line" | sed -n 's/.* \([0-9][0-9]*\) passed.*/\1/p')
		f=$(printf '%s\n' "$line" | sed -n 's/.* \([0-9][0-9]*\) failed.*/\1/p')
		[ -n "$p" ] || p=0
		[ -n "$f" ] || f=0
		if [ -z "$line" ] || { [ "$rc" != 0 ] && [ "$f" = 0 ]; }; then
			f=$((f + 1))
		fi
	fi
	[ "$f" != 0 ] && cat "$log"
	echo "vitest: $p passed, $f failed"
	passed=$((passed + p))
	failed=$((failed + f))

	node_suite web "$top/tests/web/run.js"
fi

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
