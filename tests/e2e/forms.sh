#!/bin/sh
# forms.sh — the forms offices fill (lib/core/form.c): two schools' forms
# and a county form imported and evaluated, the refusals naming sheet and
# row, a folder of workbooks, and the blank forms (`junheng template`)
# filled and imported back.  Fixtures: tests/data/forms (tests/gen_forms.c).
. "$(dirname "$0")/testlib.inc"
FD=$top/tests/data/forms
GEN=$top/build/gen_forms
db=$tmp/f.db

run "init" 0 init "$db"
run "import two school forms and a county form" 0 import "$db" "$S/areas.csv" \
	"$FD/school-forms.xlsx" "$FD/county-form.xlsx" --who 测试 --why 填报表
has "two school-years" "$tmp/out" "修订 1:2 行(新增 2"
# 16 records: the county form's item rows but 代码, 名称, 年度.
has "sixteen county-year records" "$tmp/out" "16 条县级年度指标新增或变更"
# 180 万元 in the form: 1,800,000 元 stored, and the note saying so.
has "万元 converted, said at the row" "$tmp/err" "school-forms.xlsx[实验小学]:第62行:第4列(教学仪器设备值)"

# Evaluated, by hand:
#   实验小学 (primary, 900 pupils): 高于规定学历 58/900×100 = 6.444…,
#   设备 1,800,000/900 = 2,000 元, 多媒体 20/900×100 = 2.222… (< 2.3: the
#   one indicator short, 6 of 7 met: the school passes);
#   第二中学 (junior, 1,200): 教学用房 6,200/1,200 = 5.1666… < 5.8,
#   体育场馆 10,800/1,200 = 9 < 10.2, 设备 3,600,000/1,200 = 3,000 元:
#   5 of 7, it fails.
run "eval the county" 0 eval "$db" --county 369901 --year 2024 --format json
jqeq "primary qualified per 100" '.counties[0].stages.primary.mean.qualified_teachers_per100' 6.444444444444445
jqeq "primary equipment per pupil" '.counties[0].stages.primary.mean.equipment_value_per_student' 2000
jqeq "primary multimedia per 100" '.counties[0].stages.primary.mean.multimedia_rooms_per100' 2.2222222222222223
jqeq "junior teaching area" '.counties[0].stages.junior.mean.teaching_area_per_student' 5.166666666666667
jqeq "junior sports area" '.counties[0].stages.junior.mean.sports_area_per_student' 9
jqeq "junior equipment per pupil" '.counties[0].stages.junior.mean.equipment_value_per_student' 3000
jqeq "one school fails" '.counties[0].stages.junior.schools_failing' 1
jqeq "none in primary" '.counties[0].stages.primary.schools_failing' 0

# The county form's records: pay in 万元 → 元; the ratio 126,000 ÷
# 120,000 = 1.05 ≥ 1.
run "verdict" 0 verdict "$db" --county 369901 --year 2024
has "pay from the form in 元" "$tmp/out" "教师 126,000 元,公务员 120,000 元,比值 1.05"
has "a rate given as 5 with unit %" "$tmp/out" "实际 5.00%"
# Special-education funds 96 万元 = 960,000 元 over 120 pupils: the
# verdict computes 960,000 ÷ 120 = 8,000 元 per pupil from the counts,
# ≥ 6,000 nationally and ≥ 8,000 under the example provincial standard.
has "special-education ratio from the form's counts" "$tmp/out" "实际 8,000 元(960,000 元 ÷ 120 人),要求 ≥ 6,000 元"
run "verdict, example province" 0 verdict "$db" --county 369901 --year 2024 --standard "$top/data/standards/example-province.std"
has "the province's 8,000 floor met exactly" "$tmp/out" "✔ 特殊教育学校生均公用经费不低于8,000元"
run "history of the county" 0 history "$db" --county 369901
has "special-education funds 96 万元 stored in 元" "$tmp/out" "960000"

# Refusals: sheet, row and column named; nothing imported.
db2=$tmp/g.db
run "init 2" 0 init "$db2"
run "a wrong unit is refused" 2 import "$db2" "$S/areas.csv" "$FD/school-form-bad-unit.xlsx"
has "unit named at sheet, row, column" "$tmp/err" \
	"school-form-bad-unit.xlsx[第二中学]:第35行:第4列(教学仪器设备值): 单位“平方米”不对,该项目的单位是“万元”"
