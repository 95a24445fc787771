/* The C API of assess: load a rule file, build or read a batch of units, evaluate it, read
 * the results. For C and for any language with a C FFI (Java, C#, Go, Python, ...); the
 * guide is docs/embedding.md.
 *
 * Rules that hold for every function:
 * - Status: every function returns an assess_status (ASSESS_OK = 0) and sets the calling
 *   thread's last error message, read with assess_last_error() ("" after a success). The
 *   only exceptions are the functions that cannot fail: assess_abi_version,
 *   assess_version, assess_status_name, assess_last_error and the *_free functions (which
 *   leave the last error alone, so that a caller may clean up before reporting it).
 * - No C++ exception and no C++ type crosses this interface; a failure inside the library
 *   that is not the caller's is ASSESS_ERROR_INTERNAL.
 * - Out-parameters are written only on ASSESS_OK, except that out-handles and caller-owned
 *   `char*` results are set to NULL on any failure (and the load functions' diagnostics,
 *   given whatever the status). An out-parameter marked "optional" may be NULL.
 * - Strings are NUL-terminated UTF-8, in and out. Strings passed in are copied before the
 *   call returns; the caller keeps ownership of them.
 * - Memory: a handle (assess_scheme*, ...) that a function gives back is owned by the
 *   caller, who frees it with the matching assess_*_free (NULL is accepted). A
 *   `const char*` given back is owned by the library and valid as long as the handle it
 *   came from (the caller neither frees nor modifies it). A `char*` given back is owned by
 *   the caller, who frees it with assess_string_free.
 * - Handles keep alive what they use: a batch or results handle stays valid after the
 *   scheme handle it came from is freed. Free handles in any order.
 * - Threads: a scheme, a batch and a results handle are immutable; any number of threads
 *   may use one at once (evaluate a shared scheme, read shared results). Options and batch
 *   builder handles are for one thread at a time. The last error is per thread.
 * - Indexes (units, indicators, diagnostics, ...) are 0-based; one out of range is
 *   ASSESS_ERROR_ARGUMENT. */
#ifndef ASSESS_ASSESS_H_
#define ASSESS_ASSESS_H_

#include <stddef.h>

#include "assess/api.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------
 * Status codes, versions, errors
 * ------------------------------------------------------------------------------------- */

/* Every enum below ends with a *_MAX_ENUM_ value that is not a value to use: it makes the
 * enum's range every non-negative 32-bit int, so that a value this release does not know
 * (a newer caller's, or a mistake) is refused with ASSESS_ERROR_ARGUMENT instead of being
 * undefined behaviour in the C++ library (the same device as Vulkan's *_MAX_ENUM). */

/* What a call did. Codes may be added in later releases; treat an unknown one as an error. */
typedef enum assess_status {
  ASSESS_OK = 0,
  /* A NULL handle or pointer where one is needed, an index out of range, an unknown enum
   * value or limit. A mistake in the calling program. */
  ASSESS_ERROR_ARGUMENT = 1,
  /* The rule file does not load: its diagnostics (file, line, column, message) tell why. */
  ASSESS_ERROR_LOAD = 2,
  /* The data cannot be used at all: a data file not found or not CSV / JSON, a required
   * column absent; or a batch builder call refused (unknown input name, call out of order,
   * a column of the wrong length). A bad value of one unit is not an error here: it is
   * that unit's data error, and the batch goes on. */
  ASSESS_ERROR_DATA = 3,
  /* The evaluation cannot start: a bad param value, a batch read for another scheme. */
  ASSESS_ERROR_EVALUATE = 4,
  /* No unit or indicator with the id asked for. */
  ASSESS_ERROR_NOT_FOUND = 5,
  /* A file cannot be written. */
  ASSESS_ERROR_IO = 6,
  ASSESS_ERROR_OUT_OF_MEMORY = 7,
  /* A bug in assess (an exception caught at this interface). Please report it with the
   * message. */
  ASSESS_ERROR_INTERNAL = 8,
  ASSESS_STATUS_MAX_ENUM_ = 0x7FFFFFFF /* not a status: see ASSESS_*_MAX_ENUM_ below */
} assess_status;

/* The ASSESS_ABI_VERSION the library was built with; compare it with the header's when the
 * library is loaded at run time. Cannot fail. */
ASSESS_API int assess_abi_version(void);

