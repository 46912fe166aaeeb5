#!/bin/sh
# cli.sh — end-to-end tests of the junheng command on good and bad files.
# Prints "e2e: N passed, N failed" last.  $JUNHENG is the binary to test.
. "$(dirname "$0")/testlib.inc"

# --- good input --------------------------------------------------------
run "eval text" 0 eval "$F/small.csv"
has "text: county verdict" "$tmp/out" "县(市、区) 110101 · 2024 年度 · 资源配置:未达标 ✘"
has "text: failing junior section named" "$tmp/out" "[初中] 1101010004 实验学校,学生 210,达标 4/7"
has "text: teaching point left out" "$tmp/out" "1101010005 下湾教学点(30人,不足规定人数的教学点,不参评)"
has "text: floor breach named" "$tmp/out" "生均教学仪器设备值 1,699.00 元/生 < 2,000,且低于 85% 下限 1,700 ✘"
has "text: summary" "$tmp/out" "共 2 个县·年度,达标 0 个,未达标 2 个"

run "eval english" 0 --lang en eval "$F/small.csv"
has "en: verdict" "$tmp/out" "County 110101 · 2024 · resource allocation: FAIL ✘"
has "en: summary" "$tmp/out" "2 county-years: 0 pass, 2 fail"

run "eval json" 0 eval "$F/small.csv" --format json
# Primary: 500+400+166 = 1066 pupils in 3 units (the 30-pupil point is out).
jqeq "json: primary students" '.counties[0].stages.primary.students' 1066
jqeq "json: primary schools" '.counties[0].stages.primary.schools' 3
# Nine-year split: primary share 166/(166+1.1×210) = 166/397.
jqeq "json: split share" '.counties[0].schools[] | select(.school_code=="1101010004" and .stage=="primary") | .split_share | . * 1e6 | round' 418136
# 南山: 170000/100 = 1700 = the 85% floor: passes; 北山 1699: fails.
jqeq "json: at floor passes" '.counties[1].schools[0].passes' true
jqeq "json: under floor fails" '.counties[1].schools[1].shortfalls[0].kind' below_floor
jqeq "json: under floor value" '.counties[1].schools[1].indicators.equipment_value_per_student' 1699
jqeq "json: cv limit" '.counties[0].stages.junior.cv_limit' 0.45
jqeq "json: standard id" '.standard.id' national-2017

run "eval filter" 0 eval "$F/small.csv" --county 110102 --year 2024 --format json
jqeq "filter: one county" '.counties | length' 1
run "eval filter nothing" 2 eval "$F/small.csv" --county 999999
has "filter nothing: message" "$tmp/err" "没有符合条件的学校数据"

run "eval csv" 0 eval "$F/small.csv" --format csv --headers en
has "csv: header" "$tmp/out" "record,county_code,year,stage,school_code"
has "csv: school row" "$tmp/out" "school,110102,2024,primary,1101020002,北山小学,primary,evaluated,100,"
# In Chinese by default; a reason with a comma is quoted (30 pupils < 50:
# the teaching point is left out).
run "eval csv zh" 0 eval "$F/small.csv" --format csv
has "csv zh: header" "$tmp/out" "记录,县(市、区)代码,年度,学段,学校标识码"
has "csv zh: school row" "$tmp/out" "学校,110102,2024,小学,1101020002,北山小学,小学,参评,100,"
has "csv zh: quoted reason" "$tmp/out" ',下湾教学点,教学点,"不足规定人数的教学点,不参评",30,'
run "eval csv: --headers fr refused" 2 eval "$F/small.csv" --format csv --headers fr

