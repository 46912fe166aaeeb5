/*
** diag.c — error codes and input diagnostics, with their messages.
**
** As in kcgi, each enum has a parallel table of messages, here in Chinese
** and English.  A diagnostic records where a problem is (file, sheet, line,
** column) and up to two arguments; the message is rendered only when shown,
** so the same list can be printed in either language.
*/
#include "util_int.h"

#include <stdlib.h>
#include <string.h>

static const char *const code_msg[JH_ERR__COUNT][2] = {
	[JH_OK]           = {"成功", "success"},
	[JH_ERR_NOMEM]    = {"内存不足", "out of memory"},
	[JH_ERR_INPUT]    = {"输入数据有错误", "the input has errors"},
	[JH_ERR_ENCODING] = {"文件既不是 UTF-8 也不是 GB18030 编码",
	                     "the file is neither UTF-8 nor GB18030"},
	[JH_ERR_STANDARD] = {"标准文件有错误", "the standard file has errors"},
	[JH_ERR_ARG]      = {"参数无效", "invalid argument"},
	[JH_ERR_NOTFOUND] = {"未找到", "not found"},
	[JH_ERR_IO]       = {"读写失败", "input/output failed"},
	[JH_ERR_FORMAT]   = {"文件格式不正确", "the file is not in the expected format"},
	[JH_ERR_DB]       = {"数据库错误", "database error"},
	[JH_ERR_CONFLICT] = {"数据与已存数据冲突", "the data conflicts with stored data"},
	[JH_ERR_AUTH]     = {"未登录、用户名或密码错误,或登录已过期",
	                     "not signed in, wrong user name or password, or the session expired"},
	[JH_ERR_DENIED]   = {"无权进行此操作", "not allowed"},
	[JH_ERR_BUSY]     = {"尝试过于频繁,请稍后再试", "too many attempts; try again later"},
};

static int lang_index(const char *lang)
{
	return lang && strcmp(lang, "en") == 0;
}

const char *jh_code_str(jh_code code, const char *lang)
{
	if ((int)code < 0 || code >= JH_ERR__COUNT)
		return lang_index(lang) ? "unknown error" : "未知错误";
	return code_msg[code][lang_index(lang)];
}

/* Messages: two %s slots at most, filled by arg then arg2, in that order
 * in both languages. */