/* The library's release, "MAJOR.MINOR.PATCH". Static storage: never freed. Cannot fail. */
ASSESS_API const char* assess_version(void);

/* The name of a status code ("ASSESS_ERROR_LOAD"), "ASSESS_UNKNOWN_STATUS" for a code this
 * release does not know. Static storage: never freed. Cannot fail. */
ASSESS_API const char* assess_status_name(assess_status status);

/* The message of the calling thread's last call: one line saying what went wrong, "" after
 * a success. Library-owned, valid until the calling thread's next call into assess (other
 * than assess_last_error and the *_free functions). Never NULL. */
ASSESS_API const char* assess_last_error(void);

/* Frees a `char*` that the library gave to the caller. NULL is accepted. */
ASSESS_API void assess_string_free(char* text);

/* ---------------------------------------------------------------------------------------
 * Load options: limits against hostile rule files and param overrides
 * ------------------------------------------------------------------------------------- */

typedef struct assess_load_options assess_load_options;

/* The limits of a load; each limit exceeded is a load error that names it. The defaults
 * are those of assess::Limits (16 MiB files, YAML depth 64, ...). */
typedef enum assess_limit {
  ASSESS_LIMIT_MAX_FILE_BYTES = 0,
  ASSESS_LIMIT_MAX_YAML_DEPTH = 1,
  ASSESS_LIMIT_MAX_YAML_NODES = 2,
  ASSESS_LIMIT_MAX_EXPRESSION_CHARS = 3,
  ASSESS_LIMIT_MAX_EXPRESSION_DEPTH = 4,
  ASSESS_LIMIT_MAX_EXPRESSION_NODES = 5,
  ASSESS_LIMIT_MAX_NODES = 6,
  ASSESS_LIMIT_MAX_ENUM_ = 0x7FFFFFFF
} assess_limit;

/* New options with the default limits and no params. *out: caller-owned, free with
 * assess_load_options_free. */
ASSESS_API assess_status assess_load_options_new(assess_load_options** out);

/* Sets one limit. A value too large for the limit (over INT_MAX for the depths) is
 * ASSESS_ERROR_ARGUMENT. */
ASSESS_API assess_status assess_load_options_set_limit(assess_load_options* options,
                                                       assess_limit limit, size_t value);

/* Overrides the param `name` with `value`, read by the param's type: numbers (may be
 * `8%`), `true`/`false`, texts, lists `1;2;3`, tables as JSON `{"A": 1}`. Checked when the
 * scheme loads (an unknown name or a bad value is then a load error). Setting the same
 * name again replaces the value. Both strings are copied. */
ASSESS_API assess_status assess_load_options_set_param(assess_load_options* options,
                                                       const char* name, const char* value);

/* NULL is accepted. */
ASSESS_API void assess_load_options_free(assess_load_options* options);

/* ---------------------------------------------------------------------------------------
 * Diagnostics of a load
 * ------------------------------------------------------------------------------------- */

typedef struct assess_diagnostics assess_diagnostics;

typedef enum assess_severity {
  ASSESS_SEVERITY_ERROR = 0,
  ASSESS_SEVERITY_WARNING = 1,
  ASSESS_SEVERITY_MAX_ENUM_ = 0x7FFFFFFF
} assess_severity;

/* How many diagnostics there are. */
ASSESS_API assess_status assess_diagnostics_count(const assess_diagnostics* diagnostics,
                                                  size_t* out_count);

/* Diagnostic `index`, sorted by line. Every out-parameter is optional. file and message:
 * library-owned, valid while `diagnostics` lives. line and column are 1-based and point
 * into the rule file (inside an expression, at the offending token; columns count Unicode
 * code points); 0 when the place is not known (a file that cannot be read). */
ASSESS_API assess_status assess_diagnostics_get(const assess_diagnostics* diagnostics, size_t index,
                                                assess_severity* out_severity,
                                                const char** out_file, int* out_line,
                                                int* out_column, const char** out_message);

/* Every diagnostic, one a line: "FILE:LINE:COLUMN: error: MESSAGE" (or "warning:").
 * *out_text: library-owned, valid while `diagnostics` lives; "" when there are none. */
ASSESS_API assess_status assess_diagnostics_text(const assess_diagnostics* diagnostics,
                                                 const char** out_text);

/* NULL is accepted. */
ASSESS_API void assess_diagnostics_free(assess_diagnostics* diagnostics);

