#!/bin/sh
# derive.sh — end-to-end tests of the raw figures (lib/core/derive.c): a
# file giving teachers by degree, PE/music/art teachers and areas with the
# indoor sports rooms, and none of the ready-made columns they replace, is
# evaluated from files and from a database, and `junheng eval` shows the
# indicators the raw figures give.  Prints "e2e: N passed, N failed" last.
. "$(dirname "$0")/testlib.inc"
DB=$tmp/d.db

cat >"$tmp/areas.csv" <<'EOF'
province_code,province_name,city_code,city_name,county_code,county_name
360000,江西省,360100,南昌市,360102,东湖区
EOF
# A primary school and a junior school, raw figures only.
#   primary 3601020101: 1,000 pupils, 60 teachers;
#     degrees 专科 20, 本科 35, 硕士 3, 博士 0 → 高于规定学历 20+35+3+0 = 58
#       → 58 ÷ 1,000 × 100 = 5.8 per 100 pupils;
#     PE 5, music 3, fine art 2, other art 1 → 11 → 1.1 per 100;
#     教学及辅助用房 6,000 m² with 室内体育用房 800 → 6,000 − 800 = 5,200
#       → 5.2 m² per pupil;
#     outdoor 9,000 + indoor 800 = 9,800 → 9.8 m² per pupil;
#   junior 3601020102: 800 pupils, 60 teachers;
#     degrees 专科 10, 本科 40, 硕士 5, 博士 1 → 本科 and above 40+5+1 = 46
#       (the 10 专科 teachers do not count in junior) → 46 ÷ 800 × 100 = 5.75;
#     PE 4, music 2, fine art 2, other 0 → 8 → 1.0 per 100;
#     5,500 − 700 = 4,800 → 6.0 m² per pupil; 8,000 + 700 = 8,700 → 10.875.
cat >"$tmp/raw.csv" <<'EOF'
school_code,school_name,county_code,year,school_type,parent_code,students_primary,students_junior,students_senior,key_teachers_primary,key_teachers_junior,teachers_primary,teachers_junior,equipment_value_yuan,multimedia_rooms,teachers_associate_primary,teachers_bachelor_primary,teachers_master_primary,teachers_doctor_primary,teachers_associate_junior,teachers_bachelor_junior,teachers_master_junior,teachers_doctor_junior,pe_teachers_primary,music_teachers_primary,fine_art_teachers_primary,other_art_teachers_primary,pe_teachers_junior,music_teachers_junior,fine_art_teachers_junior,other_art_teachers_junior,teaching_aux_total_m2,indoor_sports_area_m2,outdoor_sports_area_m2,rural_small
3601020101,东湖小学,360102,2024,primary,,1000,0,0,12,0,60,0,2500000,30,20,35,3,0,,,,,5,3,2,1,,,,,6000,800,9000,否
3601020102,东湖中学,360102,2024,junior,,0,800,0,0,10,0,60,2400000,24,,,,,10,40,5,1,,,,,4,2,2,0,5500,700,8000,否
EOF

# |value − expected| < 1e-9 for a school's indicator in the last output.
ind() {  # ind NAME SCHOOL INDICATOR EXPECTED
	jqeq "$1" "[.counties[0].schools[] | select(.school_code==\"$2\") | .indicators.$3 - $4 | fabs < 1e-9] | all" true
}
check() {  # check WHERE
	ind "$1: primary qualified 5.8" 3601020101 qualified_teachers_per100 5.8
	ind "$1: primary PE/art 1.1" 3601020101 pe_art_teachers_per100 1.1
	ind "$1: primary teaching area 5.2" 3601020101 teaching_area_per_student 5.2
	ind "$1: primary sports area 9.8" 3601020101 sports_area_per_student 9.8
	ind "$1: junior qualified 5.75 (no 专科)" 3601020102 qualified_teachers_per100 5.75
	ind "$1: junior PE/art 1.0" 3601020102 pe_art_teachers_per100 1.0
	ind "$1: junior teaching area 6.0" 3601020102 teaching_area_per_student 6.0
	ind "$1: junior sports area 10.875" 3601020102 sports_area_per_student 10.875
}

run "eval the raw file" 0 eval "$tmp/raw.csv" --format json
check files

# A local standard that counts 硕士 and above in junior: the file is read
# with its rule, 5 + 1 = 6 → 6 ÷ 800 × 100 = 0.75 per 100 pupils.
cat >"$tmp/strict.std" <<'EOF'
base = national-2017
id = strict-degrees
name_zh = 学历从严(测试)
name_en = Stricter degrees (test)
definition.qualified_degree.junior = master
EOF
run "eval with a stricter degree rule" 0 eval "$tmp/raw.csv" --standard "$tmp/strict.std" --format json
ind "strict: junior qualified 0.75 (硕士 and above)" 3601020102 qualified_teachers_per100 0.75
ind "strict: primary unchanged 5.8" 3601020101 qualified_teachers_per100 5.8

# The same rule given to the import: the figure derived by it is stored
# (0.75 read back under the national standard), and a bad standards file
# imports nothing.
"${JUNHENG_FAST:-$J}" init "$tmp/strict.db" >/dev/null
printf 'base = national-2017\nid = bad\ndefinition.qualified_degree.junior = associate\n' >"$tmp/bad.std"
run "import with a looser degree rule: refused" 2 import "$tmp/strict.db" "$tmp/areas.csv" "$tmp/raw.csv" --standard "$tmp/bad.std"
has "import with a looser degree rule: the key named" "$tmp/err" "definition.qualified_degree.junior"
run "import with a stricter degree rule" 0 import "$tmp/strict.db" "$tmp/areas.csv" "$tmp/raw.csv" --standard "$tmp/strict.std"
run "eval the stricter import" 0 eval "$tmp/strict.db" --county 360102 --year 2024 --format json
ind "strict import: junior qualified 0.75 stored" 3601020102 qualified_teachers_per100 0.75

