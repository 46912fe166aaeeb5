#!/bin/sh
# demo-cycle.sh DB — the creation cycle of the sample city 江州市 (369900),
# played into DB through the command line only, so that `make demo`
# shows a living cycle: the 2024 county-years of data/sample already
# imported into DB.
#
# What it leaves (each step taken on its own day through JUNHENG_TODAY,
# so that the history reads as an office's year; the demonstration is
# then meant to be read on DEMO_TODAY, 2025-06-10, which `make demo`
# gives the server):
#
#   county            target  2024 verdict            workflow of 2024
#   369901 江城区      2025    passes                  assessed (forwarded to the province)
#   369902 安平县      2025    one school short of     applied: the school's equipment
#                             equipment (1650 < 1700  bought and the data corrected,
#                             yuan a pupil)           the item signed off on the data
#   369903 清溪县      2026    a coefficient           rectified: the city's finding signed off
#   369904 云岭县      2030    10 items                reviewed: findings open
#   369905 柳河县      2026    one school              submitted
#   369906 梅山县      2025    teachers' pay           self_evaluation, late: behind schedule
#   369907 新丰县      2027    social recognition      submitted late
#
# The target years follow the seed city's plan (three counties by 2025,
# two by 2026, one by 2027, one by 2030) and each county's verdict: the
# two that pass in 2024 (江城区; 安平县 after one purchase) and 梅山县,
# whose one shortfall is a budget line, by 2025; two single shortfalls by
# 2026; a survey to win back by 2027; 云岭县's seven school stages by 2030.
#
# Plans: the city sets each target year (version 1, 江州市教育督导室),
# the county files its milestones (version 2); on 2025-06-10 milestones of
# 2023 and 2024 read met or missed from the data and those of 2025 on are
# due.  City-wide targets: no school over the size limit (the 2022 one
# eliminated) and failing school stages brought down.
#
# Ledgers are generated from the 2024 verdicts of the six counties that
# fail, and items are moved into every state: in progress, awaiting
# sign-off, signed off on the data (安平县) and by people (findings), one
# under named supervision (梅山县's pay, 挂牌督办) and one overdue
# (云岭县's multimedia rooms, due 2025-04-30).
#
# Run it once on a fresh database (make demo recreates build/demo.db): a
# second run finds the plans there and does nothing.  Needs jq.
# JUNHENG=path picks the binary (default build/junheng).
set -eu
DB=${1:?usage: demo-cycle.sh DB}
top=$(cd "$(dirname "$0")/.." && pwd)
J=${JUNHENG:-$top/build/junheng}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CITY=江州市教育督导室

# on DAY: the day of the steps that follow.
on() { JUNHENG_TODAY=$1; export JUNHENG_TODAY; }
# jh ARGS...: one command; its output kept in $tmp/out, shown on failure.
jh() {
	if ! "$J" "$@" >"$tmp/out" 2>"$tmp/err"; then
		echo "demo-cycle.sh: junheng $* failed:" >&2
		cat "$tmp/err" "$tmp/out" >&2
		exit 1
	fi
}
say() { printf '  %s  %s\n' "$JUNHENG_TODAY" "$1"; }
# item COUNTY KEY: the id of the county's ledger item with that key.
item() {
	jh ledger "$DB" list --area "$1" --format json
	id=$(jq -r --arg k "$2" '.items[] | select(.key == $k) | .id' "$tmp/out")
	if [ -z "$id" ]; then
		echo "demo-cycle.sh: no ledger item $2 in $1" >&2
		exit 1
	fi
	echo "$id"
}
# work ID WHO STATUS DEADLINE MEASURE UNIT PERSON: the owner takes an item up.
work() {
	jh ledger "$DB" update --id "$1" --who "$2" --status "$3" --deadline "$4" \
		--measure "$5" --unit "$6" --person "$7"
}

if "$J" plan "$DB" show 369901 --format json >"$tmp/out" 2>/dev/null &&
   [ "$(jq -r '.version // 0' "$tmp/out")" != 0 ]; then
	echo "  (创建周期已在库中:不再重复)"
	exit 0
fi