/* ---------------------------------------------------------------------------------------
 * Schemes: a rule file, loaded, checked and compiled once; immutable and shared freely
 * ------------------------------------------------------------------------------------- */

typedef struct assess_scheme assess_scheme;

/* Loads the rule file at `path`. `options` is optional (NULL: defaults). On success,
 * *out_scheme is caller-owned (free with assess_scheme_free). On ASSESS_ERROR_LOAD,
 * *out_scheme is NULL and the diagnostics tell why. out_diagnostics is optional: when given,
 * *out_diagnostics receives, whatever the status, a caller-owned handle (free with
 * assess_diagnostics_free) holding every error (on failure) or every warning (on success),
 * or NULL when the call failed before loading (ASSESS_ERROR_ARGUMENT). */
ASSESS_API assess_status assess_scheme_load_file(const char* path,
                                                 const assess_load_options* options,
                                                 assess_scheme** out_scheme,
                                                 assess_diagnostics** out_diagnostics);

/* As assess_scheme_load_file, from the `length` bytes at `yaml` (NUL bytes allowed);
 * `file_name` (optional, NULL: "<text>") is the name diagnostics give the text. */
ASSESS_API assess_status assess_scheme_load_text(const char* yaml, size_t length,
                                                 const char* file_name,
                                                 const assess_load_options* options,
                                                 assess_scheme** out_scheme,
                                                 assess_diagnostics** out_diagnostics);

/* The same scheme with other param values: `count` pairs names[i] = values[i], added to
 * the params the scheme was loaded with (a later one wins). A scheme handle for the
 * evaluation of many batches with the same params, so that each evaluation does not apply
 * them again. Ownership and diagnostics as assess_scheme_load_file. */
ASSESS_API assess_status assess_scheme_with_params(const assess_scheme* scheme,
                                                   const char* const* names,
                                                   const char* const* values, size_t count,
                                                   assess_scheme** out_scheme,
                                                   assess_diagnostics** out_diagnostics);

/* The scheme's id, title and version ("" when not written). Every out-parameter is
 * optional; the strings are library-owned, valid while `scheme` lives. */
ASSESS_API assess_status assess_scheme_describe(const assess_scheme* scheme, const char** out_id,
                                                const char** out_title, const char** out_version);

/* The decimals of published numbers (the rule file's `rounding: digits`). */
ASSESS_API assess_status assess_scheme_digits(const assess_scheme* scheme, int* out_digits);

/* How many indicators (every node of the tree, pre-order, as written). */
ASSESS_API assess_status assess_scheme_indicator_count(const assess_scheme* scheme,
                                                       size_t* out_count);

/* Indicator `index`. Every out-parameter is optional. id, title and kind ("leaf", "group",
 * "bonus" or "deduction"): library-owned, valid while `scheme` lives. parent: the parent's
 * index, -1 at the top level; depth: 1 at the top level; points: full marks (0 for bonus
 * and deduction nodes). */
ASSESS_API assess_status assess_scheme_indicator(const assess_scheme* scheme, size_t index,
                                                 const char** out_id, const char** out_title,
                                                 const char** out_kind, int* out_parent,
                                                 int* out_depth, double* out_points);

/* How many inputs. */
ASSESS_API assess_status assess_scheme_input_count(const assess_scheme* scheme, size_t* out_count);

/* Input `index`. Every out-parameter is optional. name, column (its name in data files),
 * title and type ("number", "integer", "boolean", "text" or "list"): library-owned, valid
 * while `scheme` lives. required: 1 or 0. */
ASSESS_API assess_status assess_scheme_input(const assess_scheme* scheme, size_t index,
                                             const char** out_name, const char** out_column,
                                             const char** out_title, const char** out_type,
                                             int* out_required);

/* How many grade levels (0 without a `grades` section). */
ASSESS_API assess_status assess_scheme_grade_count(const assess_scheme* scheme, size_t* out_count);

/* Grade level `index`, best first. *out_name: library-owned, valid while `scheme` lives. */
ASSESS_API assess_status assess_scheme_grade(const assess_scheme* scheme, size_t index,
                                             const char** out_name);

/* NULL is accepted. Batches and results made with the scheme stay valid. */
ASSESS_API void assess_scheme_free(assess_scheme* scheme);

/* ---------------------------------------------------------------------------------------
 * Batches: the units to evaluate, read from data or built in memory
 * ------------------------------------------------------------------------------------- */

