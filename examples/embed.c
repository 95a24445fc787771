/* assess embedded in a C program through the C API (assess/assess.h): load a rule file
 * once, evaluate from several threads at once, print a ranking. The same flow as
 * examples/embed.cpp, with the same output; examples/embed-c.md shows how to build it.
 *
 *   embed_c RULES DATA [NAME=VALUE]...
 *
 * Each NAME=VALUE is a what-if scenario with one param changed: one thread evaluates the
 * data as the scheme stands and one thread per scenario with its param, at the same time,
 * sharing one scheme handle and one batch handle (both immutable). C99 + POSIX threads. */
#include <assess/assess.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What one thread evaluates, and what it gets. */
struct scenario {
  const assess_scheme* scheme; /* shared by every thread */
  const assess_batch* batch;   /* shared by every thread */
  const char* label;           /* "NAME=VALUE", or NULL: the scheme as it stands */
  assess_results* results;     /* the thread's own, caller-owned */
  assess_status status;
  char message[512]; /* assess_last_error() is per thread: copied before the thread ends */
};

static void* evaluate(void* arg) {
  struct scenario* s = (struct scenario*)arg;
  assess_eval_options* options = NULL;
  s->status = assess_eval_options_new(&options);
  if (s->status == ASSESS_OK) s->status = assess_eval_options_set_threads(options, 1);
  if (s->status == ASSESS_OK && s->label != NULL) {
    char name[256];
    const char* eq = strchr(s->label, '=');
    size_t n =
        (size_t)(eq - s->label) < sizeof name - 1 ? (size_t)(eq - s->label) : sizeof name - 1;
    memcpy(name, s->label, n);
    name[n] = '\0';
    s->status = assess_eval_options_set_param(options, name, eq + 1);
  }
  if (s->status == ASSESS_OK)
    s->status = assess_evaluate(s->scheme, s->batch, options, &s->results);
  snprintf(s->message, sizeof s->message, "%s", assess_last_error());
  assess_eval_options_free(options);
  return NULL;
}

/* A unit of the ranking: its index in the results and its total. */
struct entry {
  size_t unit;
  double total;
};

/* Highest total first; a tie keeps the order of the data (qsort alone is not stable). */
static int by_total(const void* a, const void* b) {
  const struct entry* x = (const struct entry*)a;
  const struct entry* y = (const struct entry*)b;
  if (x->total != y->total) return x->total > y->total ? -1 : 1;
  return x->unit < y->unit ? -1 : (x->unit > y->unit);
}

static const char* grade_or_dash(const assess_results* r, size_t unit) {
  const char* grade = NULL;
  if (assess_results_grade(r, unit, &grade) != ASSESS_OK || grade == NULL) return "-";
  return grade;
}

static void print_ranking(const assess_results* r, int digits) {
  size_t units = 0, n = 0, u;
  struct entry* scored;
  assess_results_size(r, &units);
  scored = (struct entry*)malloc((units ? units : 1) * sizeof *scored);
  if (scored == NULL) return;
  for (u = 0; u < units; ++u) {
    double total = 0;
    int has_total = 0;
    assess_results_total(r, u, &total, &has_total);
    if (has_total) {
      scored[n].unit = u;
      scored[n].total = total;
      ++n;
    }
  }
  qsort(scored, n, sizeof *scored, by_total);
  printf("ranking by total (rank: within the unit's peer group)\n");
  printf("  #    total  rank  unit (grade)\n");
  for (u = 0; u < n; ++u) {
    const char* id = NULL;
    int rank = 0, has_rank = 0;
    assess_results_unit(r, scored[u].unit, &id, NULL);
    assess_results_rank(r, scored[u].unit, &rank, &has_rank);
    printf("%3zu  %7.*f  %4d  %s (%s)\n", u + 1, digits, scored[u].total, has_rank ? rank : 0, id,
           grade_or_dash(r, scored[u].unit));
  }
  for (u = 0; u < units; ++u) {
    const char* error = NULL;
    assess_results_unit(r, u, NULL, &error);
    if (error[0] != '\0') printf("not scored: %s\n", error);
  }
  free(scored);
}

