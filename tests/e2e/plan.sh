#!/bin/sh
# plan.sh — end-to-end tests of `junheng plan` on the sample: a county's
# plan stored from a file (versions, who and why kept; a bad file refused
# with every problem naming its field, nothing stored); the timeline with
# each milestone met, missed, due or without data around its deadline
# (JUNHENG_TODAY fixes the day); a city's city-wide targets summed over
# its counties; trends over 2022–2024; the catalogue of measures; text in
# zh and en.  Prints "e2e: N passed, N failed" last.
. "$(dirname "$0")/testlib.inc"
DB=$tmp/j.db
unset JUNHENG_TODAY

run "init" 0 init "$DB"
run "import the sample" 0 import "$DB" "$S/areas.csv" "$S/schools-2022.csv" \
	"$S/schools-2023.csv" "$S/schools-2024.csv" "$S/county-2022.csv" "$S/county-2023.csv" \
	"$S/county-2024.csv" "$S/survey-2022.csv" "$S/survey-2023.csv" "$S/survey-2024.csv" --who tester

# The figures the targets are judged on, read from the verdict: 369904's
# junior key-teacher coefficient and the count of its failing school
# stages (resource.school.* items failing) in 2024.
run "verdict 2024" 0 verdict "$DB" --county 369904 --year 2024 --format json
cv=$(jq -r '.items[] | select(.id == "resource.cv.junior.key_teachers_per100") | .value' "$tmp/out")
failing=$(jq '[.items[] | select((.id | startswith("resource.school.")) and .status == "fail")] | length' "$tmp/out")
sizes=$(jq -r '.items[] | select(.id == "guarantee.4") | .value' "$tmp/out")

cat >"$tmp/plan.json" <<JSON
{"target_year":2025,"responsible":{"zh":"云岭县人民政府","en":"Yunling county government"},
 "filed":"2023-06-28",
 "milestones":[
  {"year":2024,"targets":[{"measure":"failing_school_stages","max":$failing},
                          {"measure":"cv.junior.key_teachers_per100","max":0.45}]},
  {"year":2023,"targets":[{"measure":"large_schools","max":0}]},
  {"year":2025,"deadline":"2025-09-30","targets":[{"measure":"failing_items","max":0}]}],
 "school_measures":[{"school":"2136990409","measure":"补充骨干教师 2 名","unit":"县教育局",
                     "person":"王某","letter_signed":true}]}
JSON
run "set a county's plan" 0 plan "$DB" set 369904 "$tmp/plan.json" --who 张三 --why 市定创建年度
jqeq "set: version 1" '.version' 1
jqeq "set: who" '.who' 张三
jqeq "set: why" '.why' 市定创建年度
jqeq "set: milestones sorted by year" '[.plan.milestones[].year] | join(",")' "2023,2024,2025"
jqeq "set: school measure kept" '.plan.school_measures[0].letter_signed' true
run "show json" 0 plan "$DB" show 369904 --format json
jqeq "show: version 1" '.version' 1
jqeq "show: one version listed" '.versions | length' 1

# A second version from the same file: the command takes the current
# version itself; both kept.
run "set again" 0 plan "$DB" set 369904 "$tmp/plan.json" --who 李四
jqeq "set again: version 2" '.version' 2
jqeq "set again: versions" '[.versions[].who] | join(",")' "张三,李四"

# A bad file: every problem named by its field, nothing stored.
cat >"$tmp/bad.json" <<'JSON'
{"target_year":1800,"filed":"2025-02-30","milestones":[{"year":2024,"targets":[{"measure":"big_schools","max":1}]}],"extra":1}
JSON
run "bad plan refused" 2 --lang en plan "$DB" set 369904 "$tmp/bad.json"
has "bad: target_year named" "$tmp/err" "(target_year)"
has "bad: filed named" "$tmp/err" "(filed)"
has "bad: measure named" "$tmp/err" "(milestones[0].targets[0].measure)"
has "bad: unknown field named" "$tmp/err" "(extra)"
run "bad: still version 2" 0 plan "$DB" show 369904 --format json
jqeq "bad: nothing stored" '.version' 2
printf 'not json' >"$tmp/nojson"
run "not JSON refused" 2 plan "$DB" set 369904 "$tmp/nojson"

