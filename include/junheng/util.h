/*
** junheng/util.h — the utility layer of libjunheng (lib/util): error codes,
** growable buffers, coded diagnostics with zh/en messages, text encodings,
** number formatting and hashing of bytes.  Depends on nothing else of
** junheng; every other layer uses it.
*/
#ifndef JUNHENG_UTIL_H
#define JUNHENG_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#define JH_VERSION "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Error codes                                                          */
/* ------------------------------------------------------------------ */

typedef enum jh_code {
	JH_OK = 0,
	JH_ERR_NOMEM,     /* out of memory */
	JH_ERR_INPUT,     /* the input has problems; see the jh_diags list */
	JH_ERR_ENCODING,  /* input is neither UTF-8 nor GB18030 */
	JH_ERR_STANDARD,  /* a standards file has problems; see jh_diags */
	JH_ERR_ARG,       /* a caller passed an invalid argument */
	JH_ERR_NOTFOUND,  /* a named thing (county, year, school) is absent */
	JH_ERR_IO,        /* reading or writing failed (used by callers) */
	JH_ERR_FORMAT,    /* file is not of the expected format (e.g. not XLSX) */
	JH_ERR_DB,        /* the database reported an error */
	JH_ERR_CONFLICT,  /* the data conflicts with what is stored */
	JH_ERR_AUTH,      /* not signed in, bad credentials or expired session */
	JH_ERR_DENIED,    /* the caller may not do this (role or area) */
	JH_ERR_BUSY,      /* refused for now (sign-in throttled): try later */
	JH_ERR__COUNT
} jh_code;

/* Human name of an error code, in the given language ("zh" or "en"). */
const char *jh_code_str(jh_code code, const char *lang);

/* ------------------------------------------------------------------ */
/* Growable string buffer (git's strbuf, Redis's sds).                  */
/* ------------------------------------------------------------------ */

typedef struct jh_buf {
	char *data;   /* always NUL-terminated when len > 0 or after any append */
	size_t len;
	size_t cap;
	int oom;      /* set once an allocation failed; later appends are no-ops */
} jh_buf;

#define JH_BUF_INIT {NULL, 0, 0, 0}

