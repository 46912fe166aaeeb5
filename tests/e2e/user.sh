#!/bin/sh
# user.sh — end-to-end tests of `junheng user`: add (every role, with the
# role/area rules: bad role, bad area, wrong kind of code, duplicate name,
# short or empty password), list (text in zh and en, JSON), passwd,
# disable and enable; passwords read from standard input only and never
# shown; the audit records who did what, without passwords; a failed
# command leaves the database unchanged.  Prints "e2e: N passed, N failed"
# last.
. "$(dirname "$0")/testlib.inc"
DB=$tmp/j.db

# runin NAME EXPECTED_STATUS STDIN ARGS...: run with STDIN as standard input
runin() {
	name=$1; want=$2; input=$3; shift 3
	printf '%s\n' "$input" | "$J" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" = "$want" ]; then ok "$name (exit $got)"; else
		no "$name: exit $got, want $want" "$(cat "$tmp/err" "$tmp/out")"; fi
}
# lacks NAME FILE TEXT
lacks() { if grep -qF -- "$3" "$2"; then no "$1: '$3' in output" "$(cat "$2")"; else ok "$1"; fi; }
dbsum() { sqlite3 "$DB" "SELECT name, role, area, disabled, pwhash FROM account ORDER BY name" | sha256sum; }

run "init" 0 init "$DB"
run "import areas and schools" 0 import "$DB" "$S/areas.csv" "$S/schools-2024.csv" --who tester
run "list: none yet" 0 user list "$DB"
has "list: none (zh)" "$tmp/out" "(没有账号)"
run "list: none (en)" 0 --lang en user list "$DB"
has "list: none (en)" "$tmp/out" "(no accounts)"

# One account of each role: 2136990101 is 江城区实验小学 of 369901.
runin "add admin" 0 "admin-pass-1" user add "$DB" root --role admin --password-stdin
has "add admin: said" "$tmp/out" "已添加账号 root:系统管理员"
runin "add province" 0 "prov-pass-1" user add "$DB" sheng --role province --area 360000 --password-stdin
runin "add city (Chinese role name)" 0 "city-pass-1" user add "$DB" 江州市督导室 --role 市级督导室 --area 369900 --password-stdin
has "add city: said" "$tmp/out" "已添加账号 江州市督导室:市级督导室,绑定 369900 江州市"
runin "add county" 0 "county-pass-1" user add "$DB" yunling --role county --area 369904 --password-stdin
has "add county: said" "$tmp/out" "已添加账号 yunling:县级督导室,绑定 369904 江州市云岭县"
runin "add inspector (en)" 0 "insp-pass-1" --lang en user add "$DB" dx --role inspector --area 369900 --password-stdin
has "add inspector: said (en)" "$tmp/out" "added account dx: inspector, bound to 369900 江州市"
runin "add school" 0 "school-pass-1" user add "$DB" jcsx --role school --area 2136990101 --password-stdin
has "add school: said" "$tmp/out" "绑定 2136990101 江城区实验小学"

sum=$(dbsum)
# Refusals, in both languages; nothing written.
runin "bad role" 2 "some-pass-1" user add "$DB" x --role boss --area 369904 --password-stdin
has "bad role (zh)" "$tmp/err" "未知的角色“boss”"
runin "bad role (en)" 2 "some-pass-1" --lang en user add "$DB" x --role boss --area 369904 --password-stdin
has "bad role (en)" "$tmp/err" "unknown role 'boss' (accepted: admin, province, city, county, inspector, school)"
runin "unknown area" 2 "some-pass-1" user add "$DB" x --role inspector --area 369999 --password-stdin
has "unknown area (zh)" "$tmp/err" "行政区划代码 369999 不在数据库中"
runin "unknown area (en)" 2 "some-pass-1" --lang en user add "$DB" x --role county --area 369999 --password-stdin
has "unknown area (en)" "$tmp/err" "area code 369999 is not in the database"
runin "unknown school" 2 "some-pass-1" user add "$DB" x --role school --area 2136999999 --password-stdin
has "unknown school" "$tmp/err" "学校标识码 2136999999 不在数据库中"
runin "county office of a city code" 2 "some-pass-1" user add "$DB" x --role county --area 369900 --password-stdin
has "role/area (zh)" "$tmp/err" "角色与代码“369900”不相符"
runin "county office of a city code (en)" 2 "some-pass-1" --lang en user add "$DB" x --role county --area 369900 --password-stdin
has "role/area (en)" "$tmp/err" "the role does not go with the code '369900'"
runin "admin with an area" 2 "some-pass-1" user add "$DB" x --role admin --area 369904 --password-stdin
has "admin with area" "$tmp/err" "角色与代码“369904”不相符"
runin "county without area" 2 "some-pass-1" user add "$DB" x --role county --password-stdin
has "county without area" "$tmp/err" "角色与代码“”不相符"
runin "duplicate name" 2 "other-pass-1" user add "$DB" yunling --role county --area 369904 --password-stdin
has "duplicate (zh)" "$tmp/err" "用户名“yunling”已存在"
runin "duplicate name (en)" 2 "other-pass-1" --lang en user add "$DB" yunling --role county --area 369904 --password-stdin
has "duplicate (en)" "$tmp/err" "the user name 'yunling' exists already"
runin "empty password" 2 "" user add "$DB" x --role county --area 369904 --password-stdin
has "empty password (zh)" "$tmp/err" "密码太短:至少 8 个字节"
runin "empty password (en)" 2 "" --lang en user add "$DB" x --role county --area 369904 --password-stdin
has "empty password (en)" "$tmp/err" "the password is too short: at least 8 bytes"
runin "7-byte password" 2 "1234567" user add "$DB" x --role county --area 369904 --password-stdin
runin "bad name" 2 "some-pass-1" user add "$DB" "a b" --role county --area 369904 --password-stdin
has "bad name" "$tmp/err" "用户名“a b”无效"
run "add without --password-stdin" 2 user add "$DB" x --role county --area 369904
has "usage" "$tmp/err" "用法:junheng user add"
run "unknown subcommand" 2 user remove "$DB" yunling
has "unknown subcommand" "$tmp/err" "未知的 user 子命令“remove”"
if [ "$(dbsum)" = "$sum" ]; then ok "refusals changed nothing"; else no "a refusal changed the accounts"; fi

