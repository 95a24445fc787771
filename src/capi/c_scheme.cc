// This file's external interface is the C API's load options, diagnostics and schemes
// (assess_load_options_*, assess_diagnostics_*, assess_scheme_*), over assess::Scheme.
#include <climits>
#include <memory>

#include "capi/c_internal.h"

using assess::capi::CheckIndex;
using assess::capi::Fail;
using assess::capi::GuardArgs;
using assess::capi::UnlessEmpty;

namespace {

assess_diagnostics* MakeDiagnostics(std::vector<assess::Diagnostic> items) {
  auto d = std::make_unique<assess_diagnostics>();
  for (const assess::Diagnostic& item : items) d->text += item.ToString() + "\n";
  d->items = std::move(items);
  return d.release();
}

// Hands a load's outcome to the caller: the scheme or the error, and the diagnostics
// (errors or warnings) when asked for.
assess_status FinishLoad(const char* function, assess::Expected<assess::Scheme> loaded,
                         assess_scheme** out_scheme, assess_diagnostics** out_diagnostics) {
  if (!loaded) {
    if (out_diagnostics) *out_diagnostics = MakeDiagnostics(loaded.error().diagnostics);
    return assess::capi::FailWith(ASSESS_ERROR_LOAD, function, loaded.error());
  }
  std::vector<std::string> grades = loaded->grade_levels();
  auto scheme =
      std::make_unique<assess_scheme>(assess_scheme{std::move(loaded).value(), std::move(grades)});
  if (out_diagnostics) *out_diagnostics = MakeDiagnostics(scheme->scheme.warnings());
  *out_scheme = scheme.release();
  return ASSESS_OK;
}

const assess::LoadOptions& OptionsOr(const assess_load_options* options) {
  static const assess::LoadOptions kDefaults;
  return options ? options->options : kDefaults;
}

}  // namespace

