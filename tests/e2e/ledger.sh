#!/bin/sh
# ledger.sh — end-to-end tests of `junheng ledger`: generation from the
# verdict of 云岭县 (369904) 2023 and again without duplicates; listing
# (text in zh and en, JSON, filters); adding by hand with the text and day
# checks; status moves; sign-off refused while the data shows the
# shortfall (the figure now named) and allowed after `junheng set`
# corrects it; the city's override with a reason; evidence with its
# SHA-256; reopening when the 2024 import brings the shortfall back; the
# clock stopped by JUNHENG_TODAY.  Prints "e2e: N passed, N failed" last.
. "$(dirname "$0")/testlib.inc"
DB=$tmp/l.db
export JUNHENG_TODAY=2024-06-15
KQ="resource.school.2136990410.primary#qualified_teachers_per100"

run "init" 0 init "$DB"
run "import 2023" 0 import "$DB" "$S/areas.csv" "$S/schools-2023.csv" "$S/county-2023.csv" "$S/survey-2023.csv"

# The verdict of 369904/2023 (test_ledger.c works the count out): 29
# school-stage indicators, 3 per-school rules, 1 coefficient, 1 county item.
run "generate" 0 ledger "$DB" generate --county 369904 --year 2023 --who 云岭县
has "generate: counts (zh)" "$tmp/out" "369904 2023:新增 34 项,更新 0 项,重开 0 项,未变 0 项"
run "generate again (en)" 0 --lang en ledger "$DB" generate --county 369904 --year 2023
has "generate again: nothing new" "$tmp/out" "369904 2023: 0 new, 0 refreshed, 0 reopened, 34 unchanged"
run "generate: JSON" 0 ledger "$DB" generate --county 369904 --year 2023 --format json
jqeq "generate JSON: 34 items" '.items | length' 34
jqeq "generate JSON: created 0" '.created' 0
run "generate: no data for 2020" 2 ledger "$DB" generate --county 369904 --year 2020
has "generate 2020: said why" "$tmp/err" "县 369904 在 2020 年没有数据,无法核验"
run "generate: not a county" 2 ledger "$DB" generate --county 369900 --year 2023
has "generate city code: said" "$tmp/err" "369900 不是已存储的县"

run "list: JSON" 0 ledger "$DB" list --area 369904 --format json
jqeq "list: 34" '.count' 34
jqeq "list: today" '.today' 2024-06-15
jqeq "list: the qualified-teacher item's figure" ".items[] | select(.key == \"$KQ\") | .figure" 3.12
ID=$(jq -r ".items[] | select(.key == \"$KQ\") | .id" "$tmp/out")
PE=$(jq -r '.items[] | select(.key == "resource.school.2136990410.primary#pe_art_teachers_per100") | .id' "$tmp/out")
run "list: text (zh)" 0 ledger "$DB" list --area 369904 --school 2136990410
has "list text: status and figure" "$tmp/out" "#$ID  待整改  -  369904 2136990410"
has "list text: figure" "$tmp/out" "[现值 3.12;要求 ≥ 4.2 (85%: 3.57)]"
has "list text: count" "$tmp/out" "共 2 项"
run "list: text (en)" 0 --lang en ledger "$DB" list --area 369904 --school 2136990410
has "list text (en): status" "$tmp/out" "#$ID  open  -"
has "list text (en): words" "$tmp/out" "teachers above the required qualification per 100 students 3.12"
run "list: unknown status" 2 ledger "$DB" list --status closed

# Refusals exit 2 (bad input, a conflict with what is stored: nothing done).
# By hand: checks first, nothing stored when refused.
run "add: bad day" 2 ledger "$DB" add --county 369904 --what 围墙 --deadline 2024-02-30
has "add bad day: said" "$tmp/err" "整改期限“2024-02-30”不是日期"
run "add: school of another county" 2 ledger "$DB" add --county 369904 --school 2136990101 --what 围墙
has "add other county's school: said" "$tmp/err" "学校 2136990101 不属于县 369904"
run "add" 0 ledger "$DB" add --county 369904 --school 2136990410 --what 围墙破损 --what-en "broken wall" --deadline 2024-06-30 --measure 修缮围墙 --who 云岭县
has "add: said" "$tmp/out" "已添加事项 #35(manual.35)"
run "list after add" 0 ledger "$DB" list --area 369904 --format json
jqeq "35 items" '.count' 35