# GB18030 with Chinese headers gives the same result as UTF-8.
sed -e '1s/.*/学校标识码,学校名称,县(市、区)代码,年度,办学类型,所属中心校,小学在校生数,初中在校生数,高中在校生数,小学高于规定学历教师数,初中高于规定学历教师数,小学县级及以上骨干教师数,初中县级及以上骨干教师数,小学体育、艺术(美术、音乐)专任教师数,初中体育、艺术(美术、音乐)专任教师数,小学专任教师数,初中专任教师数,教学及辅助用房面积,体育运动场馆面积,教学仪器设备值,网络多媒体教室数,城乡类型/' \
	"$F/small.csv" | iconv -f UTF-8 -t GB18030 >"$tmp/gb.csv"
"$J" eval "$F/small.csv" --format csv >"$tmp/utf8.out" 2>&1
run "eval gb18030" 0 eval "$tmp/gb.csv" --format csv
if sed 's/gb\.csv/x/' "$tmp/out" | cmp -s - "$tmp/utf8.out"; then ok "gb18030 = utf-8 result"; else no "gb18030 result differs"; fi
# UTF-8 with BOM too.
printf '\357\273\277' >"$tmp/bom.csv"; cat "$F/small.csv" >>"$tmp/bom.csv"
run "eval utf-8 bom" 0 eval "$tmp/bom.csv" --format csv
if cmp -s "$tmp/out" "$tmp/utf8.out"; then ok "bom = plain result"; else no "bom result differs"; fi

# A stricter local standard: primary equipment 2200.
run "stricter standard" 0 eval "$F/small.csv" --standard "$F/strict.std" --format json
jqeq "strict: threshold applied" '.standard.thresholds.primary.equipment_value_per_student' 2200
jqeq "strict: inherits junior" '.standard.thresholds.junior.equipment_value_per_student' 2500
jqeq "strict: 西关 800000/400 = 2000 < 2200 now" '.counties[0].schools[] | select(.school_code=="1101010002") | .shortfalls[0].indicator' equipment_value_per_student

# The sample city: seven counties, each 2024 verdict as designed
# (data/sample/README.md).
run "sample 2024" 0 eval "$S/schools-2024.csv" --format json
jqeq "sample: verdicts" '[.counties[] | "\(.county_code):\(.passes)"] | join(" ")' \
	"369901:true 369902:false 369903:false 369904:false 369905:false 369906:true 369907:true"
jqeq "sample B: one school under a floor" '[.counties[1].schools[] | select(.passes==false) | .shortfalls[] | .kind] | join(",")' below_floor
jqeq "sample C: only the primary sports CV fails" '[.counties[2].stages.primary.cv_pass | to_entries[] | select(.value==false) | .key] | join(",")' sports_area_per_student
jqeq "sample C: no school fails" '[.counties[2].schools[] | select(.passes==false)] | length' 0
jqeq "sample E: 5 of 7" '[.counties[4].schools[] | select(.passes==false) | .met] | join(",")' 5
# Compact JSON in one line, shortest numbers (the national 4.2 and 0.9,
# not 4.2000000000000002 and 0.90000000000000002); --pretty is the same
# document one value a line.  The sample city's report (~600 KB) crosses
# many of the writer's 64 KiB chunks.
run "sample json all years" 0 eval "$S"/schools-*.csv --format json
cp "$tmp/out" "$tmp/compact.json"
if [ "$(wc -l <"$tmp/compact.json")" -eq 1 ]; then ok "json: one line"; else no "json: not one line"; fi
has "json: 4.2 as 4.2" "$tmp/compact.json" '"qualified_teachers_per100":4.2,'
has "json: 0.9 as 0.9" "$tmp/compact.json" '"pe_art_teachers_per100":0.9,'
run "sample json pretty" 0 eval "$S"/schools-*.csv --format json --pretty
has "pretty: indented" "$tmp/out" '    "qualified_teachers_per100": 4.2,'
jq -cS . "$tmp/compact.json" >"$tmp/c.norm"
jq -cS . "$tmp/out" >"$tmp/p.norm"
same "pretty = compact" "$tmp/c.norm" "$tmp/p.norm"
# A write that fails (a full disk) is an error, not a silent short file.
if [ -w /dev/full ]; then
	"$J" eval "$S"/schools-*.csv --format csv >/dev/full 2>"$tmp/err"
	if [ $? = 1 ]; then ok "full disk: exit 1"; else no "full disk: exit not 1"; fi
	has "full disk: said" "$tmp/err" "写出结果失败"