extern "C" {

// ---- load options ------------------------------------------------------------------------

assess_status assess_load_options_new(assess_load_options** out) {
  if (out) *out = nullptr;
  return GuardArgs(__func__, {{out, "out"}}, [&](const char* fn) {
    *out = new assess_load_options();
    return ASSESS_OK;
  });
}

assess_status assess_load_options_set_limit(assess_load_options* options, assess_limit limit,
                                            size_t value) {
  return GuardArgs(__func__, {{options, "options"}}, [&](const char* fn) {
    assess::Limits& l = options->options.limits;
    auto set_int = [&](int& field) {
      if (value > static_cast<size_t>(INT_MAX)) {
        return Fail(ASSESS_ERROR_ARGUMENT, fn, "the limit is larger than INT_MAX");
      }
      field = static_cast<int>(value);
      return ASSESS_OK;
    };
    switch (limit) {
      case ASSESS_LIMIT_MAX_FILE_BYTES:
        l.max_file_bytes = value;
        return ASSESS_OK;
      case ASSESS_LIMIT_MAX_YAML_DEPTH:
        return set_int(l.max_yaml_depth);
      case ASSESS_LIMIT_MAX_YAML_NODES:
        l.max_yaml_nodes = value;
        return ASSESS_OK;
      case ASSESS_LIMIT_MAX_EXPRESSION_CHARS:
        l.max_expression_chars = value;
        return ASSESS_OK;
      case ASSESS_LIMIT_MAX_EXPRESSION_DEPTH:
        return set_int(l.max_expression_depth);
      case ASSESS_LIMIT_MAX_EXPRESSION_NODES:
        l.max_expression_nodes = value;
        return ASSESS_OK;
      case ASSESS_LIMIT_MAX_NODES:
        l.max_nodes = value;
        return ASSESS_OK;
      case ASSESS_LIMIT_MAX_ENUM_:
        break;
    }
    return Fail(ASSESS_ERROR_ARGUMENT, fn,
                "unknown limit " + std::to_string(static_cast<int>(limit)));
  });
}

assess_status assess_load_options_set_param(assess_load_options* options, const char* name,
                                            const char* value) {
  return GuardArgs(__func__, {{options, "options"}, {name, "name"}, {value, "value"}},
                   [&](const char* fn) {
                     assess::capi::SetParam(options->options.params, name, value);
                     return ASSESS_OK;
                   });
}

void assess_load_options_free(assess_load_options* options) { delete options; }

// ---- diagnostics -------------------------------------------------------------------------

assess_status assess_diagnostics_count(const assess_diagnostics* diagnostics, size_t* out_count) {
  return GuardArgs(__func__, {{diagnostics, "diagnostics"}, {out_count, "out_count"}},
                   [&](const char* fn) {
                     *out_count = diagnostics->items.size();
                     return ASSESS_OK;
                   });
}

assess_status assess_diagnostics_get(const assess_diagnostics* diagnostics, size_t index,
                                     assess_severity* out_severity, const char** out_file,
                                     int* out_line, int* out_column, const char** out_message) {
  return GuardArgs(__func__, {{diagnostics, "diagnostics"}}, [&](const char* fn) {
    if (assess_status s = CheckIndex(fn, "diagnostic", index, diagnostics->items.size());
        s != ASSESS_OK) {
      return s;
    }
    const assess::Diagnostic& d = diagnostics->items[index];
    if (out_severity) {
      *out_severity =
          d.severity == assess::Severity::kError ? ASSESS_SEVERITY_ERROR : ASSESS_SEVERITY_WARNING;
    }
    if (out_file) *out_file = d.file.c_str();
    if (out_line) *out_line = d.line;
    if (out_column) *out_column = d.column;
    if (out_message) *out_message = d.message.c_str();
    return ASSESS_OK;
  });
}

assess_status assess_diagnostics_text(const assess_diagnostics* diagnostics,
                                      const char** out_text) {
  return GuardArgs(__func__, {{diagnostics, "diagnostics"}, {out_text, "out_text"}},
                   [&](const char* fn) {
                     *out_text = diagnostics->text.c_str();
                     return ASSESS_OK;
                   });
}

void assess_diagnostics_free(assess_diagnostics* diagnostics) { delete diagnostics; }

// ---- schemes -----------------------------------------------------------------------------

assess_status assess_scheme_load_file(const char* path, const assess_load_options* options,
                                      assess_scheme** out_scheme,
                                      assess_diagnostics** out_diagnostics) {
  if (out_scheme) *out_scheme = nullptr;
  if (out_diagnostics) *out_diagnostics = nullptr;
  return GuardArgs(__func__, {{path, "path"}, {out_scheme, "out_scheme"}}, [&](const char* fn) {
    return FinishLoad(fn, assess::Scheme::LoadFile(path, OptionsOr(options)), out_scheme,
                      out_diagnostics);
  });
}

assess_status assess_scheme_load_text(const char* yaml, size_t length, const char* file_name,
                                      const assess_load_options* options,
                                      assess_scheme** out_scheme,
                                      assess_diagnostics** out_diagnostics) {
  if (out_scheme) *out_scheme = nullptr;
  if (out_diagnostics) *out_diagnostics = nullptr;
  return GuardArgs(
      __func__, {{UnlessEmpty(yaml, length), "yaml"}, {out_scheme, "out_scheme"}},
      [&](const char* fn) {
        std::string_view text = length > 0 ? std::string_view(yaml, length) : std::string_view();
        return FinishLoad(
            fn,
            assess::Scheme::LoadText(text, file_name ? file_name : "<text>", OptionsOr(options)),
            out_scheme, out_diagnostics);
      });
}

assess_status assess_scheme_with_params(const assess_scheme* scheme, const char* const* names,
                                        const char* const* values, size_t count,
                                        assess_scheme** out_scheme,
                                        assess_diagnostics** out_diagnostics) {
  if (out_scheme) *out_scheme = nullptr;
  if (out_diagnostics) *out_diagnostics = nullptr;
  return GuardArgs(
      __func__,
      {{scheme, "scheme"},
       {UnlessEmpty(names, count), "names"},
       {UnlessEmpty(values, count), "values"},
       {out_scheme, "out_scheme"}},
      [&](const char* fn) {
        std::vector<std::pair<std::string, std::string>> params;
        for (size_t i = 0; i < count; ++i) {
          if (names[i] == nullptr || values[i] == nullptr) {
            return Fail(
                ASSESS_ERROR_ARGUMENT, fn,
                "names[" + std::to_string(i) + "] or values[" + std::to_string(i) + "] is NULL");
          }
          params.emplace_back(names[i], values[i]);
        }
        return FinishLoad(fn, scheme->scheme.WithParams(params), out_scheme, out_diagnostics);
      });
}

assess_status assess_scheme_describe(const assess_scheme* scheme, const char** out_id,
                                     const char** out_title, const char** out_version) {
  return GuardArgs(__func__, {{scheme, "scheme"}}, [&](const char* fn) {
    if (out_id) *out_id = scheme->scheme.id().c_str();
    if (out_title) *out_title = scheme->scheme.title().c_str();
    if (out_version) *out_version = scheme->scheme.version().c_str();
    return ASSESS_OK;
  });
}

assess_status assess_scheme_digits(const assess_scheme* scheme, int* out_digits) {
  return GuardArgs(__func__, {{scheme, "scheme"}, {out_digits, "out_digits"}}, [&](const char* fn) {
    *out_digits = scheme->scheme.digits();
    return ASSESS_OK;
  });
}

assess_status assess_scheme_indicator_count(const assess_scheme* scheme, size_t* out_count) {
  return GuardArgs(__func__, {{scheme, "scheme"}, {out_count, "out_count"}}, [&](const char* fn) {
    *out_count = scheme->scheme.indicators().size();
    return ASSESS_OK;
  });
}

assess_status assess_scheme_indicator(const assess_scheme* scheme, size_t index,
                                      const char** out_id, const char** out_title,
                                      const char** out_kind, int* out_parent, int* out_depth,
                                      double* out_points) {
  return GuardArgs(__func__, {{scheme, "scheme"}}, [&](const char* fn) {
    const std::vector<assess::IndicatorInfo>& all = scheme->scheme.indicators();
    if (assess_status s = CheckIndex(fn, "indicator", index, all.size()); s != ASSESS_OK) {
      return s;
    }
    const assess::IndicatorInfo& info = all[index];
    if (out_id) *out_id = info.id.c_str();
    if (out_title) *out_title = info.title.c_str();
    if (out_kind) *out_kind = info.kind.c_str();
    if (out_parent) *out_parent = info.parent;
    if (out_depth) *out_depth = info.depth;
    if (out_points) *out_points = info.points;
    return ASSESS_OK;
  });
}

assess_status assess_scheme_input_count(const assess_scheme* scheme, size_t* out_count) {
  return GuardArgs(__func__, {{scheme, "scheme"}, {out_count, "out_count"}}, [&](const char* fn) {
    *out_count = scheme->scheme.inputs().size();
    return ASSESS_OK;
  });
}

assess_status assess_scheme_input(const assess_scheme* scheme, size_t index, const char** out_name,
                                  const char** out_column, const char** out_title,
                                  const char** out_type, int* out_required) {
  return GuardArgs(__func__, {{scheme, "scheme"}}, [&](const char* fn) {
    const std::vector<assess::InputInfo>& all = scheme->scheme.inputs();
    if (assess_status s = CheckIndex(fn, "input", index, all.size()); s != ASSESS_OK) {
      return s;
    }
    const assess::InputInfo& info = all[index];
    if (out_name) *out_name = info.name.c_str();
    if (out_column) *out_column = info.column.c_str();
    if (out_title) *out_title = info.title.c_str();
    if (out_type) *out_type = info.type.c_str();
    if (out_required) *out_required = info.required ? 1 : 0;
    return ASSESS_OK;
  });
}

assess_status assess_scheme_grade_count(const assess_scheme* scheme, size_t* out_count) {
  return GuardArgs(__func__, {{scheme, "scheme"}, {out_count, "out_count"}}, [&](const char* fn) {
    *out_count = scheme->grades.size();
    return ASSESS_OK;
  });
}

assess_status assess_scheme_grade(const assess_scheme* scheme, size_t index,
                                  const char** out_name) {
  return GuardArgs(__func__, {{scheme, "scheme"}, {out_name, "out_name"}}, [&](const char* fn) {
    if (assess_status s = CheckIndex(fn, "grade level", index, scheme->grades.size());
        s != ASSESS_OK) {
      return s;
    }
    *out_name = scheme->grades[index].c_str();
    return ASSESS_OK;
  });
}

void assess_scheme_free(assess_scheme* scheme) { delete scheme; }

}  // extern "C"