run "a missing required row is refused" 2 import "$db2" "$S/areas.csv" "$FD/school-form-missing-row.xlsx"
has "missing row named after the row before it" "$tmp/err" \
	"school-form-missing-row.xlsx[实验小学]:第60行:第3列: 缺少必填项目“网络多媒体教室数”"
run "--lang en names the same row" 2 --lang en import "$db2" "$S/areas.csv" "$FD/school-form-missing-row.xlsx"
has "English message" "$tmp/err" "[实验小学]:line 60:column 3: the required item '网络多媒体教室数' is missing"
run "nothing was imported" 0 history "$db2" --revisions
if grep -q "修订 1\|^ *1 " "$tmp/out"; then no "a refused import left a revision" "$(cat "$tmp/out")"; else ok "no revision"; fi

# A folder of workbooks: all of them, or nothing.
mkdir -p "$tmp/forms" "$tmp/forms-bad"
cp "$FD/school-forms.xlsx" "$FD/county-form.xlsx" "$tmp/forms/"
cp "$FD/school-forms.xlsx" "$FD/school-form-bad-unit.xlsx" "$tmp/forms-bad/"
touch "$tmp/forms/~\$school-forms.xlsx" "$tmp/forms/说明.docx"
run "a folder with a bad workbook imports nothing" 2 import "$db2" "$S/areas.csv" "$tmp/forms-bad"
has "the bad one named" "$tmp/err" "forms-bad/school-form-bad-unit.xlsx[第二中学]:第35行"
run "a folder imports every workbook in it" 0 import "$db2" "$S/areas.csv" "$tmp/forms"
has "both schools from the folder" "$tmp/out" "2 行(新增 2"
has "and the county form" "$tmp/out" "16 条县级年度指标"
run "an empty folder is refused" 2 import "$db2" "$tmp/forms-bad/none" 
mkdir -p "$tmp/empty"
run "a folder without tables is refused" 2 import "$db2" "$tmp/empty"

# The blank forms, written whole; a filled one imports back.
db3=$tmp/h.db
run "init 3" 0 init "$db3"
run "blank school form" 0 template school --out "$tmp/blank.xlsx"
run "blank county form in English" 0 --lang en template county --out "$tmp/county-en.xlsx"
unzip -p "$tmp/county-en.xlsx" xl/sharedStrings.xml >"$tmp/ss" 2>/dev/null
has "English header" "$tmp/ss" "<t>Item</t>"
if grep -q "填报项目" "$tmp/ss"; then no "Chinese in the English form"; else ok "one language per file"; fi
run "template --help" 0 template --help
has "help: usage" "$tmp/out" "用法:junheng template school|county"
run "a wrong extension is refused" 2 template school --out "$tmp/blank.pdf"
if [ -e "$tmp/blank.pdf" ]; then no "a refused form left a file"; else ok "no file written"; fi
run "an unknown form is refused" 2 template city --out "$tmp/x.xlsx"
run "an unfilled form is refused at its rows" 2 import "$db3" "$S/areas.csv" "$tmp/blank.xlsx"
has "the first required row named" "$tmp/err" "blank.xlsx[学校填报表]:第4行:第5列(学校名称): 必填值为空"
"$GEN" fill "$tmp/blank.xlsx" "$tmp/filled.xlsx" || no "gen_forms fill failed"
run "the filled blank form imports" 0 import "$db3" "$S/areas.csv" "$tmp/filled.xlsx"
has "one school-year" "$tmp/out" "1 行(新增 1"
# School A's figures again: 1,800,000 元 ÷ 900 = 2,000; 58 ÷ 900 × 100.
run "eval the filled form" 0 eval "$db3" --county 369901 --year 2024 --format json
jqeq "filled: equipment per pupil" '.counties[0].stages.primary.mean.equipment_value_per_student' 2000
jqeq "filled: qualified per 100" '.counties[0].stages.primary.mean.qualified_teachers_per100' 6.444444444444445

summary