void jh_buf_init(jh_buf *b);
void jh_buf_free(jh_buf *b);
void jh_buf_reset(jh_buf *b);                     /* len = 0, keeps memory */
int jh_buf_grow(jh_buf *b, size_t extra);         /* 0 ok, -1 oom */
void jh_buf_add(jh_buf *b, const void *p, size_t n);
void jh_buf_adds(jh_buf *b, const char *s);
void jh_buf_addc(jh_buf *b, char c);
void jh_buf_addf(jh_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void jh_buf_vaddf(jh_buf *b, const char *fmt, va_list ap);
/* Append s padded with spaces to a display width of `width` columns
 * (CJK characters take two columns); right-aligned when right != 0. */
void jh_buf_addpad(jh_buf *b, const char *s, int width, int right);
/* Append s as one CSV text cell: quoted when needed (RFC 4180), and
 * guarded against formula injection (OWASP): a cell that starts with
 * =, +, -, @, a tab or a carriage return — after any number of ' — gets
 * one ' in front, so a spreadsheet shows it as text and never runs it.
 * jh_table_add_cell takes that one ' off again (see jh_csv_guarded), so
 * the library reads back exactly what it wrote.  Numbers the library
 * writes itself (jh_format_number, jh_out_addnum) do not come here and
 * stay unguarded: -0.5 is a number, not a formula.  Text cells (names,
 * codes, anything a user typed) always come here. */
void jh_buf_addcsv(jh_buf *b, const char *s);
/* 1 when the n bytes at s are text a spreadsheet could take for a formula:
 * any number of ' and then =, +, -, @, a tab or a carriage return.  The
 * CSV writer puts one ' before such a cell; a cell that is ' followed by
 * such text is read as the text after the ' (one ' only). */
int jh_csv_guarded(const char *s, size_t n);
/* UTF-8 byte-order mark that starts every CSV the library writes for
 * people: without it Chinese Excel reads the file as GBK (mojibake).
 * The library's readers (jh_to_utf8) drop it. */
#define JH_UTF8_BOM "\xEF\xBB\xBF"
/* Hand the buffer's memory to the caller (free() it); b is reset.
 * Returns an empty allocated string for an empty buffer, NULL on oom. */
char *jh_buf_detach(jh_buf *b, size_t *len);

/* ------------------------------------------------------------------ */
/* Writer: output in chunks to a sink, or into a jh_buf.                */
/* ------------------------------------------------------------------ */

/* A report of a nation is tens of megabytes: a jh_out collects what is
 * written in a chunk of 64 KiB and hands each full chunk to its sink (a
 * file descriptor, a socket, a callback), in order, so the whole text is
 * never in memory.  Writing into a jh_buf instead keeps everything, for
 * callers that want the text.  The first failure (the sink's, or out of
 * memory) is kept and later writes are dropped: check once at the end.
 * Opaque; create with one of the jh_out_new* functions, end with
 * jh_out_close, which flushes and frees. */
typedef struct jh_out jh_out;
/* A sink takes n bytes in order; 0 when all were taken, else nonzero. */
typedef int (*jh_sink_fn)(void *ctx, const char *p, size_t n);

jh_out *jh_out_new(jh_sink_fn sink, void *ctx);   /* NULL on oom */
/* write(2) to fd (EINTR and short writes retried; fd stays open). */
jh_out *jh_out_new_fd(int fd);
/* Appended to b, which the caller owns; b->len is brought up to date by
 * jh_out_flush and jh_out_close.  Until jh_out_close, b is the writer's:
 * read it after a flush, but change it only through o. */
jh_out *jh_out_new_buf(jh_buf *b);
void jh_out_add(jh_out *o, const void *p, size_t n);
void jh_out_adds(jh_out *o, const char *s);
void jh_out_addc(jh_out *o, char c);
void jh_out_addf(jh_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* As jh_buf_addpad and jh_buf_addcsv. */
void jh_out_addpad(jh_out *o, const char *s, int width, int right);
void jh_out_addcsv(jh_out *o, const char *s);
/* v as jh_format_number writes it (shortest round trip). */
void jh_out_addnum(jh_out *o, double v);
/* Hand everything written so far to the sink; the first error so far:
 * JH_OK, JH_ERR_IO (the sink failed) or JH_ERR_NOMEM. */
jh_code jh_out_flush(jh_out *o);
jh_code jh_out_error(const jh_out *o);
/* Flush, free o (NULL is fine) and return jh_out_flush's answer. */
jh_code jh_out_close(jh_out *o);

/* Output formats of reports. */
typedef enum jh_format {
	JH_FMT_TEXT = 0,
	JH_FMT_JSON,
	JH_FMT_CSV
} jh_format;

int jh_format_parse(const char *s); /* -1 when unknown */

/* ------------------------------------------------------------------ */
/* Diagnostics: one per problem, with its place and a coded reason.     */
/* ------------------------------------------------------------------ */

/* Problem kinds.  Each has a parallel message in Chinese and English in
 * diag.c; `arg` and `arg2` fill the message's two %s slots, in order. */
typedef enum jh_problem {
	JH_P_OTHER = 0,          /* arg: free text */
	JH_P_ENCODING,           /* not UTF-8 or GB18030 */
	JH_P_EMPTY_FILE,
	JH_P_UNTERMINATED_QUOTE,
	JH_P_BAD_QUOTE,          /* characters after a closing quote */
	JH_P_NO_HEADER,          /* no row looks like the template header */
	JH_P_MISSING_COLUMN,     /* arg: column key */
	JH_P_DUPLICATE_COLUMN,   /* arg: column */
	JH_P_SHORT_ROW,          /* arg: fields found, arg2: fields expected */
	JH_P_LONG_ROW,           /* arg: fields found, arg2: fields expected */
	JH_P_EMPTY_VALUE,        /* a required cell is empty */
	JH_P_NOT_NUMBER,         /* arg: the text */
	JH_P_NEGATIVE,           /* arg: the text */
	JH_P_NOT_INTEGER,        /* arg: the text */
	JH_P_BAD_YEAR,           /* arg: the text, arg2: the range (1990–2100) */
	JH_P_BAD_COUNTY_CODE,    /* arg: the text */
	JH_P_BAD_SCHOOL_CODE,    /* arg: the text */
	JH_P_BAD_SCHOOL_TYPE,    /* arg: the text */
	JH_P_DUPLICATE_SCHOOL,   /* arg: school code, arg2: FILE:LINE of the first */
	JH_P_TEACHERS_EXCEED,    /* arg: column, arg2: teachers column */
	JH_P_STAGE_NOT_OFFERED,  /* arg: column, arg2: school type */
	JH_P_TOO_LONG,           /* arg: column, arg2: the most bytes it takes */
	JH_P_STD_SYNTAX,         /* arg: detail */
	JH_P_STD_UNKNOWN_KEY,    /* arg: key */
	JH_P_STD_BAD_VALUE,      /* arg: key, arg2: text */
	JH_P_STD_MISSING_KEY,    /* arg: key */
	JH_P_STD_LOOSER,         /* arg: key, arg2: base value */
	JH_P_STD_BAD_BASE,       /* arg: base name */
	JH_P_NO_PARENT,          /* arg: parent code (merge policy) */
	JH_P_ABSURD_VALUE,       /* arg: column, arg2: reason */
	JH_P_XLSX,               /* arg: detail */
	JH_P_STORE,              /* arg: detail */
	JH_P_UNKNOWN_COUNTY,     /* arg: county code */
	JH_P_SCHOOL_MOVED,       /* arg: school code, arg2: stored county */
	JH_P_TYPE_CHANGED,       /* arg: school code, arg2: year (type of a stored school-year) */
	JH_P_BAD_AREA,           /* arg: code, arg2: reason */
	JH_P_NOT_FOUND,          /* arg: what */
	JH_P_BAD_LOCATION,       /* arg: the text */
	JH_P_BAD_BOOLEAN,        /* arg: the text */
	JH_P_YEAR_MISMATCH,      /* arg: row year, arg2: expected year */
	JH_P_DUPLICATE_ITEM,     /* arg: county/year/item, arg2: FILE:LINE */
	JH_P_ITEM_UNKNOWN,       /* arg: item key */
	JH_P_ITEM_SUBJECT,       /* arg: monitoring subject */
	JH_P_ITEM_SURVEY_KEY,    /* arg: key */
	JH_P_ITEM_GROUP,         /* arg: respondent group */
	JH_P_ITEM_YESNO,         /* arg: value */
	JH_P_ITEM_RATE,          /* arg: value */
	JH_P_ITEM_NUMBER,        /* arg: value */
	JH_P_ITEM_WHOLE,         /* arg: value */
	JH_P_ITEM_YEAR,          /* arg: value, arg2: the range */
	JH_P_ITEM_GRADE,         /* arg: value */
	JH_P_ITEM_LEVEL,         /* arg: value */
	JH_P_SURVEY_ANSWER,      /* arg: answer */
	JH_P_WHATIF_ACTION,      /* arg: action */
	JH_P_WHATIF_SCHOOL,      /* arg: school code */
	JH_P_WHATIF_TARGET,      /* arg: target school code */
	JH_P_WHATIF_FIELD,       /* arg: field */
	JH_P_WHATIF_NEGATIVE,    /* arg: field */
	JH_P_WHATIF_MERGE,       /* arg: target, arg2: school merged */
	JH_P_WHATIF_MOVE_FIELD,  /* arg: field */
	JH_P_WHATIF_TOO_FEW,     /* arg: school, arg2: pupils it has */
	JH_P_WHATIF_NO_STAGE,    /* arg: target school, arg2: field */
	JH_P_STD_DEFINITIONAL,   /* arg: key, arg2: base value (local file changes it) */
	JH_P_STD_STRICTER_ONLY,  /* arg: key, arg2: the only value allowed instead */
	JH_P_STD_NO_BASE,        /* a standards file given to a program names no base */
	JH_P_PLAN_SCHOOL_UNREACHABLE, /* arg: school code (no plan exists) */
	JH_P_PLAN_INFEASIBLE,    /* no plan meets every coefficient limit */
	JH_P_PLAN_TIME_LIMIT,    /* arg: seconds */
	JH_P_PLAN_SOLVER_FAILED, /* GLPK failed */
	JH_P_UNNAMED_CELL,       /* arg: the text, arg2: its column number */
	/* the store (lib/store) */
	JH_P_STORE_URI,          /* arg: the URI */
	JH_P_BACKEND_NOT_BUILT,  /* arg: backend name */
	JH_P_CONFLICT,           /* arg: school/year, arg2: later revision */
	JH_P_AS_OF_SPEC,         /* arg: the text */
	JH_P_SET_FIELD,          /* arg: field */
	JH_P_NOT_JUNHENG,        /* (file name in the diagnostic) */
	JH_P_NEWER_SCHEMA,       /* arg: schema version found */
	JH_P_AREA_LEVEL,         /* arg: area code */
	JH_P_AREA_PARENT,        /* arg: area code, arg2: parent code */
	JH_P_DB_BUSY,            /* another writer holds the database */
	JH_P_DB_DAMAGED,         /* not a database, or damaged */
	JH_P_DB_FULL,            /* the disk is full */
	JH_P_DB_READONLY,        /* the file cannot be written */
	JH_P_DB_CANTOPEN,        /* the file cannot be opened */
	JH_P_WHATIF_MOVE_NEGATIVE, /* arg: the number of pupils given */
	JH_P_WHATIF_COLUMN,      /* arg: the header text */
	/* export (lib/core/export.c): what a format cannot hold */
	JH_P_XLSX_CELL_TOO_LONG, /* arg: school code, arg2: characters */
	JH_P_XLSX_HEADER_TOO_LONG, /* arg: characters */
	JH_P_XLSX_SHEET_LIMIT,   /* arg: rows needed, arg2: columns needed */
	/* re-imports (issue 9) */
	JH_P_CLEAR_REQUIRED,     /* arg: the text (清空 in a required column) */
	JH_P_LOOKS_LIKE_COLUMN,  /* column_name: the header; arg: the template
	                            column's Chinese name, arg2: its key */
	JH_P_DB_MISSING,         /* arg: the path (no such database: run init) */
	JH_P_DB_OLD_SCHEMA,      /* arg: version found, arg2: path (run init to upgrade) */
	JH_P_FILE_MISSING,       /* (file name in the diagnostic) no such file */
	JH_P_FILE_DENIED,        /* no permission to read the file */
	JH_P_FILE_UNREADABLE,    /* a directory, or reading failed */
	JH_P_FILE_TOO_BIG,       /* arg: size in MB, arg2: limit in MB */
	JH_P_TOO_MANY_COLUMNS,   /* arg: columns, arg2: limit */
	JH_P_HEADER_TOO_LONG,    /* arg: characters, arg2: limit */
	JH_P_CELL_TOO_LONG,      /* arg: characters, arg2: limit */
	/* the spreadsheets offices really have (issue 9, section 5) */
	JH_P_DASH_OFFERED,       /* arg: the dash typed ('/' for a blank) in a stage the school offers */
	JH_P_BIG5,               /* the file is Big5 (traditional Chinese) */
	JH_P_XLS,                /* arg: detail */
	JH_P_NOTE_TOTAL_ROW,     /* note; arg: the cell that says 合计/总计/小计 */
	JH_P_NOTE_FOOTER,        /* note; arg: the footer's first cell */
	JH_P_NOTE_RIGHT_NOTES,   /* note; arg: column number, arg2: the first such cell */
	JH_P_NOTE_COLUMN_IGNORED,/* note; arg: the column's header */
	JH_P_NOTE_UNIT_SCALED,   /* note; arg: the header's unit, arg2: the factor */
	JH_P_AS_OF_NO_REVISION,  /* arg: the number given, arg2: the last revision */
	JH_P_AS_OF_BEFORE,       /* arg: the date: no revision by then */
	JH_P_DB_IO,              /* reading or writing the database file failed */
	JH_P_STD_NO_EQUALS,      /* a standards or costs line without `=` */
	JH_P_STD_KEY_TWICE,      /* arg: the key set twice in one file */
	/* accounts and access (issue 10, lib/access) */
	JH_P_ACCOUNT_EXISTS,     /* arg: account name */
	JH_P_ACCOUNT_UNKNOWN,    /* arg: account name */
	JH_P_ACCOUNT_NAME,       /* arg: the name given */
	JH_P_PASSWORD_SHORT,     /* arg: the least bytes */
	JH_P_PASSWORD_LONG,      /* arg: the most bytes */
	JH_P_PASSWORD_UTF8,      /* the password is not valid UTF-8 */
	JH_P_ROLE_UNKNOWN,       /* arg: the text */
	JH_P_ROLE_AREA,          /* arg: the code given ("" for none) */
	JH_P_ACCOUNT_AREA_UNKNOWN,   /* arg: area code */
	JH_P_ACCOUNT_SCHOOL_UNKNOWN, /* arg: school code */
	JH_P_SIGN_IN_FAILED,     /* wrong name or password, or disabled: one message */
	JH_P_SIGN_IN_REQUIRED,   /* no session, or it expired */
	JH_P_THROTTLED,          /* arg: seconds to wait */
	JH_P_DENIED,             /* arg: the code or thing it concerns */
	JH_P_IMPORT_OUTSIDE,     /* arg: the code in the row, arg2: the caller's area or school */
	JH_P_IMPORT_AREA_OUTSIDE,/* arg: area code, arg2: the caller's area */
	JH_P_IMPORT_DENIED,      /* the caller's role may not import */
	JH_P_MANAGE_DENIED,      /* arg: area or school code of the account */

	/* --- issue 12, the creation cycle: ledgers (lib/cycle/ledger*.c) --- */
	JH_P_LEDGER_UNKNOWN,     /* arg: the item's id */
	JH_P_LEDGER_VERSION,     /* arg: the version given, arg2: the current one */
	JH_P_LEDGER_MOVE,        /* arg: from status, arg2: to status (keys) */
	JH_P_LEDGER_SHORTFALL,   /* arg: the figure now, arg2: the requirement;
	                            column_name: the data year */
	JH_P_LEDGER_SIGNOFF_ROLE,/* arg: "school" or "county" (the owner's level) */
	JH_P_LEDGER_OVERRIDE_ROLE, /* only city, province, admin override */
	JH_P_LEDGER_SUPERVISE_ROLE,/* only city, province, admin supervise */
	JH_P_LEDGER_TEXT_LONG,   /* arg: the field, arg2: the most characters */
	JH_P_LEDGER_TEXT_EMPTY,  /* arg: the field */
	JH_P_LEDGER_DEADLINE,    /* arg: the text given (not a day YYYY-MM-DD) */
	JH_P_LEDGER_SCHOOL,      /* arg: school, arg2: county (not a school of it) */
	JH_P_LEDGER_EVIDENCE_BIG,/* arg: size in bytes, arg2: the most */
	JH_P_LEDGER_SIGNED,      /* arg: the item's id (already signed off) */
	JH_P_LEDGER_NO_DATA,     /* arg: county, arg2: year (no data to judge) */
	JH_P_LEDGER_COUNTY,      /* arg: the code (not a stored county) */
	JH_P_LEDGER_FIELD,       /* arg: the field (not one that may be set) */

	/* --- issue 12: creation plans and trends (lib/cycle/creation*.c) --- */
	/* column_name: the field's path in the plan ("milestones[1].targets[0].max") */
	JH_P_PLAN_JSON,          /* arg: the parser's words */
	JH_P_PLAN_FIELD_UNKNOWN, /* a field the plan does not have */
	JH_P_PLAN_FIELD_TYPE,    /* arg: the type expected */
	JH_P_PLAN_FIELD_MISSING, /* a required field */
	JH_P_PLAN_YEAR,          /* arg: the value given */
	JH_P_PLAN_DAY,           /* arg: the value given */
	JH_P_PLAN_MEASURE,       /* arg: the measure given */
	JH_P_PLAN_BOUND,         /* arg: the measure: exactly one of max, min, pass, done */
	JH_P_PLAN_TEXT_LONG,     /* arg: the most characters */
	JH_P_PLAN_YEAR_TWICE,    /* arg: the year */
	JH_P_PLAN_SCHOOL,        /* arg: the school code, arg2: the county */
	JH_P_PLAN_CITY_MEASURE,  /* arg: the measure (not countable across counties) */
	JH_P_PLAN_TARGET_YEAR_DENIED, /* arg: the target year stored */
	JH_P_PLAN_VERSION,       /* arg: the version given, arg2: the current one */
	JH_P_PLAN_NOT_COUNTY,    /* arg: the code */
	JH_P_PLAN_NOT_CITY,      /* arg: the code */
	JH_P_PLAN_TOO_MANY,      /* arg: the most entries */
	JH_P_TRENDS_YEARS,       /* arg: the base year, arg2: the year */

	/* --- issue 12: the yearly workflow, snapshots, notices --- */
	JH_P_CYCLE_VERSION,      /* arg: the current version, arg2: the current state (someone else took a step) */
	JH_P_CYCLE_STATE,        /* arg: the step, arg2: the current state (not allowed from it) */
	JH_P_CYCLE_ROLE,         /* arg: the step, arg2: the role that may take it */
	JH_P_CYCLE_TEXT,         /* arg: the field, arg2: the limit in characters (empty, too long or not text) */
	JH_P_CYCLE_NO_DATA,      /* arg: county/year (nothing to submit or apply with) */
	JH_P_CYCLE_FINDINGS_OPEN,/* arg: how many findings are not signed off, arg2: their ids */
	JH_P_CYCLE_NOT_TARGET,   /* arg: the cycle's year, arg2: the target year ("" when none is set) */
	JH_P_CYCLE_VERDICT_FAILS,/* arg: items failing, arg2: items without data */
	JH_P_CYCLE_DEADLINE,     /* arg: the field, arg2: the day given (not a day, or before today) */
	JH_P_CYCLE_DECISION,     /* arg: the value given (forwarded or returned) */
	JH_P_CYCLE_FINDING_SCHOOL,/* arg: the school code (not of this county) */
	JH_P_CYCLE_DEADLINES_CONF,/* arg: the key, arg2: the value (deadlines file) */
	JH_P_CYCLE_FIELD,        /* arg: the field (missing or of the wrong kind) */

	/* --- issue 13: reports (lib/report) --- */
	JH_P_REPORT_KIND,        /* arg: the kind given (unknown) */
	JH_P_REPORT_FORMAT,      /* arg: the format given, arg2: the kind's format */
	JH_P_REPORT_NEEDS,       /* arg: the kind, arg2: what it needs (area, year, school) */
	JH_P_REPORT_TAKES_NOT,   /* arg: the kind, arg2: what it does not take */
	JH_P_REPORT_WRITE,       /* arg: the file kind (xlsx, pdf), arg2: the library's reason */
	JH_P_REPORT_NO_REVIEW,   /* arg: county/year (the city has not reviewed it) */
	JH_P_VALUE_RANGE,        /* arg: the text, arg2: the values allowed (organiser code, grades) */
	JH_P_ITEM_VISIT_KEY,     /* arg: the key (visit.GROUP.people|satisfied expected) */
	/* (report problems end) */
	/* Raw figures and derived fields (issue 14, lib/core/derive.c): */
	JH_P_DERIVED_DISAGREES,  /* arg: "field = value" as given, arg2: "a + b = value" computed */
	JH_P_DEGREES_EXCEED,     /* arg: the degree columns' sum, arg2: the full-time teachers */
	JH_P_RAW_INCOMPLETE,     /* arg: the field to derive, arg2: the raw columns not given */
	JH_P_PART_EXCEEDS,       /* arg: "part = value", arg2: "whole = value" */
	/* The forms offices fill (vertical 序号|类别|填报项目|单位|填报值 sheets): */
	JH_P_FORM_LAYOUT,        /* the sheet is not laid out as a form */
	JH_P_FORM_UNKNOWN_ROW,   /* arg: the 填报项目 text */
	JH_P_FORM_BAD_UNIT,      /* arg: the unit written, arg2: the item's unit */
	JH_P_FORM_MISSING_ROW,   /* arg: the required item's name */
	JH_P_FORM_ROW_TWICE,     /* arg: the item, arg2: the row it was first given on */
	/* (issue 14 problems end) */

	JH_P__COUNT
} jh_problem;

typedef struct jh_diag {
	jh_problem problem;
	char *file;     /* file name as given by the caller, or NULL */
	char *sheet;    /* XLSX sheet name, or NULL */
	long line;      /* 1-based row/line, 0 when not applicable */
	int column;     /* 1-based column, 0 when not applicable */
	char *column_name; /* header text of the column, or NULL */
	char *arg;
	char *arg2;
	int note;       /* 1: a notice (a total row skipped, a column ignored):
	                   shown, but the input is still read; 0: an error */
} jh_diag;

typedef struct jh_diags {
	jh_diag *items;
	size_t count;
	size_t cap;
	size_t limit;   /* stop recording after this many (0 = 1000) */
	size_t dropped; /* problems seen after the limit was reached */
} jh_diags;

#define JH_DIAGS_INIT {NULL, 0, 0, 0, 0}

void jh_diags_init(jh_diags *d);
void jh_diags_free(jh_diags *d);
/* Record a problem.  Strings are copied; any may be NULL.  Returns
 * JH_OK or JH_ERR_NOMEM. */
jh_code jh_diags_add(jh_diags *d, jh_problem p, const char *file,
                     const char *sheet, long line, int column,
                     const char *column_name, const char *arg,
                     const char *arg2);
/* Record a notice (jh_diag.note = 1): something in the input that was
 * recognised and left out (a 合计 row, a footer, notes right of the
 * table, a column that is not a question) or converted (a header in 万元).
 * A notice never makes a load fail; loaders count only errors. */
jh_code jh_diags_note(jh_diags *d, jh_problem p, const char *file,
                      const char *sheet, long line, int column,
                      const char *column_name, const char *arg,
                      const char *arg2);
/* The number of errors (diagnostics that are not notices). */
size_t jh_diags_errors(const jh_diags *d);
/* Render one diagnostic as a single line:
 *   FILE[sheet]:LINE:COL (NAME): reason
 * in the language "zh" (default) or "en". */
void jh_diag_format(const jh_diag *dg, const char *lang, jh_buf *out);
/* The reason alone, without the place or "note:" (the message
 * jh_diag_format ends with), appended to out. */
void jh_diag_message(const jh_diag *dg, const char *lang, jh_buf *out);
/* Render all, one per line, plus a count line if some were dropped. */
void jh_diags_format(const jh_diags *d, const char *lang, jh_buf *out);

/* ------------------------------------------------------------------ */
/* Text: encodings and display width.                                   */
/* ------------------------------------------------------------------ */

/* 1 when [p, p+n) is valid UTF-8. */
int jh_utf8_valid(const char *p, size_t n);
/* Convert input bytes to UTF-8: strips a UTF-8 BOM, keeps valid UTF-8 as
 * is, decodes UTF-16 with a BOM (Excel's "Unicode text"), otherwise
 * decodes GB18030 (iconv).  *out is malloc'd, NUL-terminated, owned by the
 * caller.  *encoding (may be NULL) is set to "UTF-8", "UTF-16LE",
 * "UTF-16BE" or "GB18030".  JH_ERR_ENCODING when none decodes, or when
 * the text is Big5 (traditional Chinese, which GB18030 would turn into
 * nonsense): then *encoding is "BIG5". */
jh_code jh_to_utf8(const char *p, size_t n, char **out, size_t *outlen,
                   const char **encoding);
/* Columns a UTF-8 string takes in a terminal (CJK = 2). */
int jh_display_width(const char *s);

/* SHA-256 of bytes as 64 hex digits plus NUL (libsodium). */
void jh_sha256_hex(const void *data, size_t len, char out[65]);

/* Shortest decimal text that reads back as exactly v. */
void jh_format_number(double v, char *out, size_t cap);

#ifdef __cplusplus
}
#endif
#endif /* JUNHENG_UTIL_H */
