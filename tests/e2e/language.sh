#!/bin/sh
# language.sh — one language per output (issue 9 §3).  Runs every
# command's output for people on the sample city, in Chinese and in
# English, and fails on
#   zh: an ASCII identifier — a run of two or more ASCII letters or
#       underscores (`qualified_teachers_per100`, `years`, `primary`);
#   en: a CJK character (Han, CJK punctuation, full-width forms);
# outside what the user gave.  What the user gave is taken out first:
#   - names and notes of the sample files (school, province, city and
#     county names; county-year notes), read from the files themselves;
#   - text the messages quote (“…” in Chinese, '…' in English): a value
#     from the user's file; and a column's header as the file writes it
#     (第7列(students_primary), column 7(学生数));
#   - the names given to --who and --why;
#   - SHA-256 digests (hexadecimal, not words);
#   - file paths and the command lines the user types (`junheng init`,
#     `--county`), which are what the user runs, not words.
# The allow-list of ASCII words in Chinese output is kept tiny:
#   SHA (the file digest the history shows, a standard's name),
#   CSV and XLSX (file formats, named as Excel names them).
# Commands another part of issue 9 is still changing are listed with
# `expect_fail` (a TODO naming that part): they are run and reported,
# but their failure is not counted until they land.
# Prints "e2e: N passed, N failed" last.
. "$(dirname "$0")/testlib.inc"
DB=$tmp/l.db
FAST=${JUNHENG_FAST:-$J}

# The user's own strings: every name and note of the sample's files.
perl -CSD -e '
	my %want = map { $_ => 1 } qw(school_name province_name city_name county_name note);
	for my $f (@ARGV) {
		open(my $h, "<:encoding(UTF-8)", $f) or next;
		my ($hdr, @cols);
		while (my $line = <$h>) {
			$line =~ s/^\x{FEFF}//;
			$line =~ s/\r?\n$//;
			my @c;
			while ($line =~ /\G(?:"((?:[^"]|"")*)"|([^,]*))(,|$)/g) {
				my $v = defined $1 ? $1 : $2;
				$v =~ s/""/"/g;
				push @c, $v;
				last if $3 eq "";
			}
			if (!$hdr) { $hdr = 1; @cols = @c; next; }
			for my $i (0 .. $#c) {
				print "$c[$i]\n" if $want{$cols[$i] // ""} && length $c[$i];
			}
		}
	}' "$S"/*.csv | { cat; printf '张三\n样例数据\n'; } | sort -u | awk '{ print length($0) "\t" $0 }' | sort -rn | cut -f2- >"$tmp/names"

# scan LANG NAME FILE: the check itself; prints the offending lines.
scan() {
	perl -CSD -e '
		use utf8;
		my ($lang, $names, $tmp) = @ARGV[0 .. 2];
		open(my $n, "<:encoding(UTF-8)", $names) or die;
		chomp(my @names = <$n>);
		my %allow = map { $_ => 1 } qw(SHA CSV XLSX);
		my $bad = 0;
		while (my $line = <STDIN>) {
			my $s = $line;
			$s =~ s/\Q$tmp\E[^\s:：,，)）]*//g;          # paths under the test directory
			for my $x (@names) { $s =~ s/\Q$x\E//g; }
			$s =~ s/“[^”]*”//g;                          # quoted user input (zh)
			$s =~ s/(?:列|column \d+)\([^)]*\)//g;        # a header as the file has it
			$s =~ s/\b[0-9a-f]{16,}\b//g;                 # digests
			$s =~ s/\x27[^\x27]*\x27//g;                 # quoted user input (en)
			$s =~ s{(?:[\w.-]*/)+[\w.-]+}{}g;            # paths
			$s =~ s/[\w-]+\.(?:csv|xlsx|xls|db|std|cost|txt)\b//g;
			$s =~ s/junheng(?:\s+[a-z]+)?//g;            # the command the user types
			$s =~ s/--[a-z][a-z-]*//g;                   # its options
			my @hits;
			if ($lang eq "zh") {
				@hits = grep { !$allow{$_} } ($s =~ /[A-Za-z_]{2,}/g);
			} else {
				@hits = ($s =~ /[\p{Han}\x{3000}-\x{303F}\x{FF01}-\x{FF60}]+/g);
			}
			if (@hits) {
				$bad++;
				print "  [@hits] $line" if $bad <= 8;
			}
		}
		exit($bad ? 1 : 0);
	' "$1" "$tmp/names" "$tmp" <"$3"
}

# check LANG NAME FILE [expect_fail TODO]: one output in one language.
check() {
	lang=$1; name=$2; file=$3; todo=${4:-}
	if [ ! -s "$file" ]; then no "$name: no output"; return; fi
	if found=$(scan "$lang" "$name" "$file"); then
		if [ -n "$todo" ]; then ok "$name (was expected to fail: $todo — enable it)"; else ok "$name"; fi
	elif [ -n "$todo" ]; then
		echo "todo - $name: expected to fail until $todo"
		echo "$found" | head -3
	else
		no "$name: $lang output in another language" "$found"
	fi
}

# todo PART LANG NAME ARGS...: out, expected to fail until PART lands.
todo() { TODO=$1; shift; out "$@"; TODO=; }
TODO=