# Milestones around their deadlines.  2023: no school over the size limit
# (guarantee.4 counted $sizes in 2024; in 2023 the sample has none either) → met.
# 2024: failing school stages at most $failing (the verdict's count: holds), the
# junior coefficient at most 0.45 ($cv: fails) → due through 2024-12-31,
# missed from 2025-01-01.  2025: no data → due through 2025-09-30, then
# no_data.
JUNHENG_TODAY=2024-12-31 "$J" plan "$DB" timeline 369904 --format json >"$tmp/out"
jqeq "2024-12-31: 2023 met" '.counties[0].milestones[0].status' met
jqeq "2024-12-31: 2024 due" '.counties[0].milestones[1].status' due
jqeq "2024-12-31: not behind" '.counties[0].behind' false
jqeq "2024: failing stages = the verdict's count" '.counties[0].milestones[1].targets[0].value' "$failing"
jqeq "2024: the coefficient = the verdict's" '.counties[0].milestones[1].targets[1].value' "$cv"
jqeq "2024: coefficient over 0.45 fails" '.counties[0].milestones[1].targets[1].holds' false
JUNHENG_TODAY=2025-01-01 "$J" plan "$DB" timeline 369904 --format json >"$tmp/out"
jqeq "2025-01-01: 2024 missed" '.counties[0].milestones[1].status' missed
jqeq "2025-01-01: 2025 due" '.counties[0].milestones[2].status' due
jqeq "2025-01-01: behind" '.counties[0].behind' true
jqeq "2025-01-01: why" '.counties[0].behind_reasons | join(",")' milestone
run "--date as JUNHENG_TODAY" 0 plan "$DB" timeline 369904 --date 2025-10-01 --format json
jqeq "2025-10-01: 2025 no_data" '.counties[0].milestones[2].status' no_data
JUNHENG_TODAY=2026-01-01 "$J" plan "$DB" timeline 369904 --format json >"$tmp/out"
jqeq "2026: target year passed, not forwarded" '.counties[0].behind_reasons | join(",")' "milestone,target_year_passed"

# The city's timeline: every county, those without a plan too.
run "city timeline" 0 plan "$DB" timeline 369900 --date 2025-03-31 --format json
jqeq "city: 7 counties" '.counties | length' 7
jqeq "city: one behind" '.counties_behind' 1
jqeq "city: no plan, no target year" '.counties[0].target_year' null
run "city timeline text (zh)" 0 plan "$DB" timeline 369900 --date 2025-03-31
has "text zh: behind" "$tmp/out" "369904 云岭县:创建目标年度 2025,落后于计划"
has "text zh: missed" "$tmp/out" "2024 年(截至 2024-12-31):未完成"
run "city timeline text (en)" 0 --lang en plan "$DB" timeline 369900 --date 2025-03-31
has "text en: behind" "$tmp/out" "target year 2025, BEHIND SCHEDULE"
has "text en: no plan" "$tmp/out" "(no plan filed)"
if grep -q '未完成\|落后' "$tmp/out"; then no "text en: Chinese labels"; else ok "text en: no Chinese labels"; fi

# City-wide targets on large schools, summed over the counties: the
# verdicts' guarantee.4 (schools over the size limit) of every county,
# added up for 2022 and 2024.
large() {
	n=0
	for c in 369901 369902 369903 369904 369905 369906 369907; do
		v=$("$J" verdict "$DB" --county $c --year $1 --format json |
		    jq -r '.items[] | select(.id == "guarantee.4") | .value')
		n=$((n + ${v%.*}))
	done
	echo $n
}
large22=$(large 2022)
large24=$(large 2024)
[ "$large22" -gt 0 ] && ok "2022 has a large school ($large22)" || no "2022: no large school"
[ "$large24" = 0 ] && ok "2024 has none" || no "2024: $large24 large schools"
cat >"$tmp/city.json" <<'JSON'
{"milestones":[{"year":2022,"targets":[{"measure":"large_schools","max":0}]},
               {"year":2024,"targets":[{"measure":"large_schools","max":0}]}]}
JSON
run "set city-wide targets" 0 plan "$DB" set 369900 "$tmp/city.json"
run "city plan in the timeline" 0 plan "$DB" timeline 369900 --date 2025-03-31 --format json
jqeq "city-wide 2022: the counties' sum" '.cities[0].milestones[0].targets[0].value' "$large22"
jqeq "city-wide 2022 missed" '.cities[0].milestones[0].status' missed
jqeq "city-wide 2024 met" '.cities[0].milestones[1].status' met
printf '{"milestones":[{"year":2024,"targets":[{"measure":"cv.primary.key_teachers_per100","max":0.5}]}]}' >"$tmp/citybad.json"
run "a coefficient is not city-wide" 2 --lang en plan "$DB" set 369900 "$tmp/citybad.json"
has "city-wide: refused why" "$tmp/err" "cannot be summed over counties"

# Trends: 2022, 2023, 2024, and the schools between 2023 and 2024.
run "trends county" 0 plan "$DB" trends 369904 --format json
jqeq "trends: years" '[.years[].year] | join(",")' "2022,2023,2024"
jqeq "trends: 2024 coefficient = the verdict's" '.years[2].stages.junior.cv.key_teachers_per100' "$cv"
jqeq "trends: compared years" '"\(.schools.base)-\(.schools.year)"' "2023-2024"
run "trends: base after year refused" 2 plan "$DB" trends 369904 --base 2024 --year 2023
run "trends city" 0 plan "$DB" trends 369900 --format json
jqeq "trends city: 7 counties" '.counties | length' 7
jqeq "trends city: years" '[.years[].year] | join(",")' "2022,2023,2024"
run "trends text" 0 plan "$DB" trends 369904
has "trends text" "$tmp/out" "369904 云岭县 历年进展"

run "measures" 0 plan measures --format json
jqeq "measures: large_schools" '.measures[0].key' large_schools
run "measures (en)" 0 --lang en plan measures
has "measures en" "$tmp/out" "schools over the size limit"
run "usage" 2 plan "$DB"
run "help" 0 plan --help
run "unknown area" 2 plan "$DB" show 999999 --format json
summary
