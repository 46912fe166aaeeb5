#!/bin/sh
# verdict.sh — end-to-end tests of `junheng verdict` and `junheng whatif`
# on the sample city, whose 2024 verdicts are designed (data/sample/README.md).
# Prints "e2e: N passed, N failed" last.
. "$(dirname "$0")/testlib.inc"
DB=$tmp/v.db

"${JUNHENG_FAST:-$J}" init "$DB" >/dev/null
run "import the sample" 0 import "$DB" "$S"/*.csv --why sample

# The designed 2024 verdicts, and exactly which items fail.
v() {  # v COUNTY VERDICT FAILING-IDS
	run "verdict $1" 0 verdict "$DB" --county "$1" --year 2024 --format json
	jqeq "$1: verdict" '.verdict' "$2"
	jqeq "$1: failing items" '[.items[] | select(.status=="fail") | .id | sub("resource.school.[0-9]+"; "school")] | join(",")' "$3"
	jqeq "$1: nothing missing" '[.items[] | select(.status=="missing")] | length' 0
}
v 369901 pass ""
v 369902 fail "school.primary"
v 369903 fail "resource.cv.primary.sports_area_per_student"
v 369905 fail "school.primary"
v 369906 fail "guarantee.8"
v 369907 fail "recognition"
run "verdict D" 0 verdict "$DB" --county 369904 --year 2024 --format json
jqeq "D: school-level guarantee items fail" '[.items[] | select(.status=="fail" and .part=="guarantee") | .id] | join(",")' "guarantee.3,guarantee.5"
jqeq "D: junior key-teacher CV fails" '[.items[] | select(.status=="fail" and (.id|startswith("resource.cv"))) | .id] | join(",")' "resource.cv.junior.key_teachers_per100"
jqeq "D: seven school stages fail" '[.items[] | select(.status=="fail" and (.id|startswith("resource.school"))) ] | length' 7

# Values, thresholds and sources of named items.
run "verdict F json" 0 verdict "$DB" --county 369906 --year 2024 --format json
jqeq "F: pay ratio value" '.items[] | select(.id=="guarantee.8") | "\(.value) \(.threshold) \(.source)"' "0.97 1 reference §4 [A] S3"
jqeq "F: item keys" '.items[0] | keys_unsorted | join(",")' "part,id,name_zh,name_en,value,threshold,threshold_text,status,source,detail,label_zh,label_en,value_text_zh,value_text_en,threshold_text_zh,threshold_text_en,detail_zh,detail_en"
run "verdict G json" 0 verdict "$DB" --county 369907 --year 2024 --format json
jqeq "G: recognition rate" '.items[] | select(.id=="recognition") | .value * 10000 | round' 8217
jqeq "G: six groups" '.recognition_by_group | length' 6

# The example provincial standard (data/standards/example-province.std):
# 369901 passes nationally; the province raises special-education funds
# to 8,000, and 369901's 764,400 yuan for 98 pupils = 7,800 fails; it adds
# four vetoes the sample's records do not give (missing).
run "verdict example province" 0 verdict "$DB" --county 369901 --year 2024 --format json \
	--standard "$top/data/standards/example-province.std"
jqeq "province: verdict" '.verdict' fail
jqeq "province: failing" '[.items[] | select(.status=="fail") | .id] | join(",")' "guarantee.7"
jqeq "province: vetoes missing" '[.items[] | select(.status=="missing") | .id] | join(",")' \
	"veto.unfilled_posts,veto.safety_incident,veto.falsified_data,veto.off_campus_tutoring"

# Missing data is its own state.
run "incomplete 2023" 0 verdict "$DB" --county 369901 --year 2023 --format json
jqeq "A 2023: incomplete" '.verdict' incomplete
jqeq "A 2023: what is missing" '[.items[] | select(.status=="missing") | .id] | join(",")' "quality.9,recognition"

# Text for people, in both languages.
run "verdict text" 0 verdict "$DB" --county 369906 --year 2024
has "text: verdict" "$tmp/out" "369906 江州市梅山县 · 2024 年度 · 结论:未达到 ✘"
has "text: the failing item" "$tmp/out" "✘ 教师平均工资收入水平不低于当地公务员平均工资收入水平"
has "text: pay as a ratio in words" "$tmp/out" "实际 教师平均工资收入为当地公务员的 0.97 倍,要求 不低于公务员的 1 倍"
if grep -q "guarantee\.8" "$tmp/out"; then no "text: no ids without --ids"; else ok "text: no ids without --ids"; fi
run "verdict text --ids" 0 verdict "$DB" --county 369906 --year 2024 --ids
has "text --ids: the id" "$tmp/out" "✘ guarantee.8"
has "text: summary" "$tmp/out" "不达标 1 项,缺少数据 0 项。"
run "verdict english" 0 --lang en verdict "$DB" --county 369901 --year 2024
has "en: pass" "$tmp/out" "369901 江州市江城区 · 2024 · verdict: PASS ✔"

# Values as officials count them, and schools by name (issue 9).
run "verdict D text" 0 verdict "$DB" --county 369904 --year 2024
# 369904 was recognised in 2020: 2024 − 2020 = 4 years.
has "D: years since recognition" "$tmp/out" "实际 4 年(2020 年通过基本均衡认定),要求 ≥ 3 年"
has "D: levels as Ⅲ级" "$tmp/out" "(语文 Ⅲ级,差异率 0.068;数学 Ⅲ级,差异率 0.093;科学 Ⅳ级,差异率 0.076)"
has "D: money grouped" "$tmp/out" "实际 6,000 元,要求 ≥ 6,000 元"
has "D: item 3 names schools" "$tmp/out" "2136990442 云溪镇中心小学(15 个班:音乐教室 1 间、美术教室 3 间,各需 2 间)"
has "D: item 5 names schools" "$tmp/out" "2136990407 云岭县第二中学(初中最大班额 52 人 > 50 人)"
# Coefficients to 3 decimals (the JSON keeps 0.6497…).
has "D: coefficient to 3" "$tmp/out" "初中每百名学生拥有县级及以上骨干教师数校际差异系数  — 实际 0.650,要求 ≤ 0.45"
has "D: shortfall in words" "$tmp/out" "每百名学生拥有高于规定学历教师数 3.28 人/百生 < 4.2,且低于 85% 下限 3.57"
run "verdict D english" 0 --lang en verdict "$DB" --county 369904 --year 2024
has "D en: years" "$tmp/out" "value 4 years (recognised in 2020), required ≥ 3 years"
has "D en: grade in English" "$tmp/out" "value good, required ≥ good"
has "D en: yes/no in English" "$tmp/out" "value yes, required yes"
run "verdict D json" 0 verdict "$DB" --county 369904 --year 2024 --format json
jqeq "D json: county name" '.county_name' "江州市云岭县"
jqeq "D json: value stays the year" '.items[0].value' 2020
jqeq "D json: requirement per language" '.items[0] | "\(.threshold_text_zh)|\(.threshold_text_en)"' "≥ 3 年|≥ 3 years"
run "verdict csv" 0 verdict "$DB" --county 369906 --year 2024 --format csv
has "csv: Chinese header after the BOM" "$tmp/out" "$(printf '\357\273\277')县(市、区)代码,县(市、区)名称,年度,结论,方面,项目,结果,实际,要求,说明"
has "csv: the failing item" "$tmp/out" "369906,江州市梅山县,2024,未达到,政府保障程度,教师平均工资收入水平不低于当地公务员平均工资收入水平,不达标,教师平均工资收入为当地公务员的 0.97 倍,不低于公务员的 1 倍,"
if grep -q "guarantee\.8" "$tmp/out"; then no "csv: no ids without --ids"; else ok "csv: no ids without --ids"; fi
run "verdict csv --ids, all counties" 0 --lang en verdict "$DB" --year 2024 --format csv --ids
has "csv en: header" "$tmp/out" "county_code,county_name,year,verdict,part,item_id,item,status,value,requirement,detail"
has "csv en: the id" "$tmp/out" "369906,江州市梅山县,2024,fail,Government guarantee,guarantee.8,"
if [ "$(grep -c county_code "$tmp/out")" = 1 ]; then ok "csv: one header for all counties"; else no "csv: header repeated"; fi

# A stricter standard changes the verdict: teacher pay ratio ≥ 1.10 (A has 1.06).
printf 'base = national-2017\nid = strict\nguarantee.teacher_pay_ratio_min = 1.10\n' >"$tmp/strict.std"
run "verdict stricter" 0 verdict "$DB" --county 369901 --year 2024 --standard "$tmp/strict.std" --format json
jqeq "stricter: A fails pay" '[.items[] | select(.status=="fail") | .id] | join(",")' "guarantee.8"

# A local standard's figures are the ones the items name (zh and en).
printf 'base = national-2017\nid = s1800\nguarantee.school_size_max = 1800\nprerequisite.basic_balance_years = 4\n' >"$tmp/s1800.std"
run "verdict 1800" 0 verdict "$DB" --county 369901 --year 2024 --standard "$tmp/s1800.std" --format json
jqeq "1800: item 4 zh" '.items[] | select(.id=="guarantee.4") | .name_zh' "所有小学、初中规模不超过1800人,九年一贯制、十二年一贯制学校义务教育阶段规模不超过2500人"
jqeq "1800: item 4 en" '.items[] | select(.id=="guarantee.4") | .name_en' "Schools ≤ 1800 pupils; nine- and twelve-year schools ≤ 2500 in compulsory stages"
jqeq "1800: item 4 requirement" '.items[] | select(.id=="guarantee.4") | "\(.threshold) \(.threshold_text)"' "1800 ≤ 1800 / 2500 人"
jqeq "4 years: prerequisite" '.items[0] | "\(.name_zh) \(.threshold_text)"' "通过国家义务教育基本均衡发展认定四年以上 ≥ 4 年"

# A local standard cannot loosen through a definitional key.
printf 'base = national-2017\nid = loose\nteaching_point.min_students = 100000\ncompare.epsilon = 1e-3\n' >"$tmp/def.std"
run "definitional keys refused" 2 verdict "$DB" --county 369901 --year 2024 --standard "$tmp/def.std"
has "definitional: min_students" "$tmp/err" "def.std:第3行: “teaching_point.min_students”定义评估本身,地方标准不能更改(基础标准为 50)"
has "definitional: epsilon" "$tmp/err" "def.std:第4行: “compare.epsilon”定义评估本身,地方标准不能更改(基础标准为 1e-09)"
run "definitional keys refused (en)" 2 --lang en verdict "$DB" --county 369901 --year 2024 --standard "$tmp/def.std"
has "definitional en" "$tmp/err" "def.std:line 3: 'teaching_point.min_students' defines the evaluation itself; a local standard cannot change it (the base standard has 50)"

# A root file (no base) could set any figure: a program takes only files
# that refine the national standard.
sed -e 's/^compare.epsilon.*/compare.epsilon = 1e-3/' "$top/data/standards/national-2017.std" >"$tmp/root.std"
run "root standard refused" 2 verdict "$DB" --county 369901 --year 2024 --standard "$tmp/root.std"
has "root: message" "$tmp/err" "root.std: 标准文件须写明其基础标准(base = national-2017):地方标准只能在国家标准基础上从严"