# out LANG NAME ARGS...: run a command, check its stdout and stderr together.
out() {
	lang=$1; name=$2; shift 2
	if [ "$lang" = en ]; then "$J" --lang en "$@" >"$tmp/o" 2>&1; else "$J" "$@" >"$tmp/o" 2>&1; fi
	check "$lang" "$lang $name" "$tmp/o" "${TODO:-}"
}

# The check itself catches what issue 9 found (so that it cannot pass by
# reading nothing), and lets names and quoted input through.
printf '  ✔ 通过认定三年以上  — 实际 2020,要求 ≥ 3 年 / years\n' >"$tmp/p1"
printf '  (qualified_teachers_per100 3.28 < 4.2 (< 3.57))\n' >"$tmp/p2"
printf '  — value 良好, required ≥ 良好\n' >"$tmp/p3"
printf '  ✘ 2136990410 高坪乡乌石小学(小学):未知的字段“colour”\n' >"$tmp/p4"
printf '  ✘ 2136990410 高坪乡乌石小学 (primary): unknown field '"'"'颜色'"'"'\n' >"$tmp/p5"
if scan zh planted "$tmp/p1" >/dev/null; then no "planted: an English word in Chinese passed"; else ok "planted: an English word in Chinese is caught"; fi
if scan zh planted "$tmp/p2" >/dev/null; then no "planted: an id in Chinese passed"; else ok "planted: an id in Chinese is caught"; fi
if scan en planted "$tmp/p3" >/dev/null; then no "planted: Chinese in English passed"; else ok "planted: Chinese in English is caught"; fi
if scan zh planted "$tmp/p4" >/dev/null; then ok "planted: names and quoted input pass (zh)"; else no "planted: a name or quoted input was flagged (zh)"; fi
if scan en planted "$tmp/p5" >/dev/null; then ok "planted: names and quoted input pass (en)"; else no "planted: a name or quoted input was flagged (en)"; fi

"$FAST" init "$DB" >/dev/null
"$J" import "$DB" "$S"/*.csv --who 张三 --why 样例数据 >"$tmp/import.out" 2>&1
check zh "zh import" "$tmp/import.out"
"$FAST" init "$tmp/en.db" >/dev/null
"$J" --lang en import "$tmp/en.db" "$S"/*.csv --who Zhang --why sample >"$tmp/import.out" 2>&1
check en "en import" "$tmp/import.out"

for lang in zh en; do
	out $lang "eval" eval "$S"/*.csv
	out $lang "eval database" eval "$DB" --county 369904 --year 2024
	for c in 369901 369902 369903 369904 369905 369906 369907; do
		out $lang "verdict $c" verdict "$DB" --county $c --year 2024
	done
	out $lang "verdict 2023 (missing data)" verdict "$DB" --county 369901 --year 2023
	out $lang "verdict all counties" verdict "$DB" --year 2024
	out $lang "verdict all counties 2023" verdict "$DB" --year 2023
	out $lang "verdict csv" verdict "$DB" --year 2024 --format csv
	out $lang "eval csv" eval "$DB" --year 2024 --format csv
done

# What-if: a school of each kind of change, with Chinese and English headers.
printf '操作,学校标识码,字段,值,目标学校\n增加,2136990212,教学仪器设备值,100000,\n转移,2136990410,students_primary,10,2136990401\n' >"$tmp/plan.csv"
printf 'action,school_code,field,value,target\nclose,2136990217,,,\n' >"$tmp/close.csv"
for lang in zh en; do
	out $lang "whatif" whatif "$DB" --county 369902 --year 2024 --change "$tmp/plan.csv"
	out $lang "whatif close" whatif "$DB" --county 369902 --year 2024 --change "$tmp/close.csv"
	printf '操作,学校标识码,字段,值,目标学校\n飞,2136990212,,,\n增加,2136990212,颜色,1,\n' >"$tmp/bad.csv"
	out $lang "whatif errors" whatif "$DB" --county 369902 --year 2024 --change "$tmp/bad.csv"
done

# Other parts of issue 9 own these outputs; TODO marks them until they land.
for lang in zh en; do
	for c in 369901 369904; do
		out $lang "gaps $c" gaps "$DB" --county $c --year 2024
	done
	out $lang "history school" history "$DB" --school 2136990401
	out $lang "history county" history "$DB" --county 369904
	out $lang "history revisions" history "$DB" --revisions
	out $lang "eval errors" eval "$F/bad.csv"
	out $lang "missing database" verdict "$tmp/none.db" --year 2024
	printf 'not a database' >"$tmp/broken.db"
	out $lang "damaged database" verdict "$tmp/broken.db" --year 2024
	out $lang "bad --as-of" eval "$DB" --as-of yesterday
	out $lang "--as-of before anything" eval "$DB" --as-of 2020-01-01
	out $lang "--as-of no such revision" eval "$DB" --as-of 999
	JUNHENG_TZ=UTC "$J" --lang $lang history "$DB" --revisions >"$tmp/o" 2>&1
	check "$lang" "$lang history revisions in UTC" "$tmp/o" ""
	out $lang "bad set" set "$DB" --school 2136990401 --year 2024 colour=1 --why x
done

summary
