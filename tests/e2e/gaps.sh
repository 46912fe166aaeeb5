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
# D: the county plan covers all the per-school list does.  The list asks
# 7,935,187 yuan (240,000 + 480,000 + 1,383,000 + 1,860,000 + 900,000 +
# 1,260,000 + 1,412,187 + 400,000); the resource part of the plan costs
# 7,472,187 and the rooms are fixed additions: 云溪镇中心小学's music room
# (400,000) and 高坪乡中学's art room enlarged by 18 m² (× 3,500 = 63,000),
# 463,000 in all: 7,472,187 + 463,000 = 7,935,187.
jqeq "D: plan cost" '.plan.cost' 7935187
jqeq "D: plan rooms" '.plan.rooms_cost' 463000
jqeq "D: plan ≥ the schools' list" '.plan.cost >= (.schools | map(.cost) | add)' true
jqeq "D: plan has the music room" '[.plan.add[] | select(.school_code=="2136990442") | .add.music_rooms] | join(",")' 1
jqeq "D: plan has the art-room area" '[.plan.add[] | select(.school_code=="2136990409") | .add.art_room_min_area_m2] | join(",")' 18
jqeq "D: plan add carries names" '[.plan.add[] | select(.school_code=="2136990442") | .school_name] | join(",")' 云溪镇中心小学
# The class-size failure (verdict item 5: 2136990407, junior class of 52 >
# 50) is named, not priced.
jqeq "D: beyond" '[.beyond[] | "\(.school_code) \(.school_name) \(.kind) \(.stage) \(.value) \(.limit)"] | join(";")' "2136990407 云岭县第二中学 class_size junior 52 50"
jqeq "D: county name" '.plan.county_name' 云岭县
run "gaps D text" 0 gaps "$DB" --county 369904 --year 2024
has "D text: county name" "$tmp/out" "云岭县(369904)· 2024 年度"
has "D text: beyond" "$tmp/out" "  2136990407 云岭县第二中学:初中最大班额 52 人,超过上限 50 人"
has "D text: plan heading says what it leaves out" "$tmp/out" "不含上列班额、规模问题"
has "D text: cost grouped" "$tmp/out" "  总成本 7,935,187 元,已证明的下界 7,935,187 元,相对差距 0.0000%"
has "D text: teachers counted once" "$tmp/out" "      新增小学专任教师 2 名,共 240,000 元,其中:"
has "D text: m² unit" "$tmp/out" "      最小美术专用教室扩大面积 18 ㎡ × 3,500 元 = 63,000 元"
has "D text: rooms unit" "$tmp/out" "      音乐专用教室 1 间 × 400,000 元 = 400,000 元"
has "D text: yuan unit" "$tmp/out" "      教学仪器设备 32,187 元"
# One language: no ASCII letters in the Chinese text, no Chinese in the
# English one once the names (school and county) are taken out.
for c in 369902 369903 369904 369905; do
	"$J" gaps "$DB" --county "$c" --year 2024 >"$tmp/zh.txt"
	if grep -q '[A-Za-z]' "$tmp/zh.txt"; then no "$c zh: ASCII words" "$(grep '[A-Za-z]' "$tmp/zh.txt")"; else ok "$c zh: no ASCII words"; fi
	"$J" --lang en gaps "$DB" --county "$c" --year 2024 >"$tmp/en.txt"
	left=$(sed -E 's/^  [0-9]{10} [^:]*: /  CODE NAME: /; s/^[^ ]+ \(county/NAME (county/; s/(makes|of) [0-9]{10} [^ ]+ pass/\1 X pass/' "$tmp/en.txt" |
		LC_ALL=C.UTF-8 grep -P '[\x{3000}-\x{303F}\x{4E00}-\x{9FFF}\x{FF00}-\x{FFEF}]')
	if [ -z "$left" ]; then ok "$c en: no Chinese but names"; else no "$c en: Chinese words" "$left"; fi
done
# CSV, from the same library renderer: B's school gap, one column added
# (equipment), and the plan row, found, its cost the sum of its schools.
run "gaps B csv" 0 gaps "$DB" --county 369902 --year 2024 --format csv --headers en
has "csv: header" "$tmp/out" "record,county_code,year,school_code,school_name,field,amount,cost,status,lower_bound,gap,unreachable,county_name,unit,limit"
n=$(grep -c '^gap,369902,2024,' "$tmp/out")
if [ "$n" = 1 ]; then ok "csv: one school gap"; else no "csv: $n school gaps, want 1"; fi
n=$(grep '^gap_add,369902,2024,' "$tmp/out" | cut -d, -f6)
if [ "$n" = equipment_value_yuan ]; then ok "csv: equipment added"; else no "csv: added '$n'"; fi
if awk -F, '$1 == "plan" { cost = $8; st = $9 } $1 == "plan_school" { sum += $8 }
    END { exit !(st == "found" && (cost - sum) < 0.5 && (sum - cost) < 0.5) }' "$tmp/out"
then ok "csv: plan found, cost = sum of its schools"; else no "csv: plan row" "$(cat "$tmp/out")"; fi
# In Chinese by default: headers and values, no ASCII words.
run "gaps D csv zh" 0 gaps "$DB" --county 369904 --year 2024 --format csv
has "csv zh: header" "$tmp/out" "记录,县(市、区)代码,年度,学校标识码,学校名称,项目,增加数量,费用(元),状态"
has "csv zh: beyond" "$tmp/out" "增加资源无法解决,369904,2024,2136990407,云岭县第二中学,初中最大班额,52,,班额超过上限,,,,云岭县,人,50"
has "csv zh: plan" "$tmp/out" "全县方案,369904,2024,,,,,7935187,已求得,7935187,0,,云岭县,元,"
if grep -q '[A-Za-z]' "$tmp/out"; then no "csv zh: ASCII words" "$(grep '[A-Za-z]' "$tmp/out" | head -3)"; else ok "csv zh: no ASCII words"; fi
run "gaps bad headers" 2 gaps "$DB" --county 369904 --year 2024 --format csv --headers fr
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
run "costs file missing" 2 gaps "$DB" --county 369902 --year 2024 --costs "$tmp/none.cost"
has "costs file missing: said in Chinese" "$tmp/err" "junheng: 无法读取单价文件 $tmp/none.cost"
printf 'equipment = -1\n' >"$tmp/bad.cost"
run "bad costs" 2 gaps "$DB" --county 369902 --year 2024 --costs "$tmp/bad.cost"

summary
