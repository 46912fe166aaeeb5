/*
** meta.c — names of the things the standard talks about.
**
** School types, stages, template columns and the seven indicators, each
** with its machine key, Chinese and English names, and the aliases that
** officials' spreadsheets use for it (the template columns' are in the
** school-year template below).  Parsing accepts any of them under
** the one name rule of lib/io/template.c (jhNameEq).
*/
#include "core_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int en(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

/* --- school types ------------------------------------------------------ */

/* The aliases are the names offices write in 办学类型: 完全小学, 中心小学
 * and 村小 are primary schools; 独立初中 a junior one; 完中 a complete
 * secondary school.  Only names with one meaning are here: 一贯制学校
 * (nine or twelve years?) and 中心校 (a primary or a nine-year central
 * school) are refused with the list of accepted types. */
static const struct {
	const char *key, *zh, *en;
	const char *alias[9];
} types[JH_TYPE__COUNT] = {
	[JH_TYPE_PRIMARY] = {"primary", "小学", "primary school",
	                     {"小学校", "完全小学", "完小", "中心小学", "乡镇中心小学",
	                      "村小", "村小学", "村完小", NULL}},
	[JH_TYPE_JUNIOR] = {"junior", "初级中学", "junior secondary school",
	                    {"初中", "独立初中", "独立设置的初级中学", NULL}},
	[JH_TYPE_NINE_YEAR] = {"nine_year", "九年一贯制学校", "nine-year school",
	                       {"九年一贯制", "九年一贯", "九年制学校", NULL}},
	[JH_TYPE_TWELVE_YEAR] = {"twelve_year", "十二年一贯制学校",
	                         "twelve-year school", {"十二年一贯制", "十二年制学校", NULL}},
	[JH_TYPE_COMPLETE_MIDDLE] = {"complete_middle", "完全中学",
	                             "complete secondary school", {"完中", NULL}},
	[JH_TYPE_TEACHING_POINT] = {"teaching_point", "教学点", "teaching point",
	                            {"小学教学点", "村教学点", NULL}},
};

const char *jh_school_type_key(jh_school_type t)
{
	return (unsigned)t < JH_TYPE__COUNT ? types[t].key : "?";
}

const char *jh_school_type_name(jh_school_type t, const char *lang)
{
	if ((unsigned)t >= JH_TYPE__COUNT)
		return "?";
	return en(lang) ? types[t].en : types[t].zh;
}

int jh_school_type_parse(const char *s)
{
	/* The keys and names as written first: most rows use one. */
	for (int i = 0; i < JH_TYPE__COUNT; i++)
		if (!strcmp(s, types[i].key) || !strcmp(s, types[i].zh))
			return i;
	for (int i = 0; i < JH_TYPE__COUNT; i++) {
		const char *names[] = {types[i].key, types[i].zh, types[i].en, NULL};
		if (jhNameIn(s, names) || jhNameIn(s, types[i].alias))
			return i;
	}
	return -1;
}

int jhCountyCodeOk(const char *s)
{
	return strlen(s) == 6 && strspn(s, "0123456789") == 6;
}

/* --- stages ------------------------------------------------------------- */

const char *jh_stage_key(jh_stage s)
{
	return s == JH_STAGE_PRIMARY ? "primary" : "junior";
}

const char *jh_stage_name(jh_stage s, const char *lang)
{
	if (en(lang))
		return s == JH_STAGE_PRIMARY ? "primary" : "junior";
	return s == JH_STAGE_PRIMARY ? "小学" : "初中";
}

/* --- template columns -------------------------------------------------- */

/* --- the school-year template ------------------------------------------------------ */

/* The school-year template (loaded by dataset.c): identity columns
 * first, then the numeric fields in jh_field order, so that template
 * column JH_SY_IDCOLS + f is field f. */

#define NCOLS (JH_SY_IDCOLS + JH_F__COUNT)
#define REQ JH_COL_REQUIRED
#define F(f) [JH_SY_IDCOLS + (f)]