static const char *const problem_msg[JH_P__COUNT][2] = {
	[JH_P_OTHER]            = {"%s", "%s"},
	[JH_P_ENCODING]         = {"文件既不是 UTF-8 也不是 GB18030 编码",
	                           "the file is neither UTF-8 nor GB18030"},
	[JH_P_EMPTY_FILE]       = {"文件为空", "the file is empty"},
	[JH_P_UNTERMINATED_QUOTE] = {"引号未闭合", "unterminated quoted field"},
	[JH_P_BAD_QUOTE]        = {"闭合引号后有多余字符",
	                           "characters after a closing quote"},
	[JH_P_NO_HEADER]        = {"找不到表头行(应包含模板的必需列)",
	                           "no header row with the template's required columns"},
	[JH_P_MISSING_COLUMN]   = {"缺少必需的列“%s”", "missing required column '%s'"},
	[JH_P_DUPLICATE_COLUMN] = {"列“%s”重复出现", "column '%s' appears twice"},
	[JH_P_SHORT_ROW]        = {"本行只有 %s 个字段,表头有 %s 个",
	                           "row has %s fields, the header has %s"},
	[JH_P_LONG_ROW]         = {"本行有 %s 个字段,多于表头的 %s 个",
	                           "row has %s fields, more than the header's %s"},
	[JH_P_EMPTY_VALUE]      = {"必填值为空", "required value is empty"},
	[JH_P_NOT_NUMBER]       = {"“%s”不是数字", "'%s' is not a number"},
	[JH_P_NEGATIVE]         = {"“%s”为负数", "'%s' is negative"},
	[JH_P_NOT_INTEGER]      = {"“%s”不是整数(人数、间数须为整数)",
	                           "'%s' is not a whole number (counts must be whole)"},
	[JH_P_BAD_YEAR]         = {"年度“%s”无效(应为 %s 的年份)",
	                           "year '%s' is invalid (expected %s)"},
	[JH_P_BAD_COUNTY_CODE]  = {"县(市、区)代码“%s”无效(应为 6 位数字)",
	                           "county code '%s' is invalid (expected 6 digits)"},
	[JH_P_BAD_SCHOOL_CODE]  = {"学校标识码“%s”无效(应为 10 位数字或 18 位统一社会信用代码)",
	                           "school code '%s' is invalid (expected 10 digits or an 18-character credit code)"},
	[JH_P_BAD_SCHOOL_TYPE]  = {"办学类型“%s”无法识别(可填:小学、初级中学、九年一贯制学校、十二年一贯制学校、完全中学、教学点)",
	                           "unknown school type '%s' (accepted: primary, junior, nine_year, twelve_year, complete_middle, teaching_point)"},
	[JH_P_DUPLICATE_SCHOOL] = {"学校 %s 在同一年度重复出现(另见 %s)",
	                           "school %s appears twice in the same year (see also %s)"},
	[JH_P_TEACHERS_EXCEED]  = {"“%s”大于“%s”", "'%s' is greater than '%s'"},
	[JH_P_STAGE_NOT_OFFERED]= {"“%s”应为 0:办学类型“%s”没有该学段",
	                           "'%s' must be 0: school type '%s' has no such stage"},
	[JH_P_TOO_LONG]         = {"%.0s此格的值过长:最多 %s 字节(一个汉字占 3 字节),请缩短",
	                           "%.0sthis value is too long: at most %s bytes (a Chinese character takes 3); shorten it"},
	[JH_P_STD_SYNTAX]       = {"语法错误:%s", "syntax error: %s"},
	[JH_P_STD_UNKNOWN_KEY]  = {"未知的键“%s”", "unknown key '%s'"},
	[JH_P_STD_BAD_VALUE]    = {"键“%s”的值“%s”无效", "invalid value '%2$s' for key '%1$s'"},
	[JH_P_STD_MISSING_KEY]  = {"缺少键“%s”", "missing key '%s'"},
	[JH_P_STD_LOOSER]       = {"“%s”比基础标准(%s)宽松;地方标准只能从严",
	                           "'%s' is looser than the base standard (%s); a local standard may only tighten it"},
	[JH_P_STD_BAD_BASE]     = {"未知的基础标准“%s”", "unknown base standard '%s'"},
	[JH_P_NO_PARENT]        = {"教学点所属中心校 %s 不在同一县、同一年度的数据中",
	                           "the teaching point's central school %s is not in the same county and year"},
	[JH_P_ABSURD_VALUE]     = {"“%s”的值不合理:%s", "value of '%s' is implausible: %s"},
	[JH_P_XLSX]             = {"不是有效的 XLSX 文件:%s", "not a valid XLSX file: %s"},
	[JH_P_STORE]            = {"数据库内部错误,数据库未改变(技术细节:%s)",
	                           "internal database error; the database is unchanged (detail: %s)"},
	[JH_P_UNKNOWN_COUNTY]   = {"县(市、区)代码 %s 不在数据库中,请先导入行政区划表",
	                           "county code %s is not in the database; import the area table first"},
	[JH_P_SCHOOL_MOVED]     = {"学校 %s 已登记在县(市、区) %s,不能同时属于两个县",
	                           "school %s is registered in county %s; a school cannot be in two counties"},
	[JH_P_TYPE_CHANGED]     = {"学校 %s 在 %s 年度已登记为另一种办学类型;导入不改变已登记年度的办学类型(不同年度可以不同),如需更正请用 junheng set 数据库 --school 学校标识码 --year 年度 办学类型=… --why 原因",
	                           "school %s is stored for %s with another school type; an import does not change the type of a stored year (years may differ): to correct it use junheng set DB --school CODE --year YEAR school_type=... --why REASON"},
	[JH_P_BAD_AREA]         = {"行政区划代码 %s:%s", "area code %s: %s"},
	[JH_P_NOT_FOUND]        = {"找不到 %s", "%s not found"},
	[JH_P_BAD_LOCATION]     = {"城乡类型“%s”无法识别(城区、镇区、乡村)",
	                           "unknown location '%s' (urban, town, rural)"},
	[JH_P_BAD_BOOLEAN]      = {"“%s”应为 是/否", "'%s' should be yes or no"},
	[JH_P_DUPLICATE_ITEM]   = {"县级年度指标 %s 重复出现(另见 %s)",
	                           "county-year record %s appears twice (see also %s)"},
	[JH_P_ITEM_UNKNOWN]     = {"未知的指标“%s”", "unknown item '%s'"},
	[JH_P_ITEM_SUBJECT]     = {"未知的监测科目“%s”(chinese、math、science、pe、art、moral)",
	                           "unknown subject '%s' (chinese, math, science, pe, art, moral)"},
	[JH_P_ITEM_SURVEY_KEY]  = {"问卷指标“%s”应为 survey.群体.satisfied 或 survey.群体.answers",
	                           "survey item '%s' should be survey.GROUP.satisfied or survey.GROUP.answers"},
	[JH_P_ITEM_GROUP]       = {"未知的调查对象群体“%s”(可填:学生、家长、教师、校长、人大代表或政协委员、其他群众)",
	                           "unknown respondent group '%s' (accepted: students, parents, teachers, principals, deputies, others)"},
	[JH_P_ITEM_YESNO]       = {"“%s”应为 是 或 否", "'%s' should be 是 or 否 (yes or no)"},
	[JH_P_ITEM_RATE]        = {"“%s”应为比例:0 至 1 之间的数,或百分数如 95%%",
	                           "'%s' should be a rate: 0 to 1, or a percentage like 95%%"},
	[JH_P_ITEM_NUMBER]      = {"“%s”应为不小于 0 的数", "'%s' should be a number, 0 or more"},
	[JH_P_ITEM_WHOLE]       = {"“%s”应为不小于 0 的整数", "'%s' should be a whole number"},
	[JH_P_ITEM_YEAR]        = {"“%s”应为年份(%s)", "'%s' should be a year (%s)"},
	[JH_P_ITEM_GRADE]       = {"“%s”应为 优秀、良好、合格 或 不合格",
	                           "'%s' should be 优秀, 良好, 合格 or 不合格"},
	[JH_P_ITEM_LEVEL]       = {"“%s”应为等级 Ⅰ 至 Ⅳ", "'%s' should be a level Ⅰ to Ⅳ"},
	[JH_P_SURVEY_ANSWER]    = {"回答“%s”不是 满意、比较满意、一般、不满意 之一",
	                           "answer '%s' is not one of 满意, 比较满意, 一般, 不满意"},
	[JH_P_WHATIF_ACTION]    = {"未知的操作“%s”(增加、设为、撤销、合并、转移)",
	                           "unknown action '%s' (add, set, close, merge, move)"},
	[JH_P_WHATIF_SCHOOL]    = {"学校 %s 不在该县该年度的数据中(或已撤销)",
	                           "school %s is not in this county and year (or already closed)"},
	[JH_P_WHATIF_TARGET]    = {"目标学校“%s”不在该县该年度的数据中",
	                           "target school '%s' is not in this county and year"},
	[JH_P_WHATIF_FIELD]     = {"未知的字段“%s”", "unknown field '%s'"},
	[JH_P_WHATIF_NEGATIVE]  = {"“%s”会变为负数", "'%s' would become negative"},
	[JH_P_WHATIF_MERGE]     = {"目标学校 %s 没有学校 %s 的全部学段,不能合并",
	                           "target school %s cannot take the stages of %s"},
	[JH_P_WHATIF_MOVE_FIELD]= {"转移学生时字段应为小学在校生数、初中在校生数或高中在校生数(而非“%s”)",
	                           "move takes students_primary, students_junior or students_senior (not '%s')"},
	[JH_P_WHATIF_TOO_FEW]   = {"学校 %s 该学段只有 %s 名学生", "school %s has only %s pupils in that stage"},
	[JH_P_WHATIF_NO_STAGE]  = {"目标学校 %s 没有“%s”对应的学段", "target school %s has no stage for '%s'"},
	[JH_P_YEAR_MISMATCH]    = {"本行年度为 %s,但导入指定的年度为 %s",
	                           "the row's year is %s but the import is for %s"},
	[JH_P_STD_DEFINITIONAL] = {"“%s”定义评估本身,地方标准不能更改(基础标准为 %s)",
	                           "'%s' defines the evaluation itself; a local standard cannot change it (the base standard has %s)"},
	[JH_P_STD_STRICTER_ONLY]= {"“%s”在地方标准中只能改为更严格的“%s”",
	                           "'%s' may only be changed to the stricter '%s' in a local standard"},
	[JH_P_STD_NO_BASE]      = {"标准文件须写明其基础标准(base = national-2017):地方标准只能在国家标准基础上从严",
	                           "a standards file must name its base (base = national-2017): a local standard can only tighten the national one"},
	[JH_P_PLAN_SCHOOL_UNREACHABLE] = {"没有可行方案:学校 %s 无论增加多少资源都无法达标",
	                           "no plan exists: no addition makes school %s pass"},
	[JH_P_PLAN_INFEASIBLE]  = {"没有可行方案:增加资源无法使各项差异系数全部达标",
	                           "no plan exists: no additions bring every difference coefficient within its limit"},
	[JH_P_PLAN_TIME_LIMIT]  = {"在时限(%s 秒)内未求得方案",
	                           "no plan found within the time limit (%s s)"},
	[JH_P_PLAN_SOLVER_FAILED] = {"求解器(GLPK)出错,未求得方案",
	                           "the solver (GLPK) failed: no plan"},
	[JH_P_UNNAMED_CELL]     = {"“%s”在第 %s 列,但该列没有表头",
	                           "'%s' is in column %s, which has no header"},
	[JH_P_STORE_URI]        = {"无法识别的数据库地址“%s”(应为文件路径或 sqlite:文件)",
	                           "unrecognised database address '%s' (a file path or sqlite:FILE)"},
	[JH_P_BACKEND_NOT_BUILT] = {"%s 数据库后端尚未实现(目前只支持 SQLite:文件路径或 sqlite:文件)",
	                            "the %s database backend is not built yet (only SQLite is: a file path or sqlite:FILE)"},
	[JH_P_CONFLICT]         = {"学校年度 %s 在本次编辑所依据的修订之后已被修订 %s 更改;请在最新数据上重做",
	                           "school-year %s was changed by revision %s after the revision this edit is based on; redo it on the current data"},
	[JH_P_AS_OF_SPEC]       = {"“%s”既不是修订号也不是日期(如 2024-05-01 或 2024-05-01T18:30:00,当地时间;末尾加 Z 为协调世界时)",
	                           "'%s' is neither a revision number nor a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS, local time; a final Z for UTC)"},
	[JH_P_SET_FIELD]        = {"字段“%s”不存在或不可修改", "field '%s' is unknown or cannot be changed"},
	[JH_P_NOT_JUNHENG]      = {"不是均衡数据库(另一程序的 SQLite 文件,未作改动;新数据库请用 junheng init 新文件名 创建)",
	                           "not a junheng database (another program's SQLite file, left unchanged; create a new database with `junheng init NEWFILE`)"},
	[JH_P_NEWER_SCHEMA]     = {"数据库由更新版本的 junheng 写入(数据结构版本 %s)",
	                           "the database was written by a newer junheng (schema version %s)"},
	[JH_P_AREA_LEVEL]       = {"行政区划代码 %s 在库中属于另一级别", "area code %s is stored at another level"},
	[JH_P_AREA_PARENT]      = {"行政区划代码 %s 的上级 %s 未知", "area code %s: its parent area %s is unknown"},
	[JH_P_DB_BUSY]          = {"数据库正被另一个写入者占用,请稍后重试",
	                           "the database is busy with another writer; try again"},
	[JH_P_DB_DAMAGED]       = {"文件不是数据库或数据库已损坏(请从备份恢复)",
	                           "the file is not a database or the database is damaged (restore it from a backup)"},
	[JH_P_DB_FULL]          = {"磁盘已满,数据库未改变", "the disk is full; the database is unchanged"},
	[JH_P_DB_READONLY]      = {"数据库文件只读,无法写入", "the database file is read-only"},
	[JH_P_WHATIF_MOVE_NEGATIVE] = {"转移的学生数“%s”为负数:应填要转出的学生人数(0 或正整数)",
	                           "the number of pupils to move, '%s', is negative: give how many pupils leave (0 or more)"},
	[JH_P_WHATIF_COLUMN]    = {"变更文件中有未知的列“%s”(可用的列:操作、学校标识码、字段、值、目标学校,及仅供查看的县(市、区)代码、学校名称)",
	                           "unknown column '%s' in the change file (columns: action, school_code, field, value, target, and for the reader only county_code, school_name)"},
	[JH_P_XLSX_CELL_TOO_LONG] = {
		"学校 %s 的这个值有 %s 个字符,超过 XLSX 单元格能存的 32,767 个字符;请改为导出 CSV,或缩短这个值",
		"school %s: the value has %s characters, more than the 32,767 an XLSX cell holds; export as CSV instead, or shorten the value"},
	[JH_P_XLSX_HEADER_TOO_LONG] = {
		"列名有 %s 个字符,超过 XLSX 单元格能存的 32,767 个字符;请改为导出 CSV",
		"the column name has %s characters, more than the 32,767 an XLSX cell holds; export as CSV instead"},
	[JH_P_XLSX_SHEET_LIMIT] = {
		"导出需要 %s 行、%s 列,超过 XLSX 工作表的上限(1,048,576 行、16,384 列);请按县分别导出,或改为导出 CSV",
		"the export needs %s rows and %s columns, more than an XLSX sheet holds (1,048,576 rows, 16,384 columns); export one county at a time, or as CSV"},
	[JH_P_CLEAR_REQUIRED]   = {"必填列不能清空(“%s”):请填写数值",
	                           "a required column cannot be cleared ('%s'): give a value"},
	/* Each language shows one of the two names: %.0s prints nothing. */
	[JH_P_LOOKS_LIKE_COLUMN] = {"不是模板中的列,但与模板列相近:是否应为「%s」?%.0s"
	                            "若确为附加列,请用 --extra-columns 列名 声明(或 --allow-extra)",
	                            "%.0snot a template column, but close to one: did you mean '%s'? "
	                            "If it is an extra column, declare it with --extra-columns NAME (or --allow-extra)"},
	[JH_P_DB_CANTOPEN]      = {"无法打开数据库文件(检查路径和读取权限)",
	                           "cannot open the database file (check the path and read permission)"},
	[JH_P_DB_MISSING]       = {"数据库 %s 不存在;请先运行 junheng init %s 创建",
	                           "there is no database %s; create it with `junheng init %s` first"},
	[JH_P_FILE_MISSING]     = {"文件不存在", "no such file"},
	[JH_P_FILE_DENIED]      = {"没有读取该文件的权限", "no permission to read the file"},
	[JH_P_FILE_UNREADABLE]  = {"无法读取该文件(是目录,或读取出错)",
	                           "cannot read the file (a directory, or a read error)"},
	[JH_P_FILE_TOO_BIG]     = {"文件过大(%s MB;上限 %s MB),未读取",
	                           "the file is too big (%s MB; the limit is %s MB); not read"},
	[JH_P_TOO_MANY_COLUMNS] = {"表头有 %s 列,超过上限 %s 列(模板列与附加列合计),未导入",
	                           "the header has %s columns, more than the limit of %s (template and extra columns together); nothing imported"},
	[JH_P_HEADER_TOO_LONG]  = {"表头单元格有 %s 个字符,超过上限 %s 个字符",
	                           "a header cell of %s characters, more than the limit of %s"},
	[JH_P_CELL_TOO_LONG]    = {"单元格有 %s 个字符,超过上限 %s 个字符",
	                           "a cell of %s characters, more than the limit of %s"},
	[JH_P_AS_OF_NO_REVISION] = {"没有修订 %s(修订号从 1 到 %s)",
	                           "there is no revision %s (revisions are numbered 1 to %s)"},
	[JH_P_AS_OF_BEFORE]     = {"到 %s(当地时间)为止数据库还没有任何修订;各次修订的时间见 junheng history 数据库 --revisions",
	                           "the database had no revision yet by %s (local time); see the revisions' times with junheng history DB --revisions"},
	[JH_P_DB_IO]            = {"读写数据库文件出错(磁盘或网络共享故障),数据库未改变",
	                           "reading or writing the database file failed (a disk or network share fault); the database is unchanged"},
	[JH_P_DB_OLD_SCHEMA]    = {"数据库的数据结构版本 %s 较旧;请运行 junheng init %s 升级(只读打开时不会升级)",
	                           "the database has the older schema version %s; upgrade it with `junheng init %s` (opening it to read never upgrades it)"},
	[JH_P_DASH_OFFERED]     = {"该校办学类型有这个学段,此格不能为空或填“%s”:请填写 0 或实际数字",
	                           "the school's type has this stage, so this cell cannot be blank or '%s': enter 0 or the number"},
	[JH_P_BIG5]             = {"文件是繁体中文 Big5 编码,不能读取:请在 Excel 中“另存为”“CSV UTF-8(逗号分隔)”后再导入",
	                           "the file is in Big5 (traditional Chinese), which is not read: in Excel, save it as \"CSV UTF-8 (Comma delimited)\" and import that"},
	[JH_P_XLS]              = {"不是有效的 XLS 文件:%s", "not a valid XLS file: %s"},
	[JH_P_NOTE_TOTAL_ROW]   = {"“%s”行是合计行,已跳过(不计入数据)",
	                           "'%s' is a total row: skipped (not added to the data)"},
	[JH_P_NOTE_FOOTER]      = {"“%s”是表尾(制表人、审核人等),已跳过",
	                           "'%s' is a footer (prepared by, checked by…): skipped"},
	[JH_P_NOTE_RIGHT_NOTES] = {"第 %s 列起的内容(如“%s”)在表格右侧空列之外,视为备注,已忽略",
	                           "cells from column %s on (such as '%s') lie past a blank column right of the table: taken as notes and ignored"},
	[JH_P_NOTE_COLUMN_IGNORED] = {"列“%s”不是问卷题目,已忽略",
	                           "column '%s' is not a question: ignored"},
	[JH_P_NOTE_UNIT_SCALED] = {"该列以“%s”计,数值已乘以 %s 换算为模板单位",
	                           "this column is in '%s': values multiplied by %s into the template's unit"},
	[JH_P_STD_NO_EQUALS]    = {"应为“键 = 值”的形式", "expected `key = value`"},
	[JH_P_STD_KEY_TWICE]    = {"“%s”在同一文件中设置了两次", "'%s' is set twice in the file"},
	[JH_P_ACCOUNT_EXISTS]   = {"用户名“%s”已存在", "the user name '%s' exists already"},
	[JH_P_ACCOUNT_UNKNOWN]  = {"没有用户名为“%s”的账号", "there is no account named '%s'"},
	[JH_P_ACCOUNT_NAME]     = {"用户名“%s”无效:应为 1 至 63 字节,由字母、数字、汉字及 . _ - @ 组成,且不以 . 或 - 开头",
	                           "the user name '%s' is invalid: 1 to 63 bytes of letters, digits, Chinese characters and . _ - @, not starting with . or -"},
	[JH_P_PASSWORD_SHORT]   = {"密码太短:至少 %s 个字节", "the password is too short: at least %s bytes"},
	[JH_P_PASSWORD_LONG]    = {"密码太长:最多 %s 个字节", "the password is too long: at most %s bytes"},
	[JH_P_PASSWORD_UTF8]    = {"密码不是有效的 UTF-8 文本", "the password is not valid UTF-8 text"},
	[JH_P_ROLE_UNKNOWN]     = {"未知的角色“%s”(可填:admin 或 系统管理员、province 或 省级督导室、city 或 市级督导室、county 或 县级督导室、inspector 或 督学、school 或 学校)",
	                           "unknown role '%s' (accepted: admin, province, city, county, inspector, school)"},
	[JH_P_ROLE_AREA]        = {"角色与代码“%s”不相符:管理员不绑定区域;省、市、县级账号绑定同级行政区划代码;督学绑定任一行政区划;学校账号绑定学校标识码",
	                           "the role does not go with the code '%s': an administrator has no area; province, city and county accounts take an area code of their level; an inspector any area; a school account a school code"},
	[JH_P_ACCOUNT_AREA_UNKNOWN] = {"行政区划代码 %s 不在数据库中", "area code %s is not in the database"},
	[JH_P_ACCOUNT_SCHOOL_UNKNOWN] = {"学校标识码 %s 不在数据库中", "school code %s is not in the database"},
	[JH_P_SIGN_IN_FAILED]   = {"用户名或密码错误", "wrong user name or password"},
	[JH_P_SIGN_IN_REQUIRED] = {"未登录或登录已过期,请重新登录", "not signed in, or the session expired: sign in again"},
	[JH_P_THROTTLED]        = {"登录失败次数过多,请 %s 秒后再试", "too many failed sign-ins: try again in %s seconds"},
	[JH_P_DENIED]           = {"无权访问或修改 %s", "not allowed to see or change %s"},
	[JH_P_IMPORT_OUTSIDE]   = {"%s 不在本账号的范围(%s)内,整批导入未执行",
	                           "%s is outside this account's area (%s); nothing was imported"},
	[JH_P_IMPORT_AREA_OUTSIDE] = {"行政区划 %s 不在本账号的范围(%s)内,且与库中记录不同,整批导入未执行",
	                           "area %s is outside this account's area (%s) and differs from the stored one; nothing was imported"},
	[JH_P_IMPORT_DENIED]    = {"本账号的角色不能导入数据", "this account's role cannot import data"},
	[JH_P_MANAGE_DENIED]    = {"无权管理绑定 %s 的该角色账号", "not allowed to manage an account of that role bound to %s"},

	/* --- issue 12, the creation cycle: ledgers --- */
	[JH_P_LEDGER_UNKNOWN]   = {"台账事项 %s 不存在", "ledger item %s does not exist"},
	[JH_P_LEDGER_VERSION]   = {"台账事项已被他人修改(提交的版本 %s,当前版本 %s),请刷新后重试",
	                           "the ledger item was changed meanwhile (version %s given, now %s); reload and try again"},
	[JH_P_LEDGER_MOVE]      = {"台账事项不能从“%s”改为“%s”", "a ledger item cannot move from '%s' to '%s'"},
	[JH_P_LEDGER_SHORTFALL] = {"当前数据仍未达标:现值 %s,要求 %s,不能销号",
	                           "the current data still shows the shortfall: %s now, %s required; not signed off"},
	[JH_P_LEDGER_SIGNOFF_ROLE] = {"销号须由高于责任方的层级办理(%s事项)",
	                           "sign-off needs a level above the owner (a %s item)"},
	[JH_P_LEDGER_OVERRIDE_ROLE] = {"只有市级及以上可以说明理由直接销号",
	                           "only the city, province or administrator may sign off with an override reason"},
	[JH_P_LEDGER_SUPERVISE_ROLE] = {"只有市级及以上可以挂牌督办",
	                           "only the city, province or administrator may put an item under named supervision"},
	[JH_P_LEDGER_TEXT_LONG] = {"“%s”过长(最多 %s 个字符)", "'%s' is too long (at most %s characters)"},
	[JH_P_LEDGER_TEXT_EMPTY]= {"“%s”不能为空", "'%s' must not be empty"},
	[JH_P_LEDGER_DEADLINE]  = {"整改期限“%s”不是日期(YYYY-MM-DD)", "deadline '%s' is not a day (YYYY-MM-DD)"},
	[JH_P_LEDGER_SCHOOL]    = {"学校 %s 不属于县 %s", "school %s is not a school of county %s"},
	[JH_P_LEDGER_EVIDENCE_BIG] = {"佐证材料 %s 字节,超过上限 %s 字节", "evidence of %s bytes is over the limit of %s bytes"},
	[JH_P_LEDGER_SIGNED]    = {"台账事项 %s 已销号", "ledger item %s is already signed off"},
	[JH_P_LEDGER_NO_DATA]   = {"县 %s 在 %s 年没有数据,无法核验", "county %s has no data for %s to check against"},
	[JH_P_LEDGER_COUNTY]    = {"%s 不是已存储的县", "%s is not a stored county"},
	[JH_P_LEDGER_FIELD]     = {"“%s”不是可修改的字段", "'%s' is not a field that may be set"},

	/* --- issue 12: creation plans and trends --- */
	[JH_P_PLAN_JSON]        = {"创建方案不是有效的 JSON 对象:%s", "the plan is not a valid JSON object: %s"},
	[JH_P_PLAN_FIELD_UNKNOWN] = {"创建方案没有此字段", "the plan has no such field"},
	[JH_P_PLAN_FIELD_TYPE]  = {"此字段应为%s", "this field must be %s"},
	[JH_P_PLAN_FIELD_MISSING] = {"缺少此字段(必填)", "this field is required"},
	[JH_P_PLAN_YEAR]        = {"年度“%s”无效:应为 1990 至 2100 之间的整数", "the year '%s' is invalid: a whole number from 1990 to 2100"},
	[JH_P_PLAN_DAY]         = {"日期“%s”无效:应为实际存在的日期 YYYY-MM-DD", "the day '%s' is invalid: a real calendar day YYYY-MM-DD"},
	[JH_P_PLAN_MEASURE]     = {"未知的测量项“%s”(见 junheng plan --measures)", "unknown measure '%s' (see junheng plan --measures)"},
	[JH_P_PLAN_BOUND]       = {"测量项“%s”的目标应且只应给出 max、min、pass 或(手工目标)done 之一,且与测量项相符", "the target on '%s' must give exactly one of max, min, pass or (a manual target) done, as the measure allows"},
	[JH_P_PLAN_TEXT_LONG]   = {"文字太长:最多 %s 个字符", "the text is too long: at most %s characters"},
	[JH_P_PLAN_YEAR_TWICE]  = {"%s 年的阶段目标重复", "the milestone of %s is given twice"},
	[JH_P_PLAN_SCHOOL]      = {"学校 %s 不是县 %s 的学校", "school %s is not a school of county %s"},
	[JH_P_PLAN_CITY_MEASURE] = {"测量项“%s”不能跨县累计,不能作为全市目标", "the measure '%s' cannot be summed over counties: not a city-wide target"},
	[JH_P_PLAN_TARGET_YEAR_DENIED] = {"创建目标年度(现为 %s)只能由市级及以上修改", "the target year (now %s) is changed only by the city or above"},
	[JH_P_PLAN_VERSION]     = {"创建方案已被他人修改:所据版本 %s,现为版本 %s;请重新读取后再改", "the plan was changed meanwhile: version %s read, version %s now; read it again and redo the change"},
	[JH_P_PLAN_NOT_COUNTY]  = {"%s 不是县(市、区)代码", "%s is not a county code"},
	[JH_P_PLAN_NOT_CITY]    = {"%s 不是市(地、州)代码", "%s is not a city code"},
	[JH_P_PLAN_TOO_MANY]    = {"条目太多:最多 %s 条", "too many entries: at most %s"},
	[JH_P_TRENDS_YEARS]     = {"比较年度 %s 应早于年度 %s", "the base year %s must come before the year %s"},

	/* --- issue 12: the yearly workflow, snapshots, notices --- */
	[JH_P_CYCLE_VERSION]    = {"该年度流程已被他人更新(当前版本 %s,状态 %s),请刷新后再操作",
	                           "the workflow was changed by someone else (now version %s, state %s): reload and try again"},
	[JH_P_CYCLE_STATE]      = {"当前状态下不能执行“%s”(当前状态:%s)",
	                           "'%s' cannot be done in the current state (%s)"},
	[JH_P_CYCLE_ROLE]       = {"“%s”只能由%s执行", "'%s' may be done only by %s"},
	[JH_P_CYCLE_TEXT]       = {"“%s”应为 1 至 %s 个字符的文本", "'%s' must be text of 1 to %s characters"},
	[JH_P_CYCLE_NO_DATA]    = {"%s 没有学校年度数据", "%s has no school-year data"},
	[JH_P_CYCLE_FINDINGS_OPEN] = {"复核意见中还有 %s 项问题未销号(台账编号 %s)",
	                           "%s findings of the review are not signed off yet (ledger items %s)"},
	[JH_P_CYCLE_NOT_TARGET] = {"%s 年度的流程不能申报:申报用创建目标年份前一年的数据(目标年份:%s)",
	                           "the %s cycle cannot apply: the application uses the year before the target year (target year: %s)"},
	[JH_P_CYCLE_VERDICT_FAILS] = {"当前数据的综合结论未达到:%s 项不达标,%s 项缺数据",
	                           "the verdict on the current data fails: %s items fail, %s items lack data"},
	[JH_P_CYCLE_DEADLINE]   = {"“%s”的期限“%s”不是有效日期或早于今天",
	                           "the deadline '%2$s' of '%1$s' is not a day or is before today"},
	[JH_P_CYCLE_DECISION]   = {"评估结论“%s”无效(可填 forwarded 报省、returned 退回)",
	                           "the decision '%s' is invalid (forwarded or returned)"},
	[JH_P_CYCLE_FINDING_SCHOOL] = {"学校 %s 不在该县", "school %s is not of this county"},
	[JH_P_CYCLE_DEADLINES_CONF] = {"期限设置“%s = %s”无效", "the deadline setting '%s = %s' is invalid"},
	[JH_P_CYCLE_FIELD]      = {"缺少字段“%s”或其类型不对", "the field '%s' is missing or of the wrong kind"},

	/* issue 13: reports */
	[JH_P_REPORT_KIND]      = {"没有“%s”这种报表", "there is no report of the kind '%s'"},
	[JH_P_REPORT_FORMAT]    = {"报表格式“%s”不可用:这种报表只生成 %s", "the report format '%s' is not available: this report is made as %s only"},
	[JH_P_REPORT_NEEDS]     = {"报表“%s”需要指定 %s", "the report '%s' needs %s"},
	[JH_P_REPORT_TAKES_NOT] = {"报表“%s”不接受 %s", "the report '%s' does not take %s"},
	[JH_P_REPORT_WRITE]     = {"无法生成 %s 文件:%s", "the %s file cannot be made: %s"},
	[JH_P_VALUE_RANGE]      = {"“%s”不是允许的值(%s)", "'%s' is not an allowed value (%s)"},
	[JH_P_REPORT_NO_REVIEW] = {"%s 尚无市级复核记录,无法生成督导评估意见书", "%s has no review by the city yet: there is no review opinion to make"},
	[JH_P_ITEM_VISIT_KEY]   = {"实地走访指标“%s”应为 visit.群体.people 或 visit.群体.satisfied",
	                           "field-visit item '%s' should be visit.GROUP.people or visit.GROUP.satisfied"},
	/* (report problems end) */
	[JH_P_DERIVED_DISAGREES] = {"填写的 %s 与由原始数据算得的 %s 不一致",
	                            "%s as given disagrees with %s computed from the raw figures"},
	[JH_P_DEGREES_EXCEED]    = {"各学历专任教师数之和 %s 超过专任教师数 %s",
	                            "teachers by degree add up to %s, more than the %s full-time teachers"},
	[JH_P_RAW_INCOMPLETE]    = {"要由原始数据算出“%s”,还需填写:%s",
	                            "to compute '%s' from the raw figures, also give: %s"},
	[JH_P_PART_EXCEEDS]      = {"%s 大于 %s", "%s is more than %s"},
	[JH_P_FORM_LAYOUT]       = {"工作表不是按“序号、类别、填报项目、单位、填报值”排列的填报表",
	                            "the sheet is not a form laid out as 序号, 类别, 填报项目, 单位, 填报值"},
	[JH_P_FORM_UNKNOWN_ROW]  = {"填报项目“%s”不是本表的项目", "'%s' is not an item of this form"},
	[JH_P_FORM_BAD_UNIT]     = {"单位“%s”不对,该项目的单位是“%s”",
	                            "the unit '%s' is wrong: the item is in '%s'"},
	[JH_P_FORM_MISSING_ROW]  = {"缺少必填项目“%s”", "the required item '%s' is missing"},
	[JH_P_FORM_ROW_TWICE]    = {"项目“%s”填了两次(第一次在第 %s 行)",
	                            "the item '%s' is given twice (first on row %s)"},
	/* (issue 14 problems end) */

};

