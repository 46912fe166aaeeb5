#!/bin/sh
# report.sh — end-to-end tests of `junheng report` (issue 13) on the
# database `make demo` builds: the sample imported on the demo's import
# day, the office's workbook over it, the creation cycle of
# scripts/demo-cycle.sh (云岭县 369904's 2024 reviewed by the city), read
# on the demonstration's day 2025-06-10.
#
#   - every kind: exit 0, the file whole under its name (no FILE.tmp-*
#     left), its magic (PK\x03\x04 for XLSX and a zip that unzip -t
#     reads; %PDF- for PDF); the same bytes through --out - (stdout);
#   - each PDF: pdftotext finds the area's name and the document's title,
#     pdffonts lists CJK fonts, every font embedded; pdftoppm renders its
#     first page to tests/out/report-KIND.png for a person to look at;
#   - refused with the reason, exit 2, nothing written (not even a
#     FILE.tmp-*), and a file already there left as it was: an unknown
#     kind, --out with the wrong extension, --format not the kind's, a
#     county without data, an unknown county, --school missing for a
#     profile, a school of another county, the review of a county-year
#     the city never reviewed; the English reason with --lang en.
#
# A kind whose builder has not landed yet (its lib/report file still the
# foundation's stub, first line PENDING; a PDF kind also needs pdf.c)
# is refused by the library with "没有“KIND”这种报表": that refusal, with
# nothing written, is what is checked for it until it lands.
# Prints "e2e: N passed, N failed" last.
. "$(dirname "$0")/testlib.inc"
DB=$tmp/demo.db
FAST=${JUNHENG_FAST:-$J}
OUT=$top/tests/out
mkdir -p "$OUT"