# ---- creation plans -------------------------------------------------
on 2023-05-20
echo "== 创建方案:市定各县创建目标年度,各县报送时间表、路线图 =="
# target COUNTY YEAR: the city's version 1.
target() {
	printf '{"target_year":%s,"responsible":{"zh":"%s人民政府"},"milestones":[]}\n' "$2" "$3" >"$tmp/t.json"
	jh plan "$DB" set "$1" "$tmp/t.json" --who "$CITY" --why "市定创建目标年度"
}
target 369901 2025 江城区
target 369902 2025 安平县
target 369906 2025 梅山县
target 369903 2026 清溪县
target 369905 2026 柳河县
target 369907 2027 新丰县
target 369904 2030 云岭县
say "市定创建目标年度:2025 年 江城区、安平县、梅山县;2026 年 清溪县、柳河县;2027 年 新丰县;2030 年 云岭县"

on 2023-06-28
# file COUNTY WHO: the county's version 2 from $tmp/p.json.
file() {
	jh plan "$DB" set "$1" "$tmp/p.json" --who "$2" --why "县级创建方案(时间表、路线图)"
}
cat >"$tmp/p.json" <<'JSON'
{"target_year":2025,"responsible":{"zh":"江城区人民政府","en":"Jiangcheng district government"},
 "filed":"2023-06-28",
 "milestones":[
  {"year":2023,"targets":[{"measure":"failing_items","max":0}]},
  {"year":2024,"targets":[{"measure":"failing_items","max":0},{"measure":"rooms.multimedia","max":0}]},
  {"year":2025,"deadline":"2025-10-31","targets":[{"measure":"manual","label_zh":"迎接省级评估核查","label_en":"the province's assessment visit","done":false}]}]}
JSON
file 369901 江城区教育督导室
cat >"$tmp/p.json" <<'JSON'
{"target_year":2025,"responsible":{"zh":"安平县人民政府","en":"Anping county government"},
 "filed":"2023-06-26",
 "milestones":[
  {"year":2023,"targets":[{"measure":"failing_school_stages","max":1}]},
  {"year":2024,"targets":[{"measure":"failing_school_stages","max":0},{"measure":"large_schools","max":0}]},
  {"year":2025,"targets":[{"measure":"failing_items","max":0}]}],
 "school_measures":[{"school":"2136990212","measure":"补齐教学仪器设备,生均不低于 2000 元","unit":"安平县教育局装备股","person":"周明","letter_signed":true}]}
JSON
file 369902 安平县教育督导室
cat >"$tmp/p.json" <<'JSON'
{"target_year":2025,"responsible":{"zh":"梅山县人民政府","en":"Meishan county government"},
 "filed":"2023-06-30",
 "milestones":[
  {"year":2023,"targets":[{"measure":"failing_school_stages","max":0}]},
  {"year":2024,"targets":[{"measure":"item.guarantee.8","pass":true}]},
  {"year":2025,"targets":[{"measure":"failing_items","max":0}]}]}
JSON
file 369906 梅山县教育督导室
cat >"$tmp/p.json" <<'JSON'
{"target_year":2026,"responsible":{"zh":"清溪县人民政府","en":"Qingxi county government"},
 "filed":"2023-06-29",
 "milestones":[
  {"year":2024,"targets":[{"measure":"cv.primary.sports_area_per_student","max":0.5}]},
  {"year":2025,"targets":[{"measure":"cv.primary.sports_area_per_student","max":0.45},{"measure":"area.sports","max":0}]},
  {"year":2026,"targets":[{"measure":"failing_items","max":0}]}]}
JSON
file 369903 清溪县教育督导室
cat >"$tmp/p.json" <<'JSON'
{"target_year":2026,"responsible":{"zh":"柳河县人民政府","en":"Liuhe county government"},
 "filed":"2023-06-27",
 "milestones":[
  {"year":2023,"targets":[{"measure":"failing_school_stages","max":1}]},
  {"year":2024,"targets":[{"measure":"failing_school_stages","max":0}]},
  {"year":2025,"targets":[{"measure":"rooms.multimedia","max":0},{"measure":"teachers.pe_art","max":0}]},
  {"year":2026,"targets":[{"measure":"failing_items","max":0}]}],
 "school_measures":[{"school":"2136990504","measure":"增配体育、艺术教师 1 名,新建多媒体教室 1 间","unit":"柳河县教育局","person":"陈立","letter_signed":true}]}