typedef struct assess_batch assess_batch;

typedef enum assess_data_format {
  ASSESS_DATA_AUTO = 0,       /* by the file name: .json, .jsonl / .ndjson, .xlsx, else CSV */
  ASSESS_DATA_CSV = 1,        /* RFC 4180, header row, lists as `88;92.5;79` */
  ASSESS_DATA_JSON = 2,       /* an array of objects */
  ASSESS_DATA_JSON_LINES = 3, /* one object a line */
  ASSESS_DATA_XLSX = 4,       /* an Excel workbook (its first worksheet; see read_sheet) */
  ASSESS_DATA_MAX_ENUM_ = 0x7FFFFFFF
} assess_data_format;

/* Reads a data file for `scheme`. Fails (ASSESS_ERROR_DATA) only when the file cannot be
 * used at all; bad rows become units' data errors. *out_batch: caller-owned, free with
 * assess_batch_free. */
ASSESS_API assess_status assess_batch_read_file(const assess_scheme* scheme, const char* path,
                                                assess_data_format format,
                                                assess_batch** out_batch);

/* As assess_batch_read_file, of the worksheet `sheet` of the .xlsx workbook `path` (NULL
 * or "": the first). A sheet the workbook does not have is ASSESS_ERROR_DATA, naming the
 * sheets it has. */
ASSESS_API assess_status assess_batch_read_sheet(const assess_scheme* scheme, const char* path,
                                                 const char* sheet, assess_batch** out_batch);

/* As assess_batch_read_file, from the `length` bytes at `text`. `name` (optional, NULL:
 * "<text>") names the text in units' places and, with ASSESS_DATA_AUTO, picks the format. */
ASSESS_API assess_status assess_batch_read_text(const assess_scheme* scheme, const char* text,
                                                size_t length, assess_data_format format,
                                                const char* name, assess_batch** out_batch);

/* How many units. */
ASSESS_API assess_status assess_batch_size(const assess_batch* batch, size_t* out_size);

/* Unit `index`: its id and its data error ("" when its data is fine). Both out-parameters
 * are optional; library-owned, valid while `batch` lives. */
ASSESS_API assess_status assess_batch_unit(const assess_batch* batch, size_t index,
                                           const char** out_id, const char** out_data_error);

/* NULL is accepted. Results evaluated from the batch stay valid. */
ASSESS_API void assess_batch_free(assess_batch* batch);

/* Builds a batch in memory, either row by row (assess_batch_builder_add_unit, then
 * set_... by input name) or column by column (set_unit_ids, then set_..._column). Names
 * are input names or data column names. A value that does not fit its input becomes the
 * unit's data error; an unknown name or a call out of order is ASSESS_ERROR_DATA. One
 * thread at a time. */
typedef struct assess_batch_builder assess_batch_builder;

/* *out: caller-owned, free with assess_batch_builder_free. */
ASSESS_API assess_status assess_batch_builder_new(const assess_scheme* scheme,
                                                  assess_batch_builder** out);

/* Starts a new unit; the set_... calls that follow fill it in. */
ASSESS_API assess_status assess_batch_builder_add_unit(assess_batch_builder* builder,
                                                       const char* unit_id);

/* Sets an input of the current unit. A NaN number is a missing value. */
ASSESS_API assess_status assess_batch_builder_set_number(assess_batch_builder* builder,
                                                         const char* input, double value);

/* Sets an input of the current unit from text, read by the input's type (as a CSV cell). */
ASSESS_API assess_status assess_batch_builder_set_text(assess_batch_builder* builder,
                                                       const char* input, const char* text);

/* Sets a boolean input of the current unit: 0 is false, anything else true. */
ASSESS_API assess_status assess_batch_builder_set_bool(assess_batch_builder* builder,
                                                       const char* input, int value);

/* Sets a list input of the current unit to `count` numbers (`values` may be NULL when
 * count is 0). The numbers are copied. */
ASSESS_API assess_status assess_batch_builder_set_list(assess_batch_builder* builder,
                                                       const char* input, const double* values,
                                                       size_t count);

/* Marks an input of the current unit missing. */
ASSESS_API assess_status assess_batch_builder_set_missing(assess_batch_builder* builder,
                                                          const char* input);

/* Column by column: gives the ids of every unit, on a builder that has no unit yet. */
ASSESS_API assess_status assess_batch_builder_set_unit_ids(assess_batch_builder* builder,
                                                           const char* const* unit_ids,
                                                           size_t count);