# ready KIND: 0 when the kind's builder (and for a PDF the engine) is there.
src_of() {
	case $1 in
	application) echo application.c ;; county) echo book_county.c ;; city) echo book_city.c ;;
	ledger) echo book_ledger.c ;; template) echo book_template.c ;;
	self-evaluation) echo self_evaluation.c ;; review) echo review.c ;;
	notice) echo notice.c ;; school) echo school.c ;;
	esac
}
ext_of() {
	case $1 in self-evaluation|review|notice|school) echo pdf ;; *) echo xlsx ;; esac
}
ready() {
	head -n 3 "$top/lib/report/$(src_of "$1")" | grep -q PENDING && return 1
	[ "$(ext_of "$1")" = xlsx ] && return 0
	! head -n 3 "$top/lib/report/pdf.c" | grep -q PENDING
}
# magic FILE BYTES: the file starts with those bytes (printf escapes)
magic() {
	want=$(printf "$2" | od -An -tx1 | tr -d ' \n')
	got=$(head -c "$(printf "$2" | wc -c)" "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')
	[ -n "$want" ] && [ "$want" = "$got" ]
}
# nothing_in DIR NAME: DIR holds no file (the refusals write nothing)
nothing_in() {
	left=$(ls -A "$1")
	if [ -z "$left" ]; then ok "$2: nothing written"; else no "$2: left behind: $left"; fi
}

# The database as make demo builds it (Makefile run-demo).
export JUNHENG_TODAY=2025-01-06
run "init" 0 init "$DB"
run "import the sample" 0 import "$DB" "$S"/*.csv --who 演示 --why 示例数据
run "import the office's workbook" 0 import "$DB" "$S/schools-2024-office.xlsx" --who 演示 --why 办公室工作簿
if JUNHENG="$FAST" "$top/scripts/demo-cycle.sh" "$DB" >"$tmp/demo.out" 2>&1; then
	ok "demo-cycle.sh"
else
	no "demo-cycle.sh failed" "$(tail -n 20 "$tmp/demo.out")"
fi
export JUNHENG_TODAY=2025-06-10
run "369904/2024 reviewed by the city (the review opinion's record)" 0 cycle "$DB" show --county 369904 --year 2024 --format json
jqeq "369904/2024: reviewed" .state reviewed

# Every kind: what it is about, the name pdftotext must find, its title.
mkdir "$tmp/docs"
for spec in \
	"application 369904 -" "county 369904 -" "ledger 369904 -" "template 369904 -" \
	"self-evaluation 369904 - 云岭县 自评报告" "review 369904 - 云岭县 督导评估意见书" \
	"city 369900 -" "notice 369900 - 江州市 通报" "school 369904 2136990409 高坪乡中学 学校概况"; do
	set -- $spec
	# (not "name": testlib.inc's run sets that)
	kind=$1 area=$2 school=$3 doc_name=${4:-} title=${5:-}
	ext=$(ext_of "$kind")
	f=$tmp/docs/$kind.$ext
	sarg=
	[ "$school" != - ] && sarg="--school $school"
	# (codes hold no space: $sarg split on purpose)
	set -- report "$DB" --county "$area" --year 2024 --kind "$kind" --out "$f" $sarg
	if ! ready "$kind"; then
		run "$kind: pending, refused" 2 "$@"
		has "$kind: pending: the reason" "$tmp/err" "没有“$kind”这种报表"
		[ -e "$f" ] && no "$kind: pending: a file was written" || ok "$kind: pending: no file"
		continue
	fi
	run "$kind: made" 0 "$@"
	base=$(basename "$f")
	left=$(ls -A "$tmp/docs" | grep -F "$base.tmp-" || true)
	[ -z "$left" ] && ok "$kind: no $base.tmp-* left" || no "$kind: left behind: $left"
	if [ "$ext" = xlsx ]; then
		magic "$f" 'PK\003\004' && ok "$kind: PK\\x03\\x04" || no "$kind: not a zip" "$(head -c 16 "$f" | od -c | head -2)"
		unzip -tq "$f" >"$tmp/unzip" 2>&1 && ok "$kind: unzip -t reads it" || no "$kind: unzip -t" "$(cat "$tmp/unzip")"
		unzip -l "$f" | grep -q 'xl/workbook.xml' && ok "$kind: a workbook (xl/workbook.xml)" || no "$kind: no xl/workbook.xml"
	else
		magic "$f" '%%PDF-' && ok "$kind: %PDF-" || no "$kind: not a PDF" "$(head -c 16 "$f" | od -c | head -2)"
		if pdftotext -layout "$f" "$tmp/text" 2>"$tmp/perr"; then
			has "$kind: pdftotext finds $doc_name" "$tmp/text" "$doc_name"
			has "$kind: pdftotext finds the title $title" "$tmp/text" "$title"
		else
			no "$kind: pdftotext failed" "$(cat "$tmp/perr")"
		fi
		# pdffonts: a header, a line of dashes whose groups give the
		# columns, then one font a line; emb is the fourth column.
		pdffonts "$f" >"$tmp/fonts" 2>&1
		awk 'NR == 2 { n = split($0, g, " "); p = 1; for (i = 1; i <= n; i++) { s[i] = index(substr($0, p), g[i]) + p - 1; w[i] = length(g[i]); p = s[i] + w[i] } }
		     NR > 2 { e = substr($0, s[4], w[4]); gsub(/ /, "", e); print e " " $1 }' "$tmp/fonts" >"$tmp/emb"
		grep -q 'CJK' "$tmp/emb" && ok "$kind: pdffonts lists CJK fonts" || no "$kind: no CJK font" "$(cat "$tmp/fonts")"
		if [ -s "$tmp/emb" ] && ! grep -qv '^yes ' "$tmp/emb"; then ok "$kind: every font embedded"; else
			no "$kind: a font not embedded" "$(cat "$tmp/fonts")"; fi
		rm -f "$OUT/report-$kind.png"
		if pdftoppm -png -r 60 -f 1 -l 1 -singlefile "$f" "$OUT/report-$kind" 2>"$tmp/perr" &&
		   magic "$OUT/report-$kind.png" '\211PNG'; then
			ok "$kind: page 1 rendered to tests/out/report-$kind.png"
		else
			no "$kind: pdftoppm" "$(cat "$tmp/perr")"
		fi
	fi
	# The same bytes on standard output (XLSX: but the time it was made,
	# which libxlsxwriter writes; a PDF's text).
	"$J" report "$DB" --county "$area" --year 2024 --kind "$kind" --out - $sarg >"$tmp/stdout.$ext" 2>"$tmp/err"
	if [ "$ext" = xlsx ]; then
		unzip -p "$f" xl/workbook.xml >"$tmp/w1"; unzip -p "$tmp/stdout.$ext" xl/workbook.xml >"$tmp/w2" 2>/dev/null
		same "$kind: --out - writes the same workbook" "$tmp/w1" "$tmp/w2"
	else
		pdftotext "$f" "$tmp/t1"; pdftotext "$tmp/stdout.$ext" "$tmp/t2" 2>/dev/null
		same "$kind: --out - writes the same document" "$tmp/t1" "$tmp/t2"
	fi
done

# Refusals: exit 2, the reason, nothing written in $tmp/bad, and a file
# already there untouched.
mkdir "$tmp/bad"
refuse() {
	label=$1 reason=$2
	shift 2
	run "$label: refused" 2 "$@"
	has "$label: the reason" "$tmp/err" "$reason"
	nothing_in "$tmp/bad" "$label"
}
refuse "unknown kind" "没有“budget”这种报表" \
	report "$DB" --county 369904 --year 2024 --kind budget --out "$tmp/bad/x.xlsx"
refuse "--out .pdf for a workbook" "报表格式“pdf”不可用:这种报表只生成 xlsx" \
	report "$DB" --county 369904 --year 2024 --kind application --out "$tmp/bad/a.pdf"
refuse "--out .xlsx for a PDF" "报表格式“xlsx”不可用:这种报表只生成 pdf" \
	report "$DB" --county 369900 --year 2024 --kind notice --out "$tmp/bad/n.xlsx"
refuse "--format pdf of a workbook" "报表格式“pdf”不可用" \
	report "$DB" --county 369904 --year 2024 --kind county --format pdf --out "$tmp/bad/c.xlsx"
refuse "--out without an extension" "报表格式“”不可用" \
	report "$DB" --county 369904 --year 2024 --kind county --out "$tmp/bad/county"
refuse "school without --school" "报表“school”需要指定 school" \
	report "$DB" --county 369904 --year 2024 --kind school --out "$tmp/bad/s.pdf"
refuse "application with --school" "报表“application”不接受 school" \
	report "$DB" --county 369904 --year 2024 --kind application --school 2136990409 --out "$tmp/bad/a.xlsx"
refuse "an unknown county" "找不到 369999" \
	report "$DB" --county 369999 --year 2024 --kind county --out "$tmp/bad/u.xlsx"
refuse "a school of another county" "找不到 2136990301" \
	report "$DB" --county 369904 --year 2024 --kind school --school 2136990301 --out "$tmp/bad/o.pdf"
refuse "--lang en: the reason in English" "the report 'school' needs school" \
	--lang en report "$DB" --county 369904 --year 2024 --kind school --out "$tmp/bad/s.pdf"
if ready application; then
	# 369904 has no data of 2021: the county-year is named.
	refuse "a county without data (369904, 2021)" "369904" \
		report "$DB" --county 369904 --year 2021 --kind application --out "$tmp/bad/n.xlsx"
	refuse "a city's code for a county's form" "369900" \
		report "$DB" --county 369900 --year 2024 --kind application --out "$tmp/bad/c.xlsx"
	# Made, but the directory does not exist: nothing half written.
	run "--out in a missing directory: refused" 1 report "$DB" --county 369904 --year 2024 \
		--kind application --out "$tmp/bad/none/a.xlsx"
	has "--out in a missing directory: the reason" "$tmp/err" "无法写入 $tmp/bad/none/a.xlsx"
	nothing_in "$tmp/bad" "--out in a missing directory"
fi
if ready review; then
	# 柳河县 369905's 2024 was submitted, never reviewed: no opinion to make.
	refuse "review of a county-year never reviewed" "369905/2024 尚无市级复核记录" \
		report "$DB" --county 369905 --year 2024 --kind review --out "$tmp/bad/r.pdf"
fi
# A file already there stays as it was when the request is refused.
printf 'old\n' >"$tmp/keep.xlsx"
run "refused over an existing file" 2 report "$DB" --county 369999 --year 2024 --kind county --out "$tmp/keep.xlsx"
printf 'old\n' >"$tmp/keep.want"
same "the existing file is untouched" "$tmp/keep.xlsx" "$tmp/keep.want"
[ -z "$(ls -A "$tmp" | grep -F 'keep.xlsx.tmp-')" ] && ok "no keep.xlsx.tmp-* left" || no "keep.xlsx.tmp-* left"

summary