# Moves of the status.
run "open → awaiting: refused" 2 ledger "$DB" update --id "$ID" --status awaiting_signoff
has "move refused: said" "$tmp/err" "台账事项不能从“open”改为“awaiting_signoff”"
run "open → in_progress" 0 ledger "$DB" update --id "$ID" --status in_progress --who 乌石小学
has "in progress: said" "$tmp/out" "事项 #$ID:整改中,版本 2"
run "stale version" 2 ledger "$DB" update --id "$ID" --version 1 --measure x
has "stale version: said" "$tmp/err" "提交的版本 1,当前版本 2"
run "in_progress → awaiting" 0 ledger "$DB" update --id "$ID" --status awaiting_signoff --measure 招聘合格教师 --deadline 2024-08-31
# Sign-off on the data: 10 / 321 × 100 = 3.12 < 4.2.
run "signoff: refused on the data" 2 ledger "$DB" signoff --id "$ID" --who 云岭县
has "signoff refused: the figure" "$tmp/err" "当前数据仍未达标:现值 3.12,要求 ≥ 4.2 (85%: 3.57),不能销号"
run "signoff refused (en)" 2 --lang en ledger "$DB" signoff --id "$ID"
has "signoff refused (en): the figure" "$tmp/err" "the current data still shows the shortfall: 3.12 now, ≥ 4.2 (85%: 3.57) required"
# Corrected: 14 / 321 × 100 = 4.36.
run "set qualified teachers" 0 set "$DB" --school 2136990410 --year 2023 qualified_teachers_primary=14 --why 更正学历统计
run "signoff: allowed now" 0 ledger "$DB" signoff --id "$ID" --who 云岭县
has "signoff: said with the figure" "$tmp/out" "事项 #$ID 已销号(2023 年数据:4.36)"
run "signoff again: refused" 2 ledger "$DB" signoff --id "$ID"
has "signoff again: said" "$tmp/err" "台账事项 $ID 已销号"
# The override, whatever the data: the reason is recorded.
run "override" 0 ledger "$DB" signoff --id "$PE" --override 已列入2024年招聘计划 --who 江州市
run "show: JSON" 0 ledger "$DB" show --id "$PE" --format json
jqeq "override: status" '.item.status' signed_off
jqeq "override: reason" '.item.override_reason' 已列入2024年招聘计划
jqeq "override: event" '.events[-1].detail.override_reason' 已列入2024年招聘计划
jqeq "override: judged too" '.events[-1].detail.closed' false

# Evidence: SHA-256 of "abc\n" is edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb.
printf 'abc\n' > "$tmp/photo.txt"
run "evidence" 0 ledger "$DB" evidence --id 35 "$tmp/photo.txt" --type text/plain --who 乌石小学
has "evidence: hash" "$tmp/out" "edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb"
run "show: evidence listed" 0 ledger "$DB" show --id 35 --format json
jqeq "evidence: size" '.evidence[0].size' 4
jqeq "evidence: uploader" '.evidence[0].who' 乌石小学
run "show: text" 0 ledger "$DB" show --id "$ID"
has "show text: history" "$tmp/out" "status open → in_progress"
has "show text: sign-off" "$tmp/out" "signed_off awaiting_signoff → signed_off"

# Overdue on 2024-07-01: the item added by hand (due 2024-06-30).
JUNHENG_TODAY=2024-07-01 run "overdue" 0 ledger "$DB" list --area 369904 --overdue --format json
jqeq "overdue: one" '.count' 1
jqeq "overdue: the hand-made one" '.items[0].key' manual.35

# 2024: the school's qualified teachers are short again (3.28 < 4.2) and
# P.E./art too (0.66 < 0.9): both signed-off items reopen on import.
run "import 2024" 0 import "$DB" "$S/schools-2024.csv" "$S/county-2024.csv"
has "import: reopened" "$tmp/out" "工作台账:2 项已销号事项问题重现,已重开"
run "reopened item" 0 ledger "$DB" show --id "$ID" --format json
jqeq "reopened: status" '.item.status' reopened
jqeq "reopened: year" '.item.year' 2024
jqeq "reopened: figure" '.item.figure' 3.28
run "reopened → in_progress" 0 ledger "$DB" update --id "$ID" --status in_progress

run "usage" 2 ledger "$DB"
run "help" 0 ledger --help
has "help: zh" "$tmp/out" "工作台账"
summary