fi
run "sample gb18030 2024" 0 eval "$S/gb18030/schools-2024.csv" --format csv
sed 's#gb18030/##' "$tmp/out" >"$tmp/gb.out"
"$J" eval "$S/schools-2024.csv" --format csv >"$tmp/u.out"
if cmp -s "$tmp/gb.out" "$tmp/u.out"; then ok "sample gb18030 = utf-8"; else no "sample gb18030 differs"; fi
# Counties named from an area table among the files (issue 9).
run "sample named" 0 eval "$S/areas.csv" "$S/schools-2024.csv" --county 369902
has "named: heading" "$tmp/out" "369902 江州市安平县 · 2024 年度 · 资源配置:未达标 ✘"
has "named: summary column" "$tmp/out" "369902    江州市安平县      2024"
# 石桥镇中心小学 2024: 1,023,000 yuan / 620 pupils = 1,650.00 < 2,000 and under 1,700.
has "named: money grouped" "$tmp/out" "生均教学仪器设备值 1,650.00 元/生 < 2,000,且低于 85% 下限 1,700 ✘"
run "sample named json" 0 eval "$S/areas.csv" "$S/schools-2024.csv" --format json
jqeq "named json: county_name" '[.counties[] | .county_name] | join(",")' "江州市江城区,江州市安平县,江州市清溪县,江州市云岭县,江州市柳河县,江州市梅山县,江州市新丰县"
run "sample all years" 0 eval "$S"/schools-*.csv --county 369907
has "sample G: failed in 2022" "$tmp/out" "369907    2022"
has "sample G: passes 2024" "$tmp/out" "共 3 个县·年度,达标 1 个,未达标 2 个"

# --- bad input ---------------------------------------------------------
run "bad file" 2 eval "$F/bad.csv"
has "bad: not a number" "$tmp/err" "bad.csv:第3行:第7列(students_primary): “四百”不是数字"
has "bad: duplicate" "$tmp/err" "bad.csv:第4行:第1列(school_code): 学校 1101010001 在同一年度重复出现(另见 $F/bad.csv:2)"
has "bad: negative" "$tmp/err" "bad.csv:第5行:第19列(sports_area_m2): “-1”为负数"
has "bad: teachers exceed" "$tmp/err" "bad.csv:第5行:第11列(qualified_teachers_junior): “qualified_teachers_junior”大于“teachers_junior”"
has "bad: short row" "$tmp/err" "bad.csv:第6行: 本行只有 4 个字段,表头有 21 个"
has "bad: nothing evaluated" "$tmp/err" "输入有错误,未进行评估"
if [ ! -s "$tmp/out" ]; then ok "bad: no output"; else no "bad: printed a result"; fi
run "bad file english" 2 --lang en eval "$F/bad.csv"
has "bad en: not a number" "$tmp/err" "bad.csv:line 3:column 7(students_primary): '四百' is not a number"

# A good file and a bad one: nothing is evaluated.
run "good + bad" 2 eval "$F/small.csv" "$F/bad.csv"

# GB18030 with an error: the message shows the decoded Chinese header.
sed -e '3s/,400,/,4x0,/' "$tmp/gb.csv" >"$tmp/gbbad.csv"
run "bad gb18030" 2 eval "$tmp/gbbad.csv"
has "bad gb18030: decoded header" "$tmp/err" "gbbad.csv:第3行:第7列(小学在校生数): “4x0”不是数字"

# Neither UTF-8 nor GB18030.
printf 'school_code\200\377\n' >"$tmp/bin.csv"
run "binary file" 2 eval "$tmp/bin.csv"
has "binary: encoding" "$tmp/err" "bin.csv: 文件既不是 UTF-8 也不是 GB18030 编码"

