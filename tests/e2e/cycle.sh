#!/bin/sh
# cycle.sh — end-to-end tests of `junheng cycle`: a county-year through
# the workflow from the command line (show, submit, review with findings
# from a JSON file, refusals by state and input, late flags from the
# deadlines), its frozen snapshot served as stored and byte-identical
# after an edit of the data, the diff naming that edit, the city's notice
# in JSON and CSV, and the text in both languages.  JUNHENG_TODAY fixes
# the day.  Prints "e2e: N passed, N failed" last.
. "$(dirname "$0")/testlib.inc"
DB=$tmp/j.db

run "init" 0 init "$DB"
run "import 2024" 0 import "$DB" "$S/areas.csv" "$S/schools-2024.csv" "$S/county-2024.csv" "$S/survey-2024.csv" --who tester

export JUNHENG_TODAY=2025-02-20
run "show: untouched" 0 cycle "$DB" show --county 369904 --year 2024 --format json
jqeq "show: self_evaluation" .state self_evaluation
jqeq "show: version 1" .version 1
# Deadlines of cycle 2024: submission by February's end 2025 (28 days),
# review by Sep 30 2025 (data/cycle/deadlines.conf).
jqeq "show: submit due" '.steps[] | select(.step=="submit") | .due' 2025-02-28
jqeq "show: review due" '.steps[] | select(.step=="review") | .due' 2025-09-30
run "show: text (zh)" 0 cycle "$DB" show --county 369904 --year 2024
has "show: state named (zh)" "$tmp/out" "369904 云岭县 2024 年度:自评中(版本 1)"
run "show: text (en)" 0 --lang en cycle "$DB" show --county 369904 --year 2024
has "show: state named (en)" "$tmp/out" "369904 云岭县, 2024: self-evaluation (version 1)"
lacks() { if grep -qF -- "$3" "$2"; then no "$1: '$3' in output" "$(cat "$2")"; else ok "$1"; fi; }
lacks "show: no Chinese label in en" "$tmp/out" "期限"

run "review before submission: refused" 2 cycle "$DB" review --county 369904 --year 2024 --opinion x
has "review: the state named" "$tmp/err" "当前状态下不能执行“review”"
run "submit without explanation: refused" 2 cycle "$DB" submit --county 369904 --year 2024
run "submit: unknown county" 2 cycle "$DB" submit --county 369999 --year 2024 --explanation x
run "submit" 0 cycle "$DB" submit --county 369904 --year 2024 --explanation "8 所学校未达标,已列入整改" --who yunling --format json
jqeq "submit: submitted" .state submitted
jqeq "submit: version 2" .version 2
jqeq "submit: on time" '.events[0].late' false
jqeq "submit: who" '.events[0].who' yunling
jqeq "submit: snapshot 1" '.events[0].snapshot' 1
run "submit again: refused" 2 cycle "$DB" submit --county 369904 --year 2024 --explanation x
run "stale version: refused" 2 cycle "$DB" review --county 369904 --year 2024 --opinion x --version 1
has "stale version: named" "$tmp/err" "当前版本 2"

# The snapshot as stored; byte-identical after an edit of the data.
run "snapshot" 0 cycle "$DB" snapshot 1
cp "$tmp/out" "$tmp/snap1"
jqeq "snapshot: county" .county 369904
jqeq "snapshot: verdict fails" .verdict.verdict fail
jqeq "snapshot: 高坪乡中学 multimedia rooms 13" '.schools[] | select(.code=="2136990409") | .fields.multimedia_rooms' 13
run "edit a school" 0 set "$DB" --school 2136990409 --year 2024 multimedia_rooms=20 --who tester --why "更正"
run "snapshot after the edit" 0 cycle "$DB" snapshot 1
same "snapshot: unchanged by the edit" "$tmp/snap1" "$tmp/out"
run "diff" 0 cycle "$DB" diff 1
jqeq "diff: the school" '.schools[0].code' 2136990409
jqeq "diff: the field" '.schools[0].fields[0].key' multimedia_rooms
jqeq "diff: then" '.schools[0].fields[0].then' 13
jqeq "diff: now" '.schools[0].fields[0].now' 20

# Review with findings: a finding's day before today is refused (422).
export JUNHENG_TODAY=2025-09-01
printf '[{"what_zh":"音乐教室不足","school":"2136990409","deadline":"2025-08-01"}]' >"$tmp/f.json"
run "review: a past deadline refused" 2 cycle "$DB" review --county 369904 --year 2024 --opinion "限期整改" --findings "$tmp/f.json"
printf '[{"what_zh":"音乐教室不足","school":"2136990409","deadline":"2025-12-31"}]' >"$tmp/f.json"
run "review" 0 cycle "$DB" review --county 369904 --year 2024 --opinion "限期整改" --findings "$tmp/f.json" --who jiangzhou --format json
jqeq "review: reviewed" .state reviewed
jqeq "review: the opinion kept" '.events[1].note' 限期整改
run "apply while reviewed (findings open): refused" 2 cycle "$DB" apply --county 369904 --year 2024
has "apply: the state named" "$tmp/err" "当前状态:reviewed"
run "assess before applying: refused" 2 cycle "$DB" assess --county 369904 --year 2024 --decision forwarded

# A late submission: 369907 on March 1 2025.
export JUNHENG_TODAY=2025-03-01
run "late submit" 0 cycle "$DB" submit --county 369907 --year 2024 --explanation "迟报" --format json
jqeq "late submit: flagged" '.events[0].late' true
run "apply without a target year: refused" 2 cycle "$DB" apply --county 369907 --year 2024
has "apply: no target year" "$tmp/err" "申报用创建目标年份前一年的数据"

# The notice of 2025-03-10: every county but 369904 (on time) is late.
run "notice" 0 cycle "$DB" notice --area 369900 --date 2025-03-10 --format json
jqeq "notice: seven counties" '.counties | length' 7
jqeq "notice: six summoned" '.summoned | length' 6
jqeq "notice: 369904 not summoned" '.counties[] | select(.county=="369904") | .summoned' false
run "notice: csv (zh)" 0 cycle "$DB" notice --area 369900 --date 2025-03-10 --format csv
has "notice csv: header" "$tmp/out" "县代码,县名称,创建目标年份"
has "notice csv: 369901 late" "$tmp/out" "369901,江城区,,0,0,0,0,0,0,0,0,2024 年度上报自评和整改情况(期限 2025-02-28),是"
run "notice: csv (en)" 0 --lang en cycle "$DB" notice --area 369900 --date 2025-03-10 --format csv
has "notice csv: header (en)" "$tmp/out" "county_code,county_name,target_year"
lacks "notice csv (en): no Chinese header" "$tmp/out" "县代码"
run "notice: bad date" 2 cycle "$DB" notice --area 369900 --date 2025-02-30
run "notice: no area" 2 cycle "$DB" notice
summary
