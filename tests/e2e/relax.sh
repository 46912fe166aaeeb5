#!/bin/sh
# relax.sh — end-to-end tests of the provincial relaxations that add to an
# indicator's numerator (issue 14, part B): `junheng eval --standard FILE`
# and `junheng gaps --standard FILE` on a small CSV, with the rules off
# (the national standard) and on (a local file).  Prints
# "e2e: N passed, N failed" last.
#
# The rows (every indicator but the one named is met; national thresholds:
# PE/art 0.9 per 100 pupils, floor 0.765; sports 7.5 m², floor 6.375):
#   3699010060 石门村小学  rural small, 60 pupils, no full-time PE/art
#              teacher, 1 itinerant: off 0 per 100 (fails), on 1/60 × 100
#              = 1.6667 (passes);
#   3699010049 岭下村小学  the same with 49 pupils: outside 50–99, 0 both
#              ways;
#   3699020001 城东小学    dense central-city, 1000 pupils, 5000 m² sports,
#              rooftop 1200, leased 1800: off 5 m² (fails), on (5000 +
#              1200 + 1800) / 1000 = 8 m² (passes).
. "$(dirname "$0")/testlib.inc"

cat >"$tmp/s.csv" <<'EOF'
school_code,school_name,county_code,year,school_type,parent_code,students_primary,students_junior,students_senior,qualified_teachers_primary,qualified_teachers_junior,key_teachers_primary,key_teachers_junior,pe_art_teachers_primary,pe_art_teachers_junior,teachers_primary,teachers_junior,teaching_area_m2,sports_area_m2,equipment_value_yuan,multimedia_rooms,rural_small,rotating_pe_art_teachers_primary,dense_central,rooftop_underground_sports_m2,leased_sports_area_m2
3699010060,石门村小学,369901,2024,primary,,60,0,0,3,0,1,0,0,0,6,0,300,600,150000,2,是,1,否,,
3699010049,岭下村小学,369901,2024,primary,,49,0,0,3,0,1,0,0,0,6,0,300,600,150000,2,是,1,否,,
3699020001,城东小学,369902,2024,primary,,1000,0,0,50,0,15,0,10,0,80,0,5000,5000,2100000,30,否,,是,1200,1800
EOF
cat >"$tmp/p.std" <<'EOF'
base = national-2017
id = test-province
name_zh = 某省
name_en = A province
relax.small_rural_teachers = on
relax.dense_central_sports = on
EOF

# --- eval, off --------------------------------------------------------
run "eval national" 0 eval "$tmp/s.csv" --format json
jqeq "off: 60 pupils, PE/art 0" '.counties[0].schools[] | select(.school_code=="3699010060") | .indicators.pe_art_teachers_per100' 0
jqeq "off: 60 pupils fails" '.counties[0].schools[] | select(.school_code=="3699010060") | .passes' false
jqeq "off: dense school 5 m²" '.counties[1].schools[0].indicators.sports_area_per_student' 5
jqeq "off: no relaxations named" '[.. | objects | select(has("relaxations"))] | length' 0
run "eval national csv" 0 eval "$tmp/s.csv" --format csv --lang en
if head -n 1 "$tmp/out" | grep -q ',county_name$'; then ok "off: csv header as before"; else no "off: csv header" "$(head -n 1 "$tmp/out")"; fi
run "eval national text" 0 eval "$tmp/s.csv"
if grep -q '放宽' "$tmp/out"; then no "off: text names a relaxation"; else ok "off: text names none"; fi

# --- eval, on ---------------------------------------------------------
run "eval province" 0 eval "$tmp/s.csv" --standard "$tmp/p.std" --format json
jqeq "on: 60 pupils, PE/art 1/60 × 100" '.counties[0].schools[] | select(.school_code=="3699010060") | (.indicators.pe_art_teachers_per100 - 100/60 | fabs) < 1e-12' true
jqeq "on: 60 pupils passes 7/7" '.counties[0].schools[] | select(.school_code=="3699010060") | "\(.passes) \(.met)"' "true 7"
jqeq "on: 60 pupils named" '.counties[0].schools[] | select(.school_code=="3699010060") | .relaxations | join(",")' small_rural_teachers
jqeq "on: 49 pupils not counted" '.counties[0].schools[] | select(.school_code=="3699010049") | "\(.indicators.pe_art_teachers_per100) \(has("relaxations"))"' "0 false"
# County mean (60 × 1.6667 + 49 × 0) / 109 = 100/109 = 0.917431.
jqeq "on: county mean 100/109" '(.counties[0].stages.primary.mean.pe_art_teachers_per100 - 100/109 | fabs) < 1e-12' true
jqeq "on: dense school 8 m²" '.counties[1].schools[0].indicators.sports_area_per_student' 8
jqeq "on: dense school named" '.counties[1].schools[0].relaxations | join(",")' dense_central_sports
jqeq "on: 369902 passes" '.counties[1].passes' true
run "eval province text" 0 eval "$tmp/s.csv" --standard "$tmp/p.std"
has "on: text note" "$tmp/out" "    [小学] 3699010060 石门村小学:乡村小规模学校计入交流轮岗、兼职、走教体育艺术教师"
run "eval province text en" 0 eval "$tmp/s.csv" --standard "$tmp/p.std" --lang en
has "on: text note en" "$tmp/out" "  Provincial relaxations applied (1):"
run "eval province csv" 0 eval "$tmp/s.csv" --standard "$tmp/p.std" --format csv --lang en
has "on: csv column" "$tmp/out" ",county_name,relaxations"
has "on: csv dense row" "$tmp/out" "school,369902,2024,primary,3699020001,城东小学,primary,evaluated,1000,,5,1.5,1,5,8,2100,3,,,,,,,,,7,true,,,dense_central_sports"

# --- gaps follow the relaxed figures -----------------------------------
DB=$tmp/r.db
"${JUNHENG_FAST:-$J}" init "$DB" >/dev/null
"${JUNHENG_FAST:-$J}" import "$DB" "$S/areas.csv" "$tmp/s.csv" >/dev/null
# Off: 城东小学 needs 6375 − 5000 = 1375 m² (× 800 = 1,100,000 yuan);
# on: 8 m², nothing.
run "gaps national 369902" 0 gaps "$DB" --county 369902 --year 2024 --format json
jqeq "off: 1375 m²" '.schools[0].add.sports_area_m2' 1375
jqeq "off: plan 1,100,000" '.plan.cost' 1100000
run "gaps province 369902" 0 gaps "$DB" --county 369902 --year 2024 --format json --standard "$tmp/p.std"
jqeq "on: no school gap" '.schools | length' 0
jqeq "on: plan 0" '.plan.cost' 0
# Off: both schools need 1 PE/art teacher (1/60 × 100 = 1.67, 1/49 × 100
# = 2.04), 120,000 each; on: only 岭下村小学.
run "gaps national 369901" 0 gaps "$DB" --county 369901 --year 2024 --format json
jqeq "off: two schools" '[.schools[].school_code] | join(",")' 3699010049,3699010060
run "gaps province 369901" 0 gaps "$DB" --county 369901 --year 2024 --format json --standard "$tmp/p.std"
jqeq "on: one school" '[.schools[] | "\(.school_code) \(.add.pe_art_teachers_primary) \(.cost)"] | join(",")' "3699010049 1 120000"
summary