static void print_grade_changes(const assess_results* base, const struct scenario* s) {
  size_t units = 0, changes = 0, u;
  assess_results_size(base, &units);
  for (u = 0; u < units; ++u) {
    if (strcmp(grade_or_dash(base, u), grade_or_dash(s->results, u)) != 0) ++changes;
  }
  printf("what if %s: %zu grade%s change\n", s->label, changes, changes == 1 ? "" : "s");
  for (u = 0; u < units; ++u) {
    const char* before = grade_or_dash(base, u);
    const char* after = grade_or_dash(s->results, u);
    const char* id = NULL;
    if (strcmp(before, after) == 0) continue;
    assess_results_unit(base, u, &id, NULL);
    printf("  %s: %s -> %s\n", id, before, after);
  }
}

int main(int argc, char** argv) {
  assess_scheme* scheme = NULL;
  assess_diagnostics* diagnostics = NULL;
  assess_batch* batch = NULL;
  struct scenario* scenarios;
  pthread_t* threads;
  size_t count, i, units = 0, errors = 0;
  const char* title = NULL;
  int digits = 2, exit_code = 0;

  if (argc < 3) {
    fprintf(stderr, "usage: %s RULES DATA [NAME=VALUE]...\n", argv[0]);
    return 2;
  }
  if (assess_abi_version() != ASSESS_ABI_VERSION) {
    fprintf(stderr, "libassess has ABI %d, this program was built for %d\n", assess_abi_version(),
            ASSESS_ABI_VERSION);
    return 2;
  }

  /* Load once. On a load error the diagnostics handle holds every error with its place. */
  if (assess_scheme_load_file(argv[1], NULL, &scheme, &diagnostics) != ASSESS_OK) {
    const char* text = NULL;
    if (assess_diagnostics_text(diagnostics, &text) == ASSESS_OK) fputs(text, stderr);
    assess_diagnostics_free(diagnostics);
    return 2;
  }
  assess_diagnostics_free(diagnostics); /* warnings, not needed here */
  if (assess_batch_read_file(scheme, argv[2], ASSESS_DATA_AUTO, &batch) != ASSESS_OK) {
    fprintf(stderr, "%s\n", assess_last_error());
    assess_scheme_free(scheme);
    return 2;
  }
  for (i = 3; i < (size_t)argc; ++i) {
    if (strchr(argv[i], '=') == NULL) {
      fprintf(stderr, "not NAME=VALUE: %s\n", argv[i]);
      assess_batch_free(batch);
      assess_scheme_free(scheme);
      return 2;
    }
  }

  /* One thread per scenario, all evaluating the shared scheme and batch at once. */
  count = (size_t)argc - 2;
  scenarios = (struct scenario*)calloc(count, sizeof *scenarios);
  threads = (pthread_t*)calloc(count, sizeof *threads);
  if (scenarios == NULL || threads == NULL) return 2;
  for (i = 0; i < count; ++i) {
    scenarios[i].scheme = scheme;
    scenarios[i].batch = batch;
    scenarios[i].label = i == 0 ? NULL : argv[i + 2];
    pthread_create(&threads[i], NULL, evaluate, &scenarios[i]);
  }
  for (i = 0; i < count; ++i) pthread_join(threads[i], NULL);

  for (i = 0; i < count; ++i) {
    if (scenarios[i].status != ASSESS_OK) {
      fprintf(stderr, "%s\n", scenarios[i].message);
      exit_code = 2;
    }
  }
  if (exit_code == 0) {
    const assess_results* base = scenarios[0].results;
    assess_scheme_describe(scheme, NULL, &title, NULL);
    assess_scheme_digits(scheme, &digits);
    assess_results_size(base, &units);
    assess_results_error_count(base, &errors);
    printf("%s: %zu units, %zu in error, %zu evaluations on %zu threads\n", title, units, errors,
           count, count);
    print_ranking(base, digits);
    for (i = 1; i < count; ++i) print_grade_changes(base, &scenarios[i]);
  }

  /* Every handle is the caller's to free, in any order. */
  for (i = 0; i < count; ++i) assess_results_free(scenarios[i].results);
  free(scenarios);
  free(threads);
  assess_batch_free(batch);
  assess_scheme_free(scheme);
  return exit_code;
}
