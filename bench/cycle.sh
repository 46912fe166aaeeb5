#!/bin/sh
# bench/cycle.sh — the creation cycle on a province of 30,000 schools:
# ledgers generated for every county, plans filed, the timelines of a city
# and of the province computed, the province's notice.
#
#   bench/cycle.sh            (or make bench-cycle; never part of make test)
#
# Environment:
#   BENCH_SCHOOLS=30000  schools in the province (bench/province.c)
#   BENCH_NO_BUILD=1     do not run make first (make bench-cycle sets it)
#   JUNHENG=build/junheng  the program to run
#
# What it does, printing each figure as it goes:
#   1. the province of bench/province.c (基准省: 10 cities, 200 counties of
#      110–190 schools at 30,000; 2024 only) written and imported into
#      build/bench-cycle/bench.db (bench/lib.sh's bench_database);
#   2. `junheng plan DB set COUNTY FILE` for every county: a target year
#      (2025 … 2030 in turn) and milestones for 2024 (failing school
#      stages at most 2), 2025 when the target year is later (the junior
#      key-teacher coefficient at most 0.45) and the target year (no
#      failing item); one city-wide plan per city;
#   3. `junheng ledger DB generate --county C --year 2024` for every county
#      (each a process of its own, as a script of an office runs it: it
#      loads and evaluates the county-year, judges every school stage,
#      school rule, coefficient and county item, and writes one item per
#      shortfall): seconds, items created, school rows evaluated a second,
#      items written a second, the largest resident memory of one run;
#   4. the same again: nothing created, every item found again (refreshed
#      or unchanged: the second generation of an office), seconds;
#   5. `junheng ledger DB list --area PROVINCE --format json`: the whole
#      province's ledger, seconds, bytes;
#   6. `junheng plan DB timeline CITY` (a city of 20 counties) and
#      `… timeline PROVINCE` (200 counties, every milestone judged on the
#      evaluated data of its year), JSON: seconds, bytes, resident memory;
#   7. `junheng cycle DB notice --area PROVINCE`: seconds, bytes.
#
# It measures; it never fails on a figure (exit 1 only when something could
# not run at all).  Other work on the machine changes the figures.
set -eu

cd "$(dirname "$0")/.."
BENCH_NAME=bench/cycle.sh
. bench/lib.sh
DIR=build/bench-cycle
export JUNHENG_TODAY=${JUNHENG_TODAY:-2025-06-10}

# run OUT ARGS…: JUNHENG ARGS… with stdout into OUT; RSS_KB its largest
# resident memory (GNU time when there, else 0), SECS its wall time.
# (Shell variables are global: each function keeps its own start time.)
if [ -x /usr/bin/time ]; then HAVE_TIME=1; else HAVE_TIME=0; fi
run() {
	_out=$1
	shift
	_r0=$(clock)
	if [ $HAVE_TIME = 1 ]; then
		/usr/bin/time -f '%M' -o "$DIR/time.txt" "$JUNHENG" "$@" >"$_out" 2>"$DIR/err.txt" ||
			{ cat "$DIR/err.txt" >&2; die "junheng $* failed"; }
		RSS_KB=$(tail -n 1 "$DIR/time.txt")
	else
		"$JUNHENG" "$@" >"$_out" 2>"$DIR/err.txt" || { cat "$DIR/err.txt" >&2; die "junheng $* failed"; }
		RSS_KB=0
	fi
	SECS=$(elapsed "$_r0" "$(clock)")
}
rate() { awk -v n="$1" -v s="$2" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "-" }'; }
maxof() { if [ "$1" -gt "$2" ]; then echo "$1"; else echo "$2"; fi; }

bench_build
command -v jq >/dev/null || die "jq is needed (make deps installs it)"
say "bench/cycle.sh: $BENCH_SCHOOLS schools, today $JUNHENG_TODAY (JUNHENG_TODAY)"
bench_database "$DIR" "bench cycle"
say "province: $SCHOOLS schools, $COUNTIES counties, $CITIES cities; files ${T_FILES} s, init + import ${T_IMPORT} s"
COUNTY_LIST=$(tail -n +2 "$DIR/data/areas.csv" | cut -d, -f5)
CITY_LIST=$(tail -n +2 "$DIR/data/areas.csv" | cut -d, -f3 | sort -u)
CITY=$(echo "$CITY_LIST" | head -n 1)