"${JUNHENG_FAST:-$J}" init "$DB" >/dev/null
run "import the raw file" 0 import "$DB" "$tmp/areas.csv" "$tmp/raw.csv"
run "eval from the database" 0 eval "$DB" --county 360102 --year 2024 --format json
check database

# The export writes the raw columns and the derived ones, 否 as a word,
# and imports back unchanged.
run "export" 0 export "$DB" --year 2024 -o "$tmp/back.csv"
has "export: raw columns" "$tmp/back.csv" "室内体育用房面积"
has "export: 否" "$tmp/back.csv" ",否"
run "import the export back" 0 import "$DB" "$tmp/back.csv"
has "nothing changed" "$tmp/out" "无变化:2 行与库中数据相同"

# Refusals name the file, the line and the column.
sed 's/^3601020101,东湖小学,\(.*\),20,35,3,0,/3601020101,东湖小学,\1,20,35,3,,/' "$tmp/raw.csv" >"$tmp/bad.csv"
run "a blank 博士 cell refused" 2 eval "$tmp/bad.csv"
has "incomplete: where" "$tmp/err" "bad.csv:第2行:第19列"
has "incomplete: why" "$tmp/err" "要由原始数据算出“qualified_teachers_primary”,还需填写:teachers_doctor_primary"
{ head -1 "$tmp/raw.csv" | sed 's/$/,qualified_teachers_junior/'
  sed -n 2p "$tmp/raw.csv" | sed 's/$/,0/'
  sed -n 3p "$tmp/raw.csv" | sed 's/$/,56/'; } >"$tmp/counted.csv"
run "junior 专科 counted: refused" 2 --lang en eval "$tmp/counted.csv"
has "disagrees: why" "$tmp/err" "qualified_teachers_junior = 56 as given disagrees with teachers_bachelor_junior + teachers_master_junior + teachers_doctor_junior = 46"
has "disagrees: where" "$tmp/err" "counted.csv:line 3:column 36"

# Classes in size bands: `junheng gaps` lists the classes no addition
# fixes.  3601020201 reports ≤25: 2, 26–30: 3, 31–35: 4, 36–40: 5,
# 41–45: 6, 46–50: 3, 51–55: 2, 56–60: 2, 61–65: 1, ≥66: 1 primary
# classes: 2+3+4+5+6+3+2+2+1+1 = 29 classes; over the primary maximum of
# 45: 3+2+2+1+1 = 9; 大班额 (56 and more) 2+1+1 = 4; 超大班额 (66 and
# more) 1.  3601020202's classes are all of 35 or fewer: not listed.
B=$(printf ',%s' classes_le25_primary classes_26_30_primary classes_31_35_primary \
	classes_36_40_primary classes_41_45_primary classes_46_50_primary classes_51_55_primary \
	classes_56_60_primary classes_61_65_primary classes_ge66_primary)
cat >"$tmp/bands.csv" <<END
school_code,school_name,county_code,year,school_type,parent_code,students_primary,students_junior,students_senior,qualified_teachers_primary,qualified_teachers_junior,key_teachers_primary,key_teachers_junior,pe_art_teachers_primary,pe_art_teachers_junior,teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms$B
3601020201,大班小学,360102,2023,primary,,1300,0,0,70,0,25,0,10,0,75,0,9000,15000,3000000,30,2,3,4,5,6,3,2,2,1,1
3601020202,二小,360102,2023,primary,,1000,0,0,40,0,8,0,8,0,55,0,4000,6000,1500000,20,10,12,8,0,0,0,0,0,0,0
END
run "import the bands" 0 import "$DB" "$tmp/bands.csv"
run "eval the bands" 0 eval "$DB" --county 360102 --year 2023 --format json
run "gaps json" 0 gaps "$DB" --county 360102 --year 2023 --format json
jqeq "bands: one school beyond" '.beyond | length' 1
jqeq "bands: classes over 45" '.beyond[0] | [.school_code, .kind, .stage, .value, .limit] | join(",")' "3601020201,classes_over,primary,9,45"
jqeq "bands: 大班额 4, 超大班额 1" '.beyond[0] | [.large_classes, .huge_classes] | join(",")' "4,1"
run "gaps text" 0 gaps "$DB" --county 360102 --year 2023
has "bands: the school's line" "$tmp/out" "3601020201 大班小学:小学超过上限 45 人的班级 9 个,其中大班额(56人及以上)4 个,超大班额(66人及以上)1 个"
has "bands: the county's counts" "$tmp/out" "全县(填报班额分段的学校):大班额 4 个,超大班额 1 个"
run "gaps csv en" 0 --lang en gaps "$DB" --county 360102 --year 2023 --format csv
has "bands: csv large" "$tmp/out" "beyond,360102,2023,3601020201,大班小学,large_classes_primary,4,,large_classes,,,,东湖区,classes,55"
has "bands: csv huge" "$tmp/out" "beyond,360102,2023,3601020201,大班小学,huge_classes_primary,1,,huge_classes,,,,东湖区,classes,65"
# The sample gives no bands: its outputs do not change (cli.sh and
# gaps.sh guard them byte for byte).

summary