# A UTF-8 BOM does not hide NUL bytes (it used to skip the check): the
# sample file with a BOM, a NUL in line 3.
{ printf '\357\273\277'; sed -e '3s/,/,\x0/' "$F/small.csv"; } >"$tmp/bomnul.csv"
run "BOM + NUL" 2 eval "$tmp/bomnul.csv"
has "BOM + NUL: encoding" "$tmp/err" "bomnul.csv: 文件既不是 UTF-8 也不是 GB18030 编码"
{ printf '\357\273\277'; cat "$F/small.csv"; } >"$tmp/bom.csv"
run "BOM alone" 0 eval "$tmp/bom.csv"

run "missing file" 2 eval "$tmp/nope.csv"
has "missing: named in Chinese" "$tmp/err" "nope.csv: 文件不存在"
run "missing file (en)" 2 --lang en eval "$tmp/nope.csv"
has "missing: named in English" "$tmp/err" "nope.csv: no such file"
run "missing database" 2 eval "$tmp/nope.db"
has "missing database: init" "$tmp/err" "数据库 $tmp/nope.db 不存在;请先运行 junheng init $tmp/nope.db 创建"
run "a directory" 2 eval "$tmp"
has "a directory: said" "$tmp/err" "无法读取该文件(是目录,或读取出错)"

# Limits (include/junheng/io.h), stated in the messages that enforce them.
# 10,000 extra columns: refused, not stored.
awk 'NR == 1 { printf "%s", $0; for (i = 1; i <= 10000; i++) printf ",备注%d", i; print ""; next }
     { printf "%s", $0; for (i = 1; i <= 10000; i++) printf ",x"; print "" }' "$F/small.csv" >"$tmp/wide.csv"
run "10,000 extra columns" 2 eval "$tmp/wide.csv"
# small.csv's columns + 10,000 = the count named.
cols=$(($(head -1 "$F/small.csv" | tr ',' '\n' | wc -l) + 10000))
has "10,000 columns: said with the limit" "$tmp/err" "wide.csv:第1行: 表头有 $cols 列,超过上限 256 列"
# A header cell of 1 MB.
{ head -1 "$F/small.csv" | tr -d '\n'; printf ',%s\n' "$(head -c 1048576 /dev/zero | tr '\0' 'a')"; tail -n +2 "$F/small.csv"; } >"$tmp/bighdr.csv"
run "1 MB header cell" 2 eval "$tmp/bighdr.csv"
has "1 MB header: said with the limit" "$tmp/err" "表头单元格有 1048576 个字符,超过上限 200 个字符"
# A cell over 100,000 characters, counted in characters: 40,000 × 中 is
# 120,000 bytes but 40,000 characters, which is allowed.
big=$(head -c 100001 /dev/zero | tr '\0' 'a')
awk -v b="$big" -F, 'BEGIN { OFS = "," } NR == 2 { $2 = b } { print }' "$F/small.csv" >"$tmp/bigcell.csv"
run "a cell of 100,001 characters" 2 eval "$tmp/bigcell.csv"
has "big cell: place and limit" "$tmp/err" "bigcell.csv:第2行:第2列: 单元格有 100001 个字符,超过上限 100000 个字符"
zh=$(awk 'BEGIN { for (i = 0; i < 40000; i++) printf "中" }')
awk -v b="$zh" 'NR == 1 { print $0 ",备注"; next } NR == 2 { print $0 "," b; next } { print $0 "," }' "$F/small.csv" >"$tmp/zhcell.csv"
run "40,000 Chinese characters are allowed" 0 eval "$tmp/zhcell.csv"
truncate -s 300M "$tmp/huge.csv"
run "a 300 MB file" 2 eval "$tmp/huge.csv"
has "300 MB: said with the limit" "$tmp/err" "huge.csv: 文件过大(300 MB;上限 256 MB),未读取"
run "not a template" 2 eval "$F/small.csv" "$F/strict.std"
has "not a template: named" "$tmp/err" "strict.std: 找不到表头行"
head -3 "$F/small.csv" >"$tmp/q.csv"; printf '1101010009,"未闭合,110101\n' >>"$tmp/q.csv"
run "unterminated quote" 2 eval "$tmp/q.csv"
has "quote: place" "$tmp/err" "q.csv:第4行:第2列: 引号未闭合"
run "looser standard" 2 eval "$F/small.csv" --standard "$F/loose.std"
has "looser: message" "$tmp/err" "loose.std:第3行: “cv_limit.primary”比基础标准(0.5)宽松;地方标准只能从严"
run "unknown option" 2 eval "$F/small.csv" --colour
run "bad format" 2 eval "$F/small.csv" --format pdf
run "bad year" 2 eval "$F/small.csv" --year 20x4
run "no files" 2 eval
run "unknown command" 2 evaluate
run "help" 0 --help
has "help: lists eval" "$tmp/out" "eval"
# Every command's help: usage, options and an example, in one language.
for c in eval init import set delete history export verdict gaps whatif; do
	run "$c --help" 0 "$c" --help
	has "$c --help: usage" "$tmp/out" "用法:junheng $c"
	has "$c --help: example" "$tmp/out" "示例:"
	if grep -q "usage\|options\|example" "$tmp/out"; then no "$c --help: English words in Chinese help"; else ok "$c --help: Chinese only"; fi
	run "$c --help (en)" 0 --lang en "$c" --help
	has "$c --help en: usage" "$tmp/out" "usage: junheng $c"
	has "$c --help en: example" "$tmp/out" "example"
	if LC_ALL=C grep -q "$(printf '[\344-\351]')" "$tmp/out" && ! grep -q "办学类型\|junheng .* 张三\|\"2024" "$tmp/out"; then
		no "$c --help en: Chinese in English help"; else ok "$c --help en: no stray Chinese"; fi