# 2. plans
_t0=$(clock)
i=0
for c in $COUNTY_LIST; do
	ty=$((2025 + i % 6))
	i=$((i + 1))
	cv=
	[ "$ty" -gt 2025 ] && cv='{"year":2025,"targets":[{"measure":"cv.junior.key_teachers_per100","max":0.45}]},'
	printf '{"target_year":%d,"filed":"2024-06-28","milestones":[{"year":2024,"targets":[{"measure":"failing_school_stages","max":2}]},%s{"year":%d,"targets":[{"measure":"failing_items","max":0}]}]}\n' \
		"$ty" "$cv" "$ty" >"$DIR/plan.json"
	"$JUNHENG" plan "$DB" set "$c" "$DIR/plan.json" --who bench >/dev/null 2>"$DIR/err.txt" ||
		{ cat "$DIR/err.txt" >&2; die "junheng plan set $c failed"; }
done
printf '{"milestones":[{"year":2024,"targets":[{"measure":"large_schools","max":3}]},{"year":2025,"targets":[{"measure":"large_schools","max":0}]}]}\n' >"$DIR/city.json"
for c in $CITY_LIST; do
	"$JUNHENG" plan "$DB" set "$c" "$DIR/city.json" --who bench >/dev/null 2>"$DIR/err.txt" ||
		{ cat "$DIR/err.txt" >&2; die "junheng plan set $c failed"; }
done
T_PLANS=$(elapsed "$_t0" "$(clock)")
say "plans: $i county plans and $(echo "$CITY_LIST" | wc -l) city plans set in $T_PLANS s ($(rate "$i" "$T_PLANS") a second)"

# 3. and 4. ledgers
generate() {
	: >"$DIR/gen.all"
	RSS_MAX=0
	_g0=$(clock)
	for c in $COUNTY_LIST; do
		run "$DIR/gen.json" ledger "$DB" generate --county "$c" --year "$YEAR" --who bench --format json
		cat "$DIR/gen.json" >>"$DIR/gen.all"
		RSS_MAX=$(maxof "$RSS_KB" "$RSS_MAX")
	done
	T_GEN=$(elapsed "$_g0" "$(clock)")
	# Counted after the clock stopped (jq's start-up is not junheng's).
	CREATED=$(jq -s 'map(.created) | add' "$DIR/gen.all")
	REFRESHED=$(jq -s 'map(.refreshed) | add' "$DIR/gen.all")
	UNCHANGED=$(jq -s 'map(.unchanged // 0) | add' "$DIR/gen.all")
}
generate
ITEMS=$CREATED
say "ledger generation, every county: $T_GEN s; $CREATED items created;" \
	"$(rate "$SCHOOLS" "$T_GEN") school rows a second, $(rate "$CREATED" "$T_GEN") items a second;" \
	"$(rate "$COUNTIES" "$T_GEN") counties a second; largest RSS of one run $(mb "$RSS_MAX") MiB"
generate
say "ledger generation again: $T_GEN s; $CREATED created (0 expected), $REFRESHED refreshed, $UNCHANGED unchanged;" \
	"$(rate "$SCHOOLS" "$T_GEN") school rows a second; largest RSS $(mb "$RSS_MAX") MiB"

# 5. the province's ledger
run "$DIR/list.json" ledger "$DB" list --area "$PROVINCE" --format json
say "ledger list, the province: $SECS s, $(jq '.count' "$DIR/list.json") items ($ITEMS generated)," \
	"$(kb "$(wc -c <"$DIR/list.json")") kB JSON, RSS $(mb "$RSS_KB") MiB"

# 6. timelines
run "$DIR/city.out.json" plan "$DB" timeline "$CITY" --format json
say "timeline, city $CITY ($(jq '.counties | length' "$DIR/city.out.json") counties): $SECS s," \
	"$(kb "$(wc -c <"$DIR/city.out.json")") kB JSON, RSS $(mb "$RSS_KB") MiB"
run "$DIR/province.out.json" plan "$DB" timeline "$PROVINCE" --format json
say "timeline, province $PROVINCE ($(jq '.counties | length' "$DIR/province.out.json") counties," \
	"$(jq '[.counties[] | select(.behind)] | length' "$DIR/province.out.json") behind): $SECS s," \
	"$(rate "$SCHOOLS" "$SECS") school rows a second," \
	"$(kb "$(wc -c <"$DIR/province.out.json")") kB JSON, RSS $(mb "$RSS_KB") MiB"

# 7. the notice
run "$DIR/notice.json" cycle "$DB" notice --area "$PROVINCE" --format json
say "notice, province: $SECS s, $(jq '.counties | length' "$DIR/notice.json") counties," \
	"$(jq '.summoned | length' "$DIR/notice.json") to be summoned," \
	"$(kb "$(wc -c <"$DIR/notice.json")") kB JSON, RSS $(mb "$RSS_KB") MiB"