JSON
file 369905 柳河县教育督导室
cat >"$tmp/p.json" <<'JSON'
{"target_year":2027,"responsible":{"zh":"新丰县人民政府","en":"Xinfeng county government"},
 "filed":"2023-06-30",
 "milestones":[
  {"year":2023,"targets":[{"measure":"large_schools","max":0}]},
  {"year":2024,"targets":[{"measure":"item.recognition","pass":true}]},
  {"year":2025,"targets":[{"measure":"failing_items","max":1}]},
  {"year":2027,"targets":[{"measure":"failing_items","max":0}]}]}
JSON
file 369907 新丰县教育督导室
cat >"$tmp/p.json" <<'JSON'
{"target_year":2030,"responsible":{"zh":"云岭县人民政府","en":"Yunling county government"},
 "filed":"2023-06-25",
 "milestones":[
  {"year":2023,"targets":[{"measure":"failing_school_stages","max":8}]},
  {"year":2024,"targets":[{"measure":"failing_school_stages","max":6},{"measure":"rooms.music","max":1}]},
  {"year":2025,"targets":[{"measure":"failing_school_stages","max":4},{"measure":"cv.junior.key_teachers_per100","max":0.55}]},
  {"year":2026,"targets":[{"measure":"failing_school_stages","max":2},{"measure":"rooms.multimedia","max":0}]},
  {"year":2028,"targets":[{"measure":"failing_school_stages","max":0},{"measure":"cv.junior.key_teachers_per100","max":0.45}]},
  {"year":2030,"targets":[{"measure":"failing_items","max":0}]}],
 "school_measures":[
  {"school":"2136990409","measure":"补充骨干教师 2 名,新建美术教室 1 间","unit":"云岭县教育局","person":"王建","letter_signed":true},
  {"school":"2136990436","measure":"补充教学仪器设备和多媒体教室","unit":"云岭县教育局","person":"李芳","letter_signed":false}]}
JSON
file 369904 云岭县教育督导室
say "七县创建方案报市备案(里程碑、责任单位、一校一策)"

# City-wide targets: the 2022 school over the size limit eliminated and no
# new one; failing school stages over the city brought down year by year.
cat >"$tmp/p.json" <<'JSON'
{"milestones":[
  {"year":2022,"targets":[{"measure":"large_schools","max":1}]},
  {"year":2023,"targets":[{"measure":"large_schools","max":0},{"measure":"failing_school_stages","max":10}]},
  {"year":2024,"targets":[{"measure":"large_schools","max":0},{"measure":"failing_school_stages","max":6}]},
  {"year":2025,"targets":[{"measure":"large_schools","max":0},{"measure":"failing_school_stages","max":4}]}]}
JSON
jh plan "$DB" set 369900 "$tmp/p.json" --who "$CITY" --why "全市大规模学校消除和薄弱学校改造目标"
say "全市目标:大规模学校清零且不新增;未达标学校(学段)逐年减少"

# ---- ledgers from the 2024 verdicts ---------------------------------
echo "== 工作台账:按 2024 年度结论逐项生成,销号管理 =="
on 2025-01-08
for c in 369902 369903 369904 369905 369906 369907; do
	jh ledger "$DB" generate --county $c --year 2024 --who "$CITY"
	say "$(head -n 1 "$tmp/out")"
done

