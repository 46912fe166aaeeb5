#!/bin/sh
# demo_cycle.sh — scripts/demo-cycle.sh (what `make demo` runs after the
# import) on a fresh copy of the sample, read back through the command
# line on the demonstration's day, 2025-06-10: every county's target year
# and workflow state of 2024, plans with milestones met, missed and due,
# ledger items in every state (one supervised, one overdue), 安平县's
# corrected data and its verdict, the city's notice; a second run changes
# nothing.  Prints "e2e: N passed, N failed" last.
. "$(dirname "$0")/testlib.inc"
DB=$tmp/demo.db
# The script runs many commands: the build without sanitizers when there.
FAST=${JUNHENG_FAST:-$J}

run "init" 0 init "$DB"
JUNHENG_TODAY=2025-01-06 run "import the sample" 0 import "$DB" "$S"/*.csv --who 演示
if JUNHENG="$FAST" "$top/scripts/demo-cycle.sh" "$DB" >"$tmp/demo.out" 2>&1; then
	ok "demo-cycle.sh"
else
	no "demo-cycle.sh failed" "$(tail -n 20 "$tmp/demo.out")"
fi
export JUNHENG_TODAY=2025-06-10

# One county in each state of the 2024 workflow (369907 submitted too).
state() {
	run "cycle $1" 0 cycle "$DB" show --county "$1" --year 2024 --format json
	jqeq "cycle $1: $2" .state "$2"
}
state 369901 assessed
state 369902 applied
state 369903 rectified
state 369904 reviewed
state 369905 submitted
state 369906 self_evaluation
state 369907 submitted
# 369907 submitted on 2025-03-05, after February's end (2025-02-28): late.
jqeq "369907: submitted late" '[.events[] | select(.action == "submit")][0].late' true

# Target years as the seed city's: three by 2025, two by 2026, one 2027, one 2030.
run "timeline" 0 plan "$DB" timeline 369900 --format json
jqeq "target years" '[.counties[] | .target_year] | join(",")' "2025,2025,2026,2030,2026,2025,2027"
# Milestones on 2025-06-10: 江城区 2024 (no failing item: the verdict
# passes) met; 清溪县 2024 (primary sports-area coefficient 0.511 > 0.5)
# missed; every 2025 milestone due (its deadline 2025-12-31 not past, no
# 2025 data); 梅山县 (teachers' pay 0.97 of the civil servants' in 2024,
# milestone missed) behind.
jqeq "369901 2024 met" '.counties[] | select(.county == "369901") | .milestones[] | select(.year == 2024) | .status' met
jqeq "369903 2024 missed" '.counties[] | select(.county == "369903") | .milestones[] | select(.year == 2024) | .status' missed
jqeq "every 2025 milestone due" '[.counties[].milestones[] | select(.year == 2025) | .status] | unique | join(",")' due
jqeq "369906 behind" '.counties[] | select(.county == "369906") | .behind' true
# City-wide: failing school stages 2024 = 0 (安平县, corrected) + 7 (云岭县)
# + 1 (柳河县) = 8 > 6: missed; no large school in 2024: met.
jqeq "city 2024: large schools met" '.cities[0].milestones[] | select(.year == 2024) | .targets[0].holds' true
jqeq "city 2024: failing stages 8" '.cities[0].milestones[] | select(.year == 2024) | .targets[1].value' 8
run "369904's plan" 0 plan "$DB" show 369904 --format json
jqeq "369904: the city's version and the county's" '[.versions[].who] | join(",")' "江州市教育督导室,云岭县教育督导室"

# 安平县's correction: 1,240,000 yuan / 620 pupils = 2,000 ≥ 2,000, so the
# school passes 7/7 and the county's 2024 verdict passes.
run "369902 verdict" 0 verdict "$DB" --county 369902 --year 2024 --format json
jqeq "369902 passes now" .verdict pass
run "ledger of the city" 0 ledger "$DB" list --area 369900 --format json
jqeq "石桥镇中心小学 signed off" '.items[] | select(.key == "resource.school.2136990212.primary#equipment_value_per_student") | .status' signed_off
jqeq "every state there" '[.items[].status] | unique | join(",")' "awaiting_signoff,in_progress,open,signed_off"
jqeq "one supervised: 梅山县's pay" '[.items[] | select(.supervised) | .key] | join(",")' guarantee.8
jqeq "findings: 安平县's and 清溪县's signed off, 云岭县's two open" \
	'[.items[] | select(.key | startswith("finding.")) | "\(.county):\(.status)"] | join(",")' \
	"369902:signed_off,369903:signed_off,369904:open,369904:open"
run "overdue" 0 ledger "$DB" list --area 369900 --overdue --format json
# 高坪乡中学's multimedia rooms: due 2025-04-30, in progress on 2025-06-10.
jqeq "one overdue" '[.items[].key] | join(",")' "resource.school.2136990409.junior#multimedia_rooms_per100"
count=$(jq '.count' "$tmp/out")

# The notice: 梅山县 has not submitted by 2025-02-28, a late step → summoned.
run "notice" 0 cycle "$DB" notice --area 369900 --format json
jqeq "369906 summoned" '.counties[] | select(.county == "369906") | .summoned' true
jqeq "369901 not summoned" '.counties[] | select(.county == "369901") | .summoned' false
# 云岭县's items not signed off: its 2024 verdict's failing indicators of 7
# school stages (乌石 2, 牛角 2, 高坪 4, 竹山 4, 岩口 4, 大石 4, 石门 5 = 25),
# per-school rules (music/art rooms at 云溪镇中心小学 and 高坪乡中学, class
# size at 第二中学 = 3) and the junior key-teacher coefficient (1): 29, + the
# review's 2 findings = 31, one overdue; 梅山县's pay under supervision.
jqeq "369904: 31 items open" '.counties[] | select(.county == "369904") | .ledger.open' 31
jqeq "369904: one overdue" '.counties[] | select(.county == "369904") | .ledger.overdue' 1
jqeq "369906: one supervised" '.counties[] | select(.county == "369906") | .ledger.supervised' 1

# A second run finds the plans and leaves everything as it was.
if JUNHENG="$FAST" "$top/scripts/demo-cycle.sh" "$DB" >"$tmp/demo2.out" 2>&1; then
	ok "demo-cycle.sh again"
else
	no "demo-cycle.sh again failed" "$(tail -n 20 "$tmp/demo2.out")"
fi
has "again: said so" "$tmp/demo2.out" "创建周期已在库中"
run "overdue after the second run" 0 ledger "$DB" list --area 369900 --overdue --format json
jqeq "still one overdue" '.count' "$count"
run "369904's plan after the second run" 0 plan "$DB" show 369904 --format json
jqeq "still two versions" '.versions | length' 2
summary