void jh_diags_init(jh_diags *d)
{
	memset(d, 0, sizeof *d);
}

static void diag_clear(jh_diag *dg)
{
	free(dg->file);
	free(dg->sheet);
	free(dg->column_name);
	free(dg->arg);
	free(dg->arg2);
}

void jh_diags_free(jh_diags *d)
{
	size_t i;

	for (i = 0; i < d->count; i++)
		diag_clear(&d->items[i]);
	free(d->items);
	jh_diags_init(d);
}

static int dup_opt(char **dst, const char *s)
{
	*dst = NULL;
	if (!s)
		return 0;
	*dst = strdup(s);
	return *dst ? 0 : -1;
}

jh_code jh_diags_add(jh_diags *d, jh_problem p, const char *file,
                     const char *sheet, long line, int column,
                     const char *column_name, const char *arg,
                     const char *arg2)
{
	size_t limit = d->limit ? d->limit : 1000;
	jh_diag *dg;

	if (d->count >= limit) {
		d->dropped++;
		return JH_OK;
	}
	if (d->count == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		jh_diag *n = realloc(d->items, cap * sizeof *n);
		if (!n)
			return JH_ERR_NOMEM;
		d->items = n;
		d->cap = cap;
	}
	dg = &d->items[d->count];
	memset(dg, 0, sizeof *dg);
	dg->problem = p;
	dg->line = line;
	dg->column = column;
	if (dup_opt(&dg->file, file) || dup_opt(&dg->sheet, sheet) ||
	    dup_opt(&dg->column_name, column_name) || dup_opt(&dg->arg, arg) ||
	    dup_opt(&dg->arg2, arg2)) {
		diag_clear(dg);
		return JH_ERR_NOMEM;
	}
	d->count++;
	return JH_OK;
}