on 2025-01-15
KEQ=resource.school.2136990212.primary#equipment_value_per_student
AP=$(item 369902 "$KEQ")
work "$AP" 安平县教育局 in_progress 2025-03-15 "采购教学仪器设备,生均达到 2000 元" 安平县教育局装备股 周明
QX=$(item 369903 resource.cv.primary.sports_area_per_student)
work "$QX" 清溪县教育局 in_progress 2025-12-31 "改扩建 3 所乡村小学运动场" 清溪县教育局基建股 刘强
LH=$(item 369905 resource.school.2136990504.primary#multimedia_rooms_per100)
work "$LH" 柳河县城关第三小学 in_progress 2025-08-31 "新建网络多媒体教室 1 间" 柳河县城关第三小学 赵敏
MS=$(item 369906 guarantee.8)
work "$MS" 梅山县教育局 in_progress 2025-06-30 "将教师工资差额列入 2025 年财政预算" 梅山县财政局 孙伟
XF=$(item 369907 recognition)
work "$XF" 新丰县教育局 in_progress 2025-10-31 "开展家长开放日和满意度回访" 新丰县教育局 吴静
GP=$(item 369904 resource.school.2136990409.junior#key_teachers_per100)
work "$GP" 高坪乡中学 in_progress 2025-08-31 "县级骨干教师到校任教 2 名" 云岭县教育局人事股 王建
GM=$(item 369904 resource.school.2136990409.junior#multimedia_rooms_per100)
work "$GM" 高坪乡中学 in_progress 2025-04-30 "新建网络多媒体教室 2 间" 高坪乡中学 黄磊
SM=$(item 369904 resource.school.2136990436.junior#equipment_value_per_student)
work "$SM" 石门乡中学 in_progress 2025-06-30 "补充实验仪器" 石门乡中学 林涛
say "各县认领整改事项:措施、责任单位、责任人、整改期限"

on 2025-02-10
jh ledger "$DB" update --id "$MS" --supervised 1 --note "教师工资连续两年低于公务员,市督导室挂牌督办" --who "$CITY"
say "梅山县教师工资事项列入挂牌督办"
printf '石门乡中学实验仪器到货验收清单(示例)\n' >"$tmp/清单.txt"
jh ledger "$DB" evidence --id "$SM" "$tmp/清单.txt" --type text/plain --who 石门乡中学
jh ledger "$DB" update --id "$SM" --status awaiting_signoff --who 石门乡中学 --note "仪器已到校,申请销号"
say "石门乡中学上传佐证材料,申请销号(待销号)"

# ---- the yearly workflow of 2024 ------------------------------------
echo "== 年度流程:2024 年度自评、上报、市级复核、整改、申报、评估 =="
submit() {
	jh cycle "$DB" submit --county "$1" --year 2024 --explanation "$2" --who "$3"
	say "$3上报 2024 年度自评和整改情况"
}
review() {
	if [ -n "${3:-}" ]; then
		jh cycle "$DB" review --county "$1" --year 2024 --opinion "$2" --findings "$3" --who "$CITY"
	else
		jh cycle "$DB" review --county "$1" --year 2024 --opinion "$2" --who "$CITY"
	fi
	say "市督导室复核 $1,出具督导评估意见书"
}
# close_findings COUNTY WHO: the county works on the ledger items the city's
# findings of cycle 2024 became (source finding) and asks for sign-off;
# the city signs them off (judged by people: findings have no data check).
close_findings() {
	jh ledger "$DB" list --area "$1" --format json
	for f in $(jq -r '.items[] | select(.source == "finding" and .cycle_year == 2024) | .id' "$tmp/out"); do
		jh ledger "$DB" update --id "$f" --status in_progress --who "$2"
		jh ledger "$DB" update --id "$f" --status awaiting_signoff --who "$2" --note "${3:-整改完成,申请销号}"
		jh ledger "$DB" signoff --id "$f" --who "$CITY"
	done
}

on 2025-01-15
submit 369901 "2024 年度各项指标均已达标,无未完成事项" 江城区教育督导室
on 2025-02-10
review 369901 "江城区 2024 年度各项指标达到优质均衡标准,同意按计划申报"
on 2025-02-18
submit 369902 "石桥镇中心小学生均教学仪器设备值未达 85% 下限,设备已招标,3 月到货" 安平县教育督导室
submit 369903 "小学体育运动场馆面积差异系数 0.511,3 所乡村小学运动场在建" 清溪县教育督导室
on 2025-02-20
jh cycle "$DB" rectify --county 369901 --year 2024 --note "无复核问题" --who 江城区教育督导室
say "江城区整改完成"
submit 369904 "7 所学校(学段)未达标,骨干教师、多媒体教室和专用教室缺口已列入台账" 云岭县教育督导室
submit 369905 "城关第三小学体育、艺术教师和多媒体教室不足,已列入 2025 年计划" 柳河县教育督导室
on 2025-03-05
submit 369907 "社会认可度 82.17%,家长和其他群众满意度偏低,已制定提升方案" 新丰县教育督导室

# 安平县: the city's review finds the equipment; the school buys it, the
# 2024 data is corrected (1,240,000 yuan for 620 pupils: 2,000 a pupil),
# the item is signed off on the data and the finding by the city.
on 2025-03-06
printf '[{"what_zh":"石桥镇中心小学教学仪器设备不足","what_en":"equipment short at Shiqiao central primary","school":"2136990212","measure":"3 月底前完成采购验收","deadline":"2025-03-25"}]\n' >"$tmp/f.json"
review 369902 "除石桥镇中心小学教学仪器设备外均达标,限期整改后申报" "$tmp/f.json"
on 2025-03-12
jh set "$DB" --school 2136990212 --year 2024 equipment_value_yuan=1240000 --who 安平县教育局 --why "新购教学仪器设备验收入账"
say "安平县更正石桥镇中心小学教学仪器设备值:1,023,000 → 1,240,000 元(生均 2,000 元)"
printf '石桥镇中心小学教学仪器设备验收单(示例)\n' >"$tmp/验收单.txt"
jh ledger "$DB" evidence --id "$AP" "$tmp/验收单.txt" --type text/plain --who 石桥镇中心小学
jh ledger "$DB" update --id "$AP" --status awaiting_signoff --who 安平县教育局
jh ledger "$DB" signoff --id "$AP" --who "$CITY"
say "石桥镇中心小学设备事项经数据核验销号"
close_findings 369902 安平县教育督导室
say "复核问题经市督导室核实销号"
on 2025-03-18
jh cycle "$DB" rectify --county 369902 --year 2024 --note "复核问题已全部销号" --who 安平县教育督导室
say "安平县整改完成"
on 2025-03-20
jh cycle "$DB" apply --county 369901 --year 2024 --note "申请市级评估" --who 江城区教育督导室
say "江城区申报优质均衡市级评估"
on 2025-03-26
jh cycle "$DB" apply --county 369902 --year 2024 --note "整改完成,申请市级评估" --who 安平县教育督导室
say "安平县申报优质均衡市级评估"

# 清溪县: a finding on the sports grounds' planning, corrected and signed off.
on 2025-04-08
printf '[{"what_zh":"乡村小学运动场改扩建未列入年度计划","what_en":"village primaries'"'"' sports grounds missing from the yearly plan","measure":"列入 2025 年县级建设计划","deadline":"2025-05-31"}]\n' >"$tmp/f.json"
review 369903 "体育运动场馆面积差异系数仍超标,改扩建须列入年度计划" "$tmp/f.json"
on 2025-05-06
close_findings 369903 清溪县教育督导室 "已列入县政府 2025 年重点建设项目"
jh cycle "$DB" rectify --county 369903 --year 2024 --note "复核问题已销号,运动场工程在建" --who 清溪县教育督导室
say "清溪县复核问题销号,整改完成"

on 2025-05-15
jh cycle "$DB" assess --county 369901 --year 2024 --decision forwarded --reasons "经数据监测、问卷调查和实地核查,达到优质均衡标准,报省级评估" --who "$CITY"
say "江城区通过市级评估,报省"

# 云岭县: the review's findings stay open (deadline 2025-09-30).
on 2025-05-20
cat >"$tmp/f.json" <<'JSON'
[{"what_zh":"高坪乡中学美术教室面积不足 90 平方米","what_en":"Gaoping middle school's art room under 90 m²","school":"2136990409","measure":"改建美术教室","deadline":"2025-09-30"},
 {"what_zh":"云岭县第二中学初中最大班额 52 人","what_en":"a junior class of 52 at Yunling No. 2 middle school","school":"2136990407","measure":"秋季学期分班,班额不超过 50 人","deadline":"2025-09-30"}]
JSON
review 369904 "骨干教师配置差异系数 0.650 超标,7 所学校(学段)未达标;两项问题限期整改" "$tmp/f.json"

echo
echo "== 演示日 2025-06-10 的局面(服务以 JUNHENG_TODAY=2025-06-10 运行) =="
on 2025-06-10
for c in 369901 369902 369903 369904 369905 369906 369907; do
	jh cycle "$DB" show --county $c --year 2024
	printf '  %s\n' "$(head -n 1 "$tmp/out")"
done
jh plan "$DB" timeline 369900
sed -n '1s/^/  /p; /^3699/s/^/  /p' "$tmp/out"
jh ledger "$DB" list --area 369900 --format json
jq -r '"  工作台账 \(.count) 项:" + ([.items | group_by(.status)[] | "\(.[0].status_name) \(length)"] | join(",")) +
	";挂牌督办 \([.items[] | select(.supervised)] | length) 项"' "$tmp/out"
jh ledger "$DB" list --area 369900 --overdue --format json
jq -r '"  逾期 \(.count) 项:" + ([.items[] | .what_zh] | join(";"))' "$tmp/out"