done
run "eval --help: options with units" 0 eval --help
has "eval help: --as-of local day" "$tmp/out" "当地时间"
run "gaps --help: units" 0 gaps --help
has "gaps help: units" "$tmp/out" "教师:名;面积:平方米;设备:元;教室:间"
run "whatif --help: the change file" 0 whatif --help
has "whatif help: columns" "$tmp/out" "action(操作)"
run "set --help: Chinese names" 0 set --help
has "set help: Chinese column names" "$tmp/out" "办学类型=初级中学"
run "usage on error" 2 --lang en history "$tmp/x.db"
has "usage on error: english" "$tmp/err" "usage: junheng history DB --school CODE|--county CODE"
has "usage on error: points to --help" "$tmp/err" "'junheng history --help' describes every option"

# --- the spreadsheets offices really have (issue 9) -----------------------
# The 2024 sample as an office keeps it (tools/gen_office.c): merged title,
# Chinese headers with units, numbers as text, 2024年, 完全小学, "/" for
# stages not offered, a 合计 row and a footer.  Imported over the
# CSV-loaded database it records no change: it is the same data.
"$J" init "$tmp/office.db" >/dev/null 2>&1
"$J" import "$tmp/office.db" "$S"/*.csv --who t --why csv >/dev/null 2>&1
run "office workbook over the CSV" 0 import "$tmp/office.db" "$S/schools-2024-office.xlsx" --who t --why office
has "office workbook: no change" "$tmp/out" "无变化:312 行与库中数据相同"
has "office workbook: total row skipped with a notice" "$tmp/err" "提示:“合计”行是合计行,已跳过(不计入数据)"
has "office workbook: footer skipped" "$tmp/err" "是表尾(制表人、审核人等),已跳过"
run "office workbook en" 0 --lang en import "$tmp/office.db" "$S/schools-2024-office.xlsx" --who t --why office
has "office workbook en: total row" "$tmp/err" "note: '合计' is a total row: skipped"
# The office CSV fixture evaluates as small.csv does.
"$J" eval "$F/small.csv" --format json >"$tmp/small.json" 2>/dev/null
run "office csv eval" 0 eval "$F/office.csv" --format json
if [ "$(jq -c '.counties' "$tmp/out")" = "$(jq -c '.counties' "$tmp/small.json")" ]; then
	ok "office csv = small.csv result"; else no "office csv result differs"; fi
has "office csv: notes right of the table" "$tmp/err" "视为备注,已忽略"
run "office csv refusals" 2 eval "$F/office-bad.csv"
has "refusal: dash for an offered stage" "$tmp/err" "该校办学类型有这个学段,此格不能为空或填“/”:请填写 0 或实际数字"
has "refusal: ambiguous type lists the accepted" "$tmp/err" "办学类型“一贯制学校”无法识别(可填:小学、初级中学"
run "office csv refusals en" 2 --lang en eval "$F/office-bad.csv"
has "refusal en: dash" "$tmp/err" "enter 0 or the number"
# Big5 is refused in Chinese, saying how to save the file.
run "big5 refused" 2 eval "$F/big5.csv"
has "big5: message" "$tmp/err" "文件是繁体中文 Big5 编码,不能读取"
# Excel's Unicode text (UTF-16, tabs).
run "unicode text" 0 eval "$F/office-utf16.txt" --format json
jqeq "unicode text: schools" '.counties[0].schools | length' 2

# An old .xls workbook (tools/make_xls_fixture.py), through libfreexl.
run "xls workbook" 0 eval "$F/schools.xls" --format json
jqeq "xls: primary pupils 500 + 400" '.counties[0].stages.primary.students' 900
has "xls: total row skipped" "$tmp/err" "提示:“合计”行是合计行"
printf 'not a workbook' >"$tmp/bad.xls"
run "xls: not a workbook" 2 eval "$tmp/bad.xls"
has "xls: message" "$tmp/err" "不是有效的 XLS 文件"

# A survey platform's export: its own columns ignored with a notice each.
"$J" init "$tmp/survey.db" >/dev/null 2>&1
"$J" import "$tmp/survey.db" "$S/areas.csv" --who t --why areas >/dev/null 2>&1
run "survey platform export" 0 import "$tmp/survey.db" "$F/survey-platform.csv" --who t --why survey
has "survey platform: 序号 ignored" "$tmp/err" "提示:列“序号”不是问卷题目,已忽略"
has "survey platform: stored" "$tmp/out" "条县级年度指标新增或变更"

# eval refuses a header that looks like a template column, as import
# does, and takes the same declaration of extras.
awk 'NR == 1 { print $0 ",小学最大班级人数"; next } { print $0 ",40" }' "$F/small.csv" >"$tmp/typo.csv"
run "eval: near-miss header refused" 2 eval "$tmp/typo.csv"
has "eval: near-miss suggestion" "$tmp/err" "是否应为「小学最大班额」"
run "eval: --extra-columns declares it" 0 eval "$tmp/typo.csv" --extra-columns 小学最大班级人数
run "eval: --allow-extra" 0 eval "$tmp/typo.csv" --allow-extra

# A school name over the 255 bytes a name takes: refused, the limit said.
long=$(printf '长%.0s' $(seq 1 90))
awk -v n="$long" -F, 'BEGIN { OFS = "," } NR == 2 { $2 = n } { print }' "$F/small.csv" >"$tmp/longname.csv"
run "name too long" 2 eval "$tmp/longname.csv"
has "name too long: limit said" "$tmp/err" "此格的值过长:最多 255 字节(一个汉字占 3 字节),请缩短"
run "name too long (en)" 2 --lang en eval "$tmp/longname.csv"
has "name too long (en): limit said" "$tmp/err" "this value is too long: at most 255 bytes"

summary