jh_code jh_diags_note(jh_diags *d, jh_problem p, const char *file,
                      const char *sheet, long line, int column,
                      const char *column_name, const char *arg,
                      const char *arg2)
{
	size_t before = d->count;
	jh_code rc = jh_diags_add(d, p, file, sheet, line, column, column_name,
	                          arg, arg2);

	if (d->count > before)
		d->items[before].note = 1;
	return rc;
}

size_t jh_diags_errors(const jh_diags *d)
{
	size_t n = 0;

	for (size_t i = 0; i < d->count; i++)
		n += !d->items[i].note;
	return n;
}

void jh_diag_format(const jh_diag *dg, const char *lang, jh_buf *out)
{
	int en = lang_index(lang);

	if (dg->file && *dg->file)
		jh_buf_adds(out, dg->file);
	if (dg->sheet)
		jh_buf_addf(out, "[%s]", dg->sheet);
	if (dg->line > 0)
		jh_buf_addf(out, en ? ":line %ld" : ":第%ld行", dg->line);
	if (dg->column > 0)
		jh_buf_addf(out, en ? ":column %d" : ":第%d列", dg->column);
	if (dg->column_name)
		jh_buf_addf(out, "(%s)", dg->column_name);
	if (out->len && (dg->file || dg->line || dg->column))
		jh_buf_adds(out, ": ");
	if (dg->note)
		jh_buf_adds(out, en ? "note: " : "提示:");
	jh_diag_message(dg, lang, out);
}

void jh_diag_message(const jh_diag *dg, const char *lang, jh_buf *out)
{
	int en = lang_index(lang);
	const char *fmt;

	fmt = (dg->problem >= 0 && dg->problem < JH_P__COUNT &&
	       problem_msg[dg->problem][en]) ? problem_msg[dg->problem][en] : "%s";
	jh_buf_addf(out, fmt, dg->arg ? dg->arg : "", dg->arg2 ? dg->arg2 : "");
}

void jh_diags_format(const jh_diags *d, const char *lang, jh_buf *out)
{
	size_t i;

	for (i = 0; i < d->count; i++) {
		jh_diag_format(&d->items[i], lang, out);
		jh_buf_addc(out, '\n');
	}
	if (d->dropped)
		jh_buf_addf(out, lang_index(lang) ?
		            "... and %zu more problems\n" :
		            "……另有 %zu 个问题未列出\n", d->dropped);
}