# What-if: B's one school gets the equipment it lacks; the database is untouched.
code=$(jq -r '.items[] | select(.status=="fail") | .id' <<EOF2
$("$J" verdict "$DB" --county 369902 --year 2024 --format json)
EOF2
)
code=$(echo "$code" | sed 's/resource.school.\([0-9]*\).primary/\1/')
before=$(sha256sum "$DB" | cut -d' ' -f1)
printf 'action,school_code,field,value,target\nadd,%s,equipment_value_yuan,100000,\n' "$code" >"$tmp/plan.csv"
run "whatif" 0 whatif "$DB" --county 369902 --year 2024 --change "$tmp/plan.csv" --format json
jqeq "whatif: before fail" '.before.verdict' fail
jqeq "whatif: after pass" '.after.verdict' pass
jqeq "whatif: county named" '.county_name' "江州市安平县"
run "whatif text" 0 whatif "$DB" --county 369902 --year 2024 --change "$tmp/plan.csv"
has "whatif text" "$tmp/out" "变更前 未达到,变更后 达到"
has "whatif: the school moved" "$tmp/out" "✘ → ✔ $code 石桥镇中心小学(小学)"
run "whatif text --ids" 0 whatif "$DB" --county 369902 --year 2024 --change "$tmp/plan.csv" --ids
has "whatif --ids: the id" "$tmp/out" "✘ → ✔ resource.school.$code.primary"
if [ "$(sha256sum "$DB" | cut -d' ' -f1)" = "$before" ]; then ok "whatif leaves the database unchanged"; else no "whatif changed the database"; fi
printf 'action,school_code,field,value,target\nclose,%s,,,\n' "$code" >"$tmp/close.csv"
run "whatif close" 0 whatif "$DB" --county 369902 --year 2024 --change "$tmp/close.csv" --format json
jqeq "close: school gone" "[.after.items[] | select(.id|contains(\"$code\"))] | length" 0
printf 'action,school_code,field,value,target\nfly,%s,,,\nadd,%s,colour,1,\n' "$code" "$code" >"$tmp/bad.csv"
run "whatif bad" 2 whatif "$DB" --county 369902 --year 2024 --change "$tmp/bad.csv"
has "whatif bad: action" "$tmp/err" "bad.csv:第2行:第1列(action): 未知的操作“fly”(增加、设为、撤销、合并、转移)"
has "whatif bad: field" "$tmp/err" "bad.csv:第3行:第3列(field): 未知的字段“colour”"
run "whatif bad (en)" 2 --lang en whatif "$DB" --county 369902 --year 2024 --change "$tmp/bad.csv"
has "whatif bad en: action" "$tmp/err" "bad.csv:line 2:column 1(action): unknown action 'fly' (add, set, close, merge, move)"
# Moving a negative number of pupils is refused (it ran, and left
# 安平县城关第一小学 with 1778 - 5000 = -3222 pupils).
printf 'action,school_code,field,value,target\nmove,2136990201,students_primary,-5000,2136990202\n' >"$tmp/move.csv"
run "whatif negative move" 2 whatif "$DB" --county 369902 --year 2024 --change "$tmp/move.csv"
has "negative move: cell named" "$tmp/err" "move.csv:第2行:第4列(value): 转移的学生数“-5000”为负数"
run "whatif negative move (en)" 2 --lang en whatif "$DB" --county 369902 --year 2024 --change "$tmp/move.csv"
has "negative move en" "$tmp/err" "move.csv:line 2:column 4(value): the number of pupils to move, '-5000', is negative"
# A positive move of the same pupils still runs.
printf 'action,school_code,field,value,target\nmove,2136990201,students_primary,100,2136990202\n' >"$tmp/move.csv"
run "whatif move" 0 whatif "$DB" --county 369902 --year 2024 --change "$tmp/move.csv"
# A header the change file does not know is an error naming the column
# (`目标` was dropped silently: the move then had no target school).
printf 'action,school_code,field,value,目标\nmove,2136990201,students_primary,100,2136990202\n' >"$tmp/hdr.csv"
# A Chinese change file is answered in its own words: the column as its
# header names it, the move's field in Chinese.
printf '操作,学校标识码,字段,值,目标学校\n转移,2136990201,教学及辅助用房面积,-5,2136990202\n转移,2136990201,小学在校生数,-5,2136990202\n' >"$tmp/zhmove.csv"
run "whatif zh file" 2 whatif "$DB" --county 369902 --year 2024 --change "$tmp/zhmove.csv"
has "zh file: move field" "$tmp/err" "zhmove.csv:第2行:第3列(字段): 转移学生时字段应为小学在校生数、初中在校生数或高中在校生数(而非“教学及辅助用房面积”)"
has "zh file: negative move" "$tmp/err" "zhmove.csv:第3行:第4列(值): 转移的学生数“-5”为负数"
run "whatif unknown column" 2 whatif "$DB" --county 369902 --year 2024 --change "$tmp/hdr.csv"
has "unknown column named" "$tmp/err" "hdr.csv:第1行:第5列(目标): 变更文件中有未知的列“目标”"
run "whatif unknown column (en)" 2 --lang en whatif "$DB" --county 369902 --year 2024 --change "$tmp/hdr.csv"
has "unknown column en" "$tmp/err" "hdr.csv:line 1:column 5(目标): unknown column '目标' in the change file"

# Every county of a year at once.
run "verdict all counties" 0 verdict "$DB" --year 2024 --format json
jqeq "all: seven verdicts" '[.[] | "\(.county_code):\(.verdict)"] | join(" ")' \
	"369901:pass 369902:fail 369903:fail 369904:fail 369905:fail 369906:fail 369907:fail"
run "verdict all counties text" 0 verdict "$DB" --year 2023
has "all text: incomplete counted" "$tmp/out" "数据不全 1 个"

run "verdict unknown county" 2 verdict "$DB" --county 999999 --year 2024
run "verdict usage" 2 verdict "$DB" --county 369901

summary