/* Sets an input for every unit: `count` numbers, one per unit id (NaN: missing). */
ASSESS_API assess_status assess_batch_builder_set_number_column(assess_batch_builder* builder,
                                                                const char* input,
                                                                const double* values, size_t count);

/* Sets an input for every unit from `count` texts, read by the input's type (NULL or "":
 * missing). */
ASSESS_API assess_status assess_batch_builder_set_text_column(assess_batch_builder* builder,
                                                              const char* input,
                                                              const char* const* texts,
                                                              size_t count);

/* Sets a list input for every unit, `count` lists in one array: unit i's list is
 * values[offsets[i]] .. values[offsets[i + 1] - 1] (so `offsets` holds count + 1
 * non-decreasing indices), and it is missing when `missing` (optional, NULL: none) has a
 * non-zero missing[i]. Everything is copied. */
ASSESS_API assess_status assess_batch_builder_set_list_column(
    assess_batch_builder* builder, const char* input, const double* values, const size_t* offsets,
    const unsigned char* missing, size_t count);

/* The batch built so far; the builder is empty afterwards and may build another.
 * *out_batch: caller-owned, free with assess_batch_free. */
ASSESS_API assess_status assess_batch_builder_build(assess_batch_builder* builder,
                                                    assess_batch** out_batch);

/* NULL is accepted. */
ASSESS_API void assess_batch_builder_free(assess_batch_builder* builder);

/* ---------------------------------------------------------------------------------------
 * Evaluation
 * ------------------------------------------------------------------------------------- */

typedef struct assess_eval_options assess_eval_options;

/* New options: every core, no param overrides, no explanation kept. *out: caller-owned,
 * free with assess_eval_options_free. */
ASSESS_API assess_status assess_eval_options_new(assess_eval_options** out);

/* The threads of one evaluation; 0 (the default) means every core. Results are the same
 * bit for bit for any number. A negative number is ASSESS_ERROR_ARGUMENT. */
ASSESS_API assess_status assess_eval_options_set_threads(assess_eval_options* options, int threads);

/* Overrides a param for this evaluation (as assess_load_options_set_param; checked when
 * evaluating: a bad one is ASSESS_ERROR_EVALUATE). For many evaluations with the same
 * params, assess_scheme_with_params once is cheaper. */
ASSESS_API assess_status assess_eval_options_set_param(assess_eval_options* options,
                                                       const char* name, const char* value);

/* Keeps each node's raw score for assess_results_explain and ASSESS_OUTPUT_JSON_EXPLAIN
 * (0: off, the default; anything else: on). */
ASSESS_API assess_status assess_eval_options_set_explain(assess_eval_options* options, int explain);

/* NULL is accepted. */
ASSESS_API void assess_eval_options_free(assess_eval_options* options);

typedef struct assess_results assess_results;

/* Evaluates every unit of `batch` (read or built for `scheme`, or for a scheme made from it
 * with other params). `options` is optional (NULL: defaults). Units with bad data or
 * failing expressions get an error and the others go on. *out_results: caller-owned, free
 * with assess_results_free. To evaluate one unit, build a batch of one. */
ASSESS_API assess_status assess_evaluate(const assess_scheme* scheme, const assess_batch* batch,
                                         const assess_eval_options* options,
                                         assess_results** out_results);

/* As assess_evaluate, for a batch evaluated once: the call takes `batch` and frees it (as
 * assess_batch_free), whether it succeeds or not. Its input columns are freed as soon as
 * the units are evaluated, so that what is made next (the results' file) reuses that
 * memory. Explanations (assess_results_explain, ASSESS_OUTPUT_JSON_EXPLAIN) then need
 * assess_eval_options_set_explain; without it they fail with ASSESS_ERROR_ARGUMENT. */
ASSESS_API assess_status assess_evaluate_releasing(const assess_scheme* scheme, assess_batch* batch,
                                                   const assess_eval_options* options,
                                                   assess_results** out_results);

/* ---------------------------------------------------------------------------------------
 * Results, as published (numbers rounded to the scheme's digits)
 * ------------------------------------------------------------------------------------- */

/* How many units (those of the batch, in its order). */
ASSESS_API assess_status assess_results_size(const assess_results* results, size_t* out_size);

/* How many units are in error (bad data or a failed evaluation). */
ASSESS_API assess_status assess_results_error_count(const assess_results* results,
                                                    size_t* out_count);