# A password given with a CRLF line end is the same password.
printf 'crlf-pass-1\r\n' | "$J" user add "$DB" crlf --role inspector --area 369904 --password-stdin >/dev/null 2>&1
ok_hash=$(sqlite3 "$DB" "SELECT pwhash FROM account WHERE name = 'crlf'")
case $ok_hash in '$argon2id$'*) ok "stored as an argon2id hash";; *) no "hash: $ok_hash";; esac

# list in both languages and JSON.
run "list (zh)" 0 user list "$DB"
has "list header (zh)" "$tmp/out" "用户名"
has "list county (zh)" "$tmp/out" "县级督导室        369904 江州市云岭县"
has "list school (zh)" "$tmp/out" "2136990101 江城区实验小学"
has "list status (zh)" "$tmp/out" "启用"
lacks "list: no English role (zh)" "$tmp/out" "county office"
run "list (en)" 0 --lang en user list "$DB"
has "list header (en)" "$tmp/out" "bound to"
has "list county (en)" "$tmp/out" "county office"
has "list status (en)" "$tmp/out" "active"
lacks "list: no Chinese role (en)" "$tmp/out" "县级督导室"
run "list json" 0 user list "$DB" --format json
jqeq "json: 7 accounts" 'length' 7
jqeq "json: by name" '.[0].name' crlf
jqeq "json: county" '.[] | select(.name == "yunling") | "\(.role) \(.area) \(.area_name) \(.disabled)"' "county 369904 江州市云岭县 false"
jqeq "json: school" '.[] | select(.name == "jcsx") | .area_name' "江城区实验小学"
jqeq "json: admin" '.[] | select(.name == "root") | "[\(.area)]"' "[]"
jqeq "json: no hash" '[.[] | keys[]] | unique | join(",")' "area,area_name,changed,created,disabled,name,role"

# passwd and disable/enable.
h0=$(sqlite3 "$DB" "SELECT pwhash FROM account WHERE name = 'yunling'")
runin "passwd" 0 "new-county-pw-2" user passwd "$DB" yunling --password-stdin
has "passwd: said" "$tmp/out" "已更改账号 yunling 的密码,其登录会话已全部结束"
h1=$(sqlite3 "$DB" "SELECT pwhash FROM account WHERE name = 'yunling'")
if [ "$h0" != "$h1" ]; then ok "passwd: hash changed"; else no "passwd: same hash"; fi
runin "passwd too short" 2 "short" --lang en user passwd "$DB" yunling --password-stdin
has "passwd short (en)" "$tmp/err" "the password is too short: at least 8 bytes"
runin "passwd of nobody" 2 "some-pass-1" user passwd "$DB" nobody --password-stdin
has "passwd nobody" "$tmp/err" "没有用户名为“nobody”的账号"
run "disable" 0 user disable "$DB" yunling
has "disable: said" "$tmp/out" "已停用账号 yunling,其登录会话已全部结束"
run "list shows disabled" 0 user list "$DB"
has "disabled (zh)" "$tmp/out" "已停用"
run "list shows disabled (en)" 0 --lang en user list "$DB" --format text
has "disabled (en)" "$tmp/out" "disabled"
run "enable (en)" 0 --lang en user enable "$DB" yunling
has "enable: said (en)" "$tmp/out" "enabled account yunling"
run "disable nobody (en)" 2 --lang en user disable "$DB" nobody
has "disable nobody (en)" "$tmp/err" "there is no account named 'nobody'"

# The audit: every change by the command line (account ""), no password.
sqlite3 "$DB" "SELECT account || '|' || event || '|' || detail FROM audit ORDER BY id" >"$tmp/audit"
has "audit: add" "$tmp/audit" "|account_add|county 369904"
has "audit: passwd" "$tmp/audit" "|account_change|password"
has "audit: disabled" "$tmp/audit" "|account_change|disabled"
has "audit: enabled" "$tmp/audit" "|account_change|enabled"
lacks "audit: no password" "$tmp/audit" "pass-1"
lacks "audit: no hash" "$tmp/audit" "argon2"
# Passwords are never shown by any of the commands above.
lacks "no password in output" "$tmp/out" "pw-2"

run "help (zh)" 0 user --help
has "help zh" "$tmp/out" "inspector  督学:--area 任一行政区划代码;该区域内只读"
run "help (en)" 0 --lang en user --help
has "help en" "$tmp/out" "school     school: --area a school code; reads and edits its own rows"
run "listed in the commands" 0 --help
has "command list" "$tmp/out" "user"
summary
