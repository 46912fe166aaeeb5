#!/bin/sh
# gaps.sh — end-to-end tests of `junheng gaps`: each failing school's own
# gap and the county plan, checked by applying them (as a what-if) and
# re-judging.  Prints "e2e: N passed, N failed" last.
. "$(dirname "$0")/testlib.inc"
DB=$tmp/g.db

"${JUNHENG_FAST:-$J}" init "$DB" >/dev/null
"${JUNHENG_FAST:-$J}" import "$DB" "$S"/*.csv >/dev/null

# Turn a list of {"school_code", "add": {COLUMN: amount}} into a what-if
# change file, apply it and return the resource items still failing.
apply() {  # apply COUNTY JQ-PATH-TO-LIST
	jq -r "$2 | .[] | .school_code as \$s | .add | to_entries[] | \"add,\(\$s),\(.key),\(.value),\"" \
		"$tmp/gaps.json" | sed '1i action,school_code,field,value,target' >"$tmp/change.csv"
	"$J" whatif "$DB" --county "$1" --year 2024 --change "$tmp/change.csv" --format json >"$tmp/after.json"
	jq -r '[.after.items[] | select(.part=="resource" and .status=="fail") | .id] | join(",")' "$tmp/after.json"
}

for c in 369902 369903 369904 369905; do
	run "gaps $c" 0 gaps "$DB" --county "$c" --year 2024 --format json
	cp "$tmp/out" "$tmp/gaps.json"
	jqeq "$c: plan solved" '.plan.solved' true
	jqeq "$c: lower bound ≤ cost" '.plan.lower_bound <= .plan.cost + 1e-6' true
	jqeq "$c: gap small" '.plan.gap < 0.01' true
	jqeq "$c: plan cost = sum of schools" '((.plan.add | map(.cost) | add) - .plan.cost | fabs) < 0.5' true
	left=$(apply "$c" '.plan.add')
	if [ -z "$left" ]; then ok "$c: the plan makes the county pass the resource part"; else no "$c: after the plan still failing: $left"; fi
	# Each school's own gap makes that school pass.
	n=$(jq '.schools | length' "$tmp/gaps.json")
	i=0
	while [ "$i" -lt "$n" ]; do
		code=$(jq -r ".schools[$i].school_code" "$tmp/gaps.json")
		left=$(apply "$c" "[.schools[$i]]")
		case "$left" in
		*"school.$code."*) no "$c: $code still fails after its gap" ;;
		*) ok "$c: $code passes after its own gap" ;;
		esac
		i=$((i + 1))
	done
done

# B's one failing school: equipment only, priced at 1 yuan per yuan.
run "gaps B" 0 gaps "$DB" --county 369902 --year 2024 --format json
jqeq "B: one school" '.schools | length' 1
jqeq "B: equipment only" '.schools[0].add | keys | join(",")' equipment_value_yuan
jqeq "B: cost = yuan added" '.schools[0].cost == .schools[0].add.equipment_value_yuan' true
# D: rooms are part of a school's gap (云溪镇中心小学: one more music room).
run "gaps D" 0 gaps "$DB" --county 369904 --year 2024 --format json
jqeq "D: music room" '[.schools[] | select(.add.music_rooms) | .add.music_rooms] | join(",")' 1
jqeq "B: plan found" '.plan.status' found
# CSV, from the same library renderer: B's school gap, one column added
# (equipment), and the plan row, found, its cost the sum of its schools.
run "gaps B csv" 0 gaps "$DB" --county 369902 --year 2024 --format csv
has "csv: header" "$tmp/out" "record,county_code,year,school_code,school_name,field,amount,cost,status,lower_bound,gap,unreachable"
n=$(grep -c '^gap,369902,2024,' "$tmp/out")
if [ "$n" = 1 ]; then ok "csv: one school gap"; else no "csv: $n school gaps, want 1"; fi
n=$(grep '^gap_add,369902,2024,' "$tmp/out" | cut -d, -f6)
if [ "$n" = equipment_value_yuan ]; then ok "csv: equipment added"; else no "csv: added '$n'"; fi
if awk -F, '$1 == "plan" { cost = $8; st = $9 } $1 == "plan_school" { sum += $8 }
    END { exit !(st == "found" && (cost - sum) < 0.5 && (sum - cost) < 0.5) }' "$tmp/out"
then ok "csv: plan found, cost = sum of its schools"; else no "csv: plan row" "$(cat "$tmp/out")"; fi
run "gaps bad format" 2 gaps "$DB" --county 369902 --year 2024 --format xml
# The plan's time budget: a nanosecond is spent before the search starts,
# so no plan, and the output says why (the schools' own gaps still shown).
run "gaps time limit" 0 gaps "$DB" --county 369903 --year 2024 --time-limit 1e-9
has "time limit: why" "$tmp/out" "在时限内未求得方案。"
run "gaps time limit en" 0 --lang en gaps "$DB" --county 369902 --year 2024 --time-limit 1e-9
has "time limit: why (en)" "$tmp/out" "No plan found within the time limit."
has "time limit: school gaps kept" "$tmp/out" "Failing schools, each on its own (1):"
run "gaps time limit json" 0 gaps "$DB" --county 369902 --year 2024 --time-limit 1e-9 --format json
jqeq "time limit: status" '"\(.plan.status) \(.plan.solved) \(.plan.cost)"' "time_limit false null"
run "gaps bad time limit" 2 gaps "$DB" --county 369902 --year 2024 --time-limit 0
run "gaps bad time limit text" 2 gaps "$DB" --county 369902 --year 2024 --time-limit soon
# A county that passes: nothing to add.
run "gaps A" 0 gaps "$DB" --county 369901 --year 2024 --format json
jqeq "A: no school gaps" '.schools | length' 0
jqeq "A: empty plan" '"\(.plan.cost) \(.plan.add | length)"' "0 0"
jqeq "A: found" '.plan.status' found
run "gaps text" 0 gaps "$DB" --county 369903 --year 2024
has "text: plan line" "$tmp/out" "全县最低成本方案"
has "text: bound" "$tmp/out" "已证明的下界"
# Costs file: equipment at 2 yuan per yuan doubles B's cost.
printf 'equipment_yuan = 2\n' >"$tmp/c.cost"
run "gaps with costs" 0 gaps "$DB" --county 369902 --year 2024 --costs "$tmp/c.cost" --format json
jqeq "costs: doubled" '.schools[0].cost == 2 * .schools[0].add.equipment_value_yuan' true
printf 'equipment = -1\n' >"$tmp/bad.cost"
run "bad costs" 2 gaps "$DB" --county 369902 --year 2024 --costs "$tmp/bad.cost"

summary