/* The index of the unit `unit_id` (the first, if repeated); ASSESS_ERROR_NOT_FOUND when
 * there is none. */
ASSESS_API assess_status assess_results_find(const assess_results* results, const char* unit_id,
                                             size_t* out_unit);

/* Unit `unit`: its id and its error ("" when it was scored). Both out-parameters are
 * optional; library-owned, valid while `results` lives. */
ASSESS_API assess_status assess_results_unit(const assess_results* results, size_t unit,
                                             const char** out_id, const char** out_error);

/* The score of the indicator `indicator_id` for unit `unit`. *out_has_value is 1 with the
 * score in *out_score, or 0 (and *out_score 0) when the indicator does not apply to the
 * unit or the unit is in error. An unknown id is ASSESS_ERROR_NOT_FOUND. */
ASSESS_API assess_status assess_results_score(const assess_results* results, size_t unit,
                                              const char* indicator_id, double* out_score,
                                              int* out_has_value);

/* As assess_results_score, by the indicator's index (as in assess_scheme_indicator). */
ASSESS_API assess_status assess_results_score_at(const assess_results* results, size_t unit,
                                                 size_t indicator, double* out_score,
                                                 int* out_has_value);

/* The unit's total, after vetoes; *out_has_value 0 when the unit is in error. */
ASSESS_API assess_status assess_results_total(const assess_results* results, size_t unit,
                                              double* out_total, int* out_has_value);

/* The unit's rank in its peer group (1 is best); *out_has_value 0 (and *out_rank 0) when the
 * unit has no rank: it is in error. */
ASSESS_API assess_status assess_results_rank(const assess_results* results, size_t unit,
                                             int* out_rank, int* out_has_value);

/* The unit's grade; *out_grade is NULL when it has none (no grades, the unit in error, or
 * it fits no level). Library-owned, valid while `results` lives. */
ASSESS_API assess_status assess_results_grade(const assess_results* results, size_t unit,
                                              const char** out_grade);

/* How many vetoes fired for the unit. */
ASSESS_API assess_status assess_results_veto_count(const assess_results* results, size_t unit,
                                                   size_t* out_count);

/* The reason of the unit's fired veto `index`, in the order the vetoes are written.
 * Library-owned, valid while `results` lives. */
ASSESS_API assess_status assess_results_veto(const assess_results* results, size_t unit,
                                             size_t index, const char** out_reason);

/* How many bonus / deduction rules fired for the unit. */
ASSESS_API assess_status assess_results_fired_rule_count(const assess_results* results, size_t unit,
                                                         size_t* out_count);

/* The unit's fired rule `index`: the bonus / deduction node's id, the rule's reason and
 * the points it counted (before the node's cap). Every out-parameter is optional; the
 * strings are library-owned, valid while `results` lives. */
ASSESS_API assess_status assess_results_fired_rule(const assess_results* results, size_t unit,
                                                   size_t index, const char** out_indicator,
                                                   const char** out_reason, double* out_points);

/* The unit's whole computation, node by node, as text (raw scores shown when the
 * evaluation kept them: assess_eval_options_set_explain). *out_text: caller-owned, free
 * with assess_string_free. */
ASSESS_API assess_status assess_results_explain(const assess_results* results, size_t unit,
                                                char** out_text);

typedef enum assess_output_format {
  ASSESS_OUTPUT_CSV = 0,
  ASSESS_OUTPUT_JSON = 1,
  ASSESS_OUTPUT_JSON_EXPLAIN = 2, /* JSON with each node's computation */
  ASSESS_OUTPUT_JSON_LINES = 3,
  ASSESS_OUTPUT_MAX_ENUM_ = 0x7FFFFFFF
} assess_output_format;

/* Every unit's results in the format of `assess run` (rule-language §13). *out_text: caller-owned,
 * free with assess_string_free. */
ASSESS_API assess_status assess_results_write(const assess_results* results,
                                              assess_output_format format, char** out_text);

/* As assess_results_write, to the file `path` (created or replaced). A file that cannot be
 * written is ASSESS_ERROR_IO. */
ASSESS_API assess_status assess_results_write_file(const assess_results* results,
                                                   assess_output_format format, const char* path);

/* NULL is accepted. */
ASSESS_API void assess_results_free(assess_results* results);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* ASSESS_ASSESS_H_ */