static const jhColSpec cols[NCOLS] = {
	[JH_SY_SCHOOL_CODE] = {"school_code", "学校标识码", "school code",
		{"学校代码", "学校识别码"}, JH_COL_CODE, 0, REQ},
	[JH_SY_SCHOOL_NAME] = {"school_name", "学校名称", "school name",
		{"学校名"}, JH_COL_TEXT, 0, REQ},
	[JH_SY_COUNTY_CODE] = {"county_code", "县(市、区)代码", "county code",
		{"县代码", "区县代码", "县级行政区划代码"}, JH_COL_CODE, 0, REQ},
	[JH_SY_YEAR]        = {"year", "年度", "year",
		{"学年", "统计年度"}, JH_COL_YEAR, 0, REQ},
	[JH_SY_SCHOOL_TYPE] = {"school_type", "办学类型", "school type",
		{"学校类型"}, JH_COL_CHOICE, 0, REQ},
	[JH_SY_PARENT_CODE] = {"parent_code", "所属中心校", "central school",
		{"所属中心校标识码", "中心校标识码"}, JH_COL_CODE, 0, REQ},
	[JH_SY_LOCATION]    = {"location", "城乡类型", "urban or rural",
		{"城乡分类", "所在地城乡类型"}, JH_COL_CHOICE, 0, 0},
	[JH_SY_BOARDING]    = {"boarding", "是否寄宿制学校", "boarding school",
		{"寄宿制", "寄宿制学校"}, JH_COL_YESNO, 0, 0},
	F(JH_F_STUDENTS_PRIMARY) = {"students_primary", "小学在校生数",
		"primary students", {"小学学生数", "在校生数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, REQ},
	F(JH_F_STUDENTS_JUNIOR) = {"students_junior", "初中在校生数",
		"junior students", {"初中学生数", "在校生数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, REQ},
	F(JH_F_STUDENTS_SENIOR) = {"students_senior", "高中在校生数",
		"senior students", {"高中学生数", "在校生数(高中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, REQ},
	F(JH_F_QUALIFIED_PRIMARY) = {"qualified_teachers_primary",
		"小学高于规定学历教师数", "primary teachers above the required qualification",
		{"高于规定学历教师数(小学)"}, JH_COL_COUNT, JH_UNIT_PERSON, REQ},
	F(JH_F_QUALIFIED_JUNIOR) = {"qualified_teachers_junior",
		"初中高于规定学历教师数", "junior teachers above the required qualification",
		{"高于规定学历教师数(初中)"}, JH_COL_COUNT, JH_UNIT_PERSON, REQ},
	F(JH_F_KEY_PRIMARY) = {"key_teachers_primary",
		"小学县级及以上骨干教师数", "primary key teachers (county level or above)",
		{"县级及以上骨干教师数(小学)", "小学县级以上骨干教师数"},
		JH_COL_COUNT, JH_UNIT_PERSON, REQ},
	F(JH_F_KEY_JUNIOR) = {"key_teachers_junior",
		"初中县级及以上骨干教师数", "junior key teachers (county level or above)",
		{"县级及以上骨干教师数(初中)", "初中县级以上骨干教师数"},
		JH_COL_COUNT, JH_UNIT_PERSON, REQ},
	F(JH_F_PE_ART_PRIMARY) = {"pe_art_teachers_primary",
		"小学体育、艺术(美术、音乐)专任教师数", "primary PE and art teachers",
		{"小学体育艺术专任教师数", "体育、艺术(美术、音乐)专任教师数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, REQ},
	F(JH_F_PE_ART_JUNIOR) = {"pe_art_teachers_junior",
		"初中体育、艺术(美术、音乐)专任教师数", "junior PE and art teachers",
		{"初中体育艺术专任教师数", "体育、艺术(美术、音乐)专任教师数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, REQ},
	F(JH_F_TEACHERS_PRIMARY) = {"teachers_primary", "小学专任教师数",
		"primary full-time teachers", {"专任教师数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, REQ},
	F(JH_F_TEACHERS_JUNIOR) = {"teachers_junior", "初中专任教师数",
		"junior full-time teachers", {"专任教师数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, REQ},
	F(JH_F_TEACHING_AREA) = {"teaching_area_m2", "教学及辅助用房面积",
		"teaching and auxiliary floor area (m²)", {NULL},
		JH_COL_NUMBER, JH_UNIT_M2, REQ},
	F(JH_F_SPORTS_AREA) = {"sports_area_m2", "体育运动场馆面积",
		"sports ground and hall area (m²)", {NULL},
		JH_COL_NUMBER, JH_UNIT_M2, REQ},
	F(JH_F_EQUIPMENT_VALUE) = {"equipment_value_yuan", "教学仪器设备值",
		"teaching equipment value (yuan)", {"教学仪器设备资产值"},
		JH_COL_MONEY, JH_UNIT_YUAN, REQ},
	F(JH_F_MULTIMEDIA_ROOMS) = {"multimedia_rooms", "网络多媒体教室数",
		"networked multimedia classrooms", {"网络多媒体教室"},
		JH_COL_COUNT, JH_UNIT_ROOM, REQ},
	F(JH_F_CLASSES_PRIMARY) = {"classes_primary", "小学班级数",
		"primary classes", {"小学教学班数", "班级数(小学)"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_CLASSES_JUNIOR) = {"classes_junior", "初中班级数",
		"junior classes", {"初中教学班数", "班级数(初中)"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_LARGEST_CLASS_PRIMARY) = {"largest_class_primary", "小学最大班额",
		"largest primary class", {"最大班额(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_LARGEST_CLASS_JUNIOR) = {"largest_class_junior", "初中最大班额",
		"largest junior class", {"最大班额(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_MUSIC_ROOMS) = {"music_rooms", "音乐专用教室数",
		"music rooms", {"音乐教室数"}, JH_COL_COUNT, JH_UNIT_ROOM, 0},
	F(JH_F_MUSIC_ROOM_MIN_AREA) = {"music_room_min_area_m2", "最小音乐专用教室面积",
		"smallest music room (m²)", {"最小音乐教室面积"},
		JH_COL_NUMBER, JH_UNIT_M2, 0},
	F(JH_F_ART_ROOMS) = {"art_rooms", "美术专用教室数",
		"art rooms", {"美术教室数"}, JH_COL_COUNT, JH_UNIT_ROOM, 0},
	F(JH_F_ART_ROOM_MIN_AREA) = {"art_room_min_area_m2", "最小美术专用教室面积",
		"smallest art room (m²)", {"最小美术教室面积"},
		JH_COL_NUMBER, JH_UNIT_M2, 0},
	F(JH_F_CERTIFIED_TEACHERS) = {"certified_teachers", "持证专任教师数",
		"full-time teachers holding a certificate", {"持有教师资格证专任教师数"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_PUBLIC_FUNDS) = {"public_funds_yuan", "公用经费预算总额",
		"public funds budget (yuan)", {"年度公用经费预算总额"},
		JH_COL_MONEY, JH_UNIT_YUAN, 0},
	F(JH_F_TRAINING_FUNDS) = {"training_funds_yuan", "教师培训经费",
		"teacher training funds (yuan)", {NULL}, JH_COL_MONEY, JH_UNIT_YUAN, 0},
	F(JH_F_ORGANISER) = {"organiser_type", "举办者类型",
		"organiser type (national code 1-10)", {"举办者类型代码", "举办者"},
		JH_COL_COUNT, JH_UNIT_NONE, 0},
	F(JH_F_GRADES) = {"grades", "年级数", "grades", {"年级数量"},
		JH_COL_COUNT, JH_UNIT_NONE, 0},
	F(JH_F_TEACHERS_ASSOCIATE_PRIMARY) = {"teachers_associate_primary", "小学专科学历专任教师数",
		"primary full-time teachers with a college diploma (associate degree)", {"小学专科学历教师数", "专科学历专任教师数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_TEACHERS_ASSOCIATE_JUNIOR) = {"teachers_associate_junior", "初中专科学历专任教师数",
		"junior full-time teachers with a college diploma (associate degree)", {"初中专科学历教师数", "专科学历专任教师数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_TEACHERS_BACHELOR_PRIMARY) = {"teachers_bachelor_primary", "小学本科学历专任教师数",
		"primary full-time teachers with a bachelor degree", {"小学本科学历教师数", "本科学历专任教师数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_TEACHERS_BACHELOR_JUNIOR) = {"teachers_bachelor_junior", "初中本科学历专任教师数",
		"junior full-time teachers with a bachelor degree", {"初中本科学历教师数", "本科学历专任教师数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_TEACHERS_MASTER_PRIMARY) = {"teachers_master_primary", "小学硕士研究生学历专任教师数",
		"primary full-time teachers with a master degree", {"小学硕士学历专任教师数", "小学硕士学历教师数", "硕士研究生学历专任教师数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_TEACHERS_MASTER_JUNIOR) = {"teachers_master_junior", "初中硕士研究生学历专任教师数",
		"junior full-time teachers with a master degree", {"初中硕士学历专任教师数", "初中硕士学历教师数", "硕士研究生学历专任教师数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_TEACHERS_DOCTOR_PRIMARY) = {"teachers_doctor_primary", "小学博士研究生学历专任教师数",
		"primary full-time teachers with a doctorate", {"小学博士学历专任教师数", "小学博士学历教师数", "博士研究生学历专任教师数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_TEACHERS_DOCTOR_JUNIOR) = {"teachers_doctor_junior", "初中博士研究生学历专任教师数",
		"junior full-time teachers with a doctorate", {"初中博士学历专任教师数", "初中博士学历教师数", "博士研究生学历专任教师数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_PE_TEACHERS_PRIMARY) = {"pe_teachers_primary", "小学体育专任教师数",
		"primary full-time PE teachers", {"小学体育教师数", "体育专任教师数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_PE_TEACHERS_JUNIOR) = {"pe_teachers_junior", "初中体育专任教师数",
		"junior full-time PE teachers", {"初中体育教师数", "体育专任教师数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_MUSIC_TEACHERS_PRIMARY) = {"music_teachers_primary", "小学音乐专任教师数",
		"primary full-time music teachers", {"小学音乐教师数", "音乐专任教师数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_MUSIC_TEACHERS_JUNIOR) = {"music_teachers_junior", "初中音乐专任教师数",
		"junior full-time music teachers", {"初中音乐教师数", "音乐专任教师数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_FINE_ART_TEACHERS_PRIMARY) = {"fine_art_teachers_primary", "小学美术专任教师数",
		"primary full-time fine-art teachers", {"小学美术教师数", "美术专任教师数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_FINE_ART_TEACHERS_JUNIOR) = {"fine_art_teachers_junior", "初中美术专任教师数",
		"junior full-time fine-art teachers", {"初中美术教师数", "美术专任教师数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_OTHER_ART_TEACHERS_PRIMARY) = {"other_art_teachers_primary", "小学其他艺术专任教师数",
		"primary other full-time art teachers", {"小学艺术专任教师数", "其他艺术专任教师数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_OTHER_ART_TEACHERS_JUNIOR) = {"other_art_teachers_junior", "初中其他艺术专任教师数",
		"junior other full-time art teachers", {"初中艺术专任教师数", "其他艺术专任教师数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_ROTATING_PE_ART_PRIMARY) = {"rotating_pe_art_teachers_primary", "小学交流轮岗、兼职、走教体育艺术教师数",
		"primary rotating, part-time and itinerant PE and art teachers", {"小学走教体育艺术教师数", "交流轮岗、兼职、走教体育艺术教师数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_ROTATING_PE_ART_JUNIOR) = {"rotating_pe_art_teachers_junior", "初中交流轮岗、兼职、走教体育艺术教师数",
		"junior rotating, part-time and itinerant PE and art teachers", {"初中走教体育艺术教师数", "交流轮岗、兼职、走教体育艺术教师数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_CATCHMENT_PRIMARY) = {"students_catchment_primary", "小学划片范围内在校生数",
		"primary students living inside the catchment area", {"小学划片范围内学生数", "划片范围内在校生数(小学)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_CATCHMENT_JUNIOR) = {"students_catchment_junior", "初中划片范围内在校生数",
		"junior students living inside the catchment area", {"初中划片范围内学生数", "划片范围内在校生数(初中)"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_BANDS_PRIMARY + 0) = {"classes_le25_primary", "小学25人及以下班级数",
		"primary classes of 25 pupils or fewer", {"小学25人以下班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_PRIMARY + 1) = {"classes_26_30_primary", "小学26-30人班级数",
		"primary classes of 26-30 pupils", {"小学26至30人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_PRIMARY + 2) = {"classes_31_35_primary", "小学31-35人班级数",
		"primary classes of 31-35 pupils", {"小学31至35人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_PRIMARY + 3) = {"classes_36_40_primary", "小学36-40人班级数",
		"primary classes of 36-40 pupils", {"小学36至40人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_PRIMARY + 4) = {"classes_41_45_primary", "小学41-45人班级数",
		"primary classes of 41-45 pupils", {"小学41至45人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_PRIMARY + 5) = {"classes_46_50_primary", "小学46-50人班级数",
		"primary classes of 46-50 pupils", {"小学46至50人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_PRIMARY + 6) = {"classes_51_55_primary", "小学51-55人班级数",
		"primary classes of 51-55 pupils", {"小学51至55人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_PRIMARY + 7) = {"classes_56_60_primary", "小学56-60人班级数",
		"primary classes of 56-60 pupils", {"小学56至60人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_PRIMARY + 8) = {"classes_61_65_primary", "小学61-65人班级数",
		"primary classes of 61-65 pupils", {"小学61至65人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_PRIMARY + 9) = {"classes_ge66_primary", "小学66人及以上班级数",
		"primary classes of 66 pupils or more", {"小学66人以上班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_JUNIOR + 0) = {"classes_le25_junior", "初中25人及以下班级数",
		"junior classes of 25 pupils or fewer", {"初中25人以下班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_JUNIOR + 1) = {"classes_26_30_junior", "初中26-30人班级数",
		"junior classes of 26-30 pupils", {"初中26至30人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_JUNIOR + 2) = {"classes_31_35_junior", "初中31-35人班级数",
		"junior classes of 31-35 pupils", {"初中31至35人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_JUNIOR + 3) = {"classes_36_40_junior", "初中36-40人班级数",
		"junior classes of 36-40 pupils", {"初中36至40人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_JUNIOR + 4) = {"classes_41_45_junior", "初中41-45人班级数",
		"junior classes of 41-45 pupils", {"初中41至45人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_JUNIOR + 5) = {"classes_46_50_junior", "初中46-50人班级数",
		"junior classes of 46-50 pupils", {"初中46至50人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_JUNIOR + 6) = {"classes_51_55_junior", "初中51-55人班级数",
		"junior classes of 51-55 pupils", {"初中51至55人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_JUNIOR + 7) = {"classes_56_60_junior", "初中56-60人班级数",
		"junior classes of 56-60 pupils", {"初中56至60人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_JUNIOR + 8) = {"classes_61_65_junior", "初中61-65人班级数",
		"junior classes of 61-65 pupils", {"初中61至65人班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_BANDS_JUNIOR + 9) = {"classes_ge66_junior", "初中66人及以上班级数",
		"junior classes of 66 pupils or more", {"初中66人以上班级数"},
		JH_COL_COUNT, JH_UNIT_CLASS, 0},
	F(JH_F_TEACHING_AUX_TOTAL) = {"teaching_aux_total_m2", "教学及辅助用房总面积",
		"teaching and auxiliary floor area, indoor sports rooms included (m²)",
		{"含室内体育用房的教学及辅助用房面积", "教学及辅助用房面积(含室内体育用房)"},
		JH_COL_NUMBER, JH_UNIT_M2, 0},
	F(JH_F_INDOOR_SPORTS_AREA) = {"indoor_sports_area_m2", "室内体育用房面积",
		"indoor sports rooms (m²)", {"室内体育场馆面积", "风雨操场面积"},
		JH_COL_NUMBER, JH_UNIT_M2, 0},
	F(JH_F_OUTDOOR_SPORTS_AREA) = {"outdoor_sports_area_m2", "室外体育运动场地面积",
		"outdoor sports grounds (m²)", {"室外运动场地面积", "体育运动场地面积"},
		JH_COL_NUMBER, JH_UNIT_M2, 0},
	F(JH_F_ROOFTOP_SPORTS_AREA) = {"rooftop_underground_sports_m2", "屋顶、地下体育运动场地面积",
		"rooftop and underground sports areas (m²)", {"屋顶及地下体育运动场地面积"},
		JH_COL_NUMBER, JH_UNIT_M2, 0},
	F(JH_F_LEASED_SPORTS_AREA) = {"leased_sports_area_m2", "租借校外体育场馆面积",
		"leased off-site sports venues within 10 minutes' walk (m²)",
		{"步行10分钟内租借的校外体育场馆面积"}, JH_COL_NUMBER, JH_UNIT_M2, 0},
	F(JH_F_BUILD_YEAR) = {"build_year", "建校年份", "year the school was built",
		{"建校时间", "建校年度"}, JH_COL_COUNT, JH_UNIT_NONE, 0},
	F(JH_F_MIGRANT_STUDENTS) = {"migrant_students", "随迁子女在校生数",
		"children of migrant workers among the students", {"随迁子女数", "进城务工人员随迁子女在校生数"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_TEACHERS_360H) = {"teachers_360h", "5年内完成360学时培训的专任教师数",
		"full-time teachers who completed 360 hours of training in 5 years",
		{"完成360学时培训的教师数", "五年内完成360学时培训的专任教师数"},
		JH_COL_COUNT, JH_UNIT_PERSON, 0},
	F(JH_F_RURAL_SMALL) = {"rural_small", "是否乡村小规模学校", "rural small school",
		{"乡村小规模学校"}, JH_COL_YESNO, JH_UNIT_NONE, 0},
	F(JH_F_SMALL_CLASSES) = {"largest_class_under_30", "最大班额是否不足30人",
		"largest class under 30 pupils", {"最大班额不足30人"}, JH_COL_YESNO, JH_UNIT_NONE, 0},
	F(JH_F_DENSE_CENTRAL) = {"dense_central", "是否中心城区人口密集学校",
		"school in a very dense central city area", {"中心城区人口密集学校"},
		JH_COL_YESNO, JH_UNIT_NONE, 0},
};
#undef F
#undef REQ

/* A header names at least half of the 21 required columns (11). */
const jhTemplate jhSchoolYear = {"school_year", cols, NCOLS, 11,
                                 JH_TPL_SHORT_ROWS | JH_TPL_EXTRAS};

/* The fields are columns of the school-year template. */
#define FIELD(f) (&jhSchoolYear.cols[JH_SY_IDCOLS + (f)])

int jh_field_is_required(jh_field f)
{
	return (unsigned)f < JH_F__COUNT && (FIELD(f)->flags & JH_COL_REQUIRED);
}

static const char *const loc_names[4][5] = {
	[JH_LOC_UNKNOWN] = {""},
	[JH_LOC_URBAN] = {"urban", "城区", "城市", "主城区", NULL},
	[JH_LOC_TOWN]  = {"town", "镇区", "县镇", "城镇", NULL},
	[JH_LOC_RURAL] = {"rural", "乡村", "农村", NULL},
};

static const char *const organisers[JH_ORGANISER_MAX + 1][2] = {
	{"", ""},
	{"中央教育部门", "central education department"},
	{"中央其他部门", "other central department"},
	{"省级教育部门", "provincial education department"},
	{"省级其他部门", "other provincial department"},
	{"地级教育部门", "prefecture education department"},
	{"地级其他部门", "other prefecture department"},
	{"县级教育部门", "county education department"},
	{"县级其他部门", "other county department"},
	{"地方企业", "local enterprise"},
	{"民办", "private"},
};

const char *jh_organiser_name(int code, const char *lang)
{
	if (code < 1 || code > JH_ORGANISER_MAX)
		return "";
	return organisers[code][en(lang) ? 1 : 0];
}

int jh_organiser_parse(const char *s)
{
	char *end;
	long n;

	if (!s)
		return 0;
	while (*s == ' ')
		s++;
	/* "7 县级教育部门" or "7": the code first. */
	n = strtol(s, &end, 10);
	if (end != s) {
		while (*end == ' ' || *end == '.' || *end == '-')
			end++;
		if (n < 1 || n > JH_ORGANISER_MAX)
			return 0;
		return !*end || !strcmp(end, organisers[n][0]) ||
		       !strcasecmp(end, organisers[n][1]) ? (int)n : 0;
	}
	for (int c = 1; c <= JH_ORGANISER_MAX; c++)
		if (!strcmp(s, organisers[c][0]) || !strcasecmp(s, organisers[c][1]))
			return c;
	return 0;
}

const char *jh_location_key(jh_location l)
{
	return (unsigned)l <= JH_LOC_RURAL ? loc_names[l][0] : "";
}

const char *jh_location_name(jh_location l, const char *lang)
{
	if (l < JH_LOC_URBAN || l > JH_LOC_RURAL)
		return "";
	return loc_names[l][en(lang) ? 0 : 1];
}

int jh_location_parse(const char *s)
{
	for (int l = JH_LOC_URBAN; l <= JH_LOC_RURAL; l++)
		if (!strcmp(s, loc_names[l][0]) || !strcmp(s, loc_names[l][1]))
			return l;
	for (int l = JH_LOC_URBAN; l <= JH_LOC_RURAL; l++)
		if (jhNameIn(s, loc_names[l]))
			return l;
	return -1;
}

const char *jh_field_key(jh_field f)
{
	return (unsigned)f < JH_F__COUNT ? FIELD(f)->key : "?";
}

const char *jh_field_name(jh_field f, const char *lang)
{
	if ((unsigned)f >= JH_F__COUNT)
		return "?";
	return en(lang) ? FIELD(f)->en : FIELD(f)->zh;
}

int jh_field_is_yesno(jh_field f)
{
	return (unsigned)f < JH_F__COUNT && FIELD(f)->type == JH_COL_YESNO;
}

int jh_field_is_additive(jh_field f)
{
	switch (f) {
	case JH_F_MUSIC_ROOM_MIN_AREA: case JH_F_ART_ROOM_MIN_AREA:
	case JH_F_LARGEST_CLASS_PRIMARY: case JH_F_LARGEST_CLASS_JUNIOR:
	case JH_F_ORGANISER: case JH_F_GRADES: case JH_F_BUILD_YEAR:
		return 0;
	default:
		return (unsigned)f < JH_F__COUNT && !jh_field_is_yesno(f);
	}
}

static const short band_lo[JH_BANDS] = {0, 26, 31, 36, 41, 46, 51, 56, 61, 66};

int jh_band_min(int b)
{
	return b >= 0 && b < JH_BANDS ? band_lo[b] : 0;
}

int jh_band_max(int b)
{
	return b >= 0 && b < JH_BANDS - 1 ? band_lo[b + 1] - 1 : 0;
}

int jh_field_is_count(jh_field f)
{
	return (unsigned)f < JH_F__COUNT && FIELD(f)->type == JH_COL_COUNT;
}

int jh_field_parse(const char *s)
{
	double f;

	/* A field named in another unit (万元) would take the value in the
	 * wrong one: only the template's unit. */
	for (int i = 0; i < JH_F__COUNT; i++)
		if (jhColMatchScale(FIELD(i), s, &f) && f == 1)
			return i;
	return -1;
}

/* --- indicators -------------------------------------------------------- */

static const struct {
	const char *key, *zh, *en, *short_zh, *short_en, *unit_zh, *unit_en;
} inds[JH_IND__COUNT] = {
	[JH_IND_QUALIFIED] = {"qualified_teachers_per100",
		"每百名学生拥有高于规定学历教师数",
		"teachers above the required qualification per 100 students",
		"高学历教师", "Qualified", "人/百生", "per 100"},
	[JH_IND_KEY] = {"key_teachers_per100",
		"每百名学生拥有县级及以上骨干教师数",
		"key teachers (county level or above) per 100 students",
		"骨干教师", "Key", "人/百生", "per 100"},
	[JH_IND_PE_ART] = {"pe_art_teachers_per100",
		"每百名学生拥有体育、艺术(美术、音乐)专任教师数",
		"PE and art (music, fine art) teachers per 100 students",
		"体艺教师", "PE/art", "人/百生", "per 100"},
	[JH_IND_TEACHING_AREA] = {"teaching_area_per_student",
		"生均教学及辅助用房面积",
		"teaching and auxiliary floor area per student",
		"教学用房", "Teach m²", "m²/生", "m²"},
	[JH_IND_SPORTS_AREA] = {"sports_area_per_student",
		"生均体育运动场馆面积",
		"sports ground and hall area per student",
		"体育场馆", "Sport m²", "m²/生", "m²"},
	[JH_IND_EQUIPMENT] = {"equipment_value_per_student",
		"生均教学仪器设备值",
		"teaching equipment value per student",
		"仪器设备", "Equip ¥", "元/生", "yuan"},
	[JH_IND_MULTIMEDIA] = {"multimedia_rooms_per100",
		"每百名学生拥有网络多媒体教室数",
		"networked multimedia classrooms per 100 students",
		"多媒体室", "Media", "间/百生", "per 100"},
};

const char *jh_indicator_key(jh_indicator i)
{
	return (unsigned)i < JH_IND__COUNT ? inds[i].key : "?";
}

const char *jh_indicator_name(jh_indicator i, const char *lang)
{
	if ((unsigned)i >= JH_IND__COUNT)
		return "?";
	return en(lang) ? inds[i].en : inds[i].zh;
}

const char *jh_indicator_short(jh_indicator i, const char *lang)
{
	if ((unsigned)i >= JH_IND__COUNT)
		return "?";
	return en(lang) ? inds[i].short_en : inds[i].short_zh;
}

const char *jh_indicator_unit(jh_indicator i, const char *lang)
{
	if ((unsigned)i >= JH_IND__COUNT)
		return "?";
	return en(lang) ? inds[i].unit_en : inds[i].unit_zh;
}

int jh_indicator_parse(const char *key)
{
	for (int i = 0; i < JH_IND__COUNT; i++)
		if (!strcmp(key, inds[i].key))
			return i;
	return -1;
}

int jh_format_parse(const char *s)
{
	if (!strcasecmp(s, "text"))
		return JH_FMT_TEXT;
	if (!strcasecmp(s, "json"))
		return JH_FMT_JSON;
	if (!strcasecmp(s, "csv"))
		return JH_FMT_CSV;
	return -1;
}
