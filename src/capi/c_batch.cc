// This file's external interface is the C API's batches (assess_batch_*) and batch
// builders (assess_batch_builder_*), over assess::Batch and assess::BatchBuilder.
#include <memory>

#include "capi/c_internal.h"

using assess::capi::CheckIndex;
using assess::capi::Fail;
using assess::capi::GuardArgs;
using assess::capi::UnlessEmpty;

namespace {

std::optional<assess::DataFormat> FormatOf(assess_data_format format) {
  switch (format) {
    case ASSESS_DATA_AUTO:
      return assess::DataFormat::kAuto;
    case ASSESS_DATA_CSV:
      return assess::DataFormat::kCsv;
    case ASSESS_DATA_JSON:
      return assess::DataFormat::kJson;
    case ASSESS_DATA_JSON_LINES:
      return assess::DataFormat::kJsonLines;
    case ASSESS_DATA_XLSX:
      return assess::DataFormat::kXlsx;
    case ASSESS_DATA_MAX_ENUM_:
      break;
  }
  return std::nullopt;
}

assess_status BadFormat(const char* fn, assess_data_format format) {
  return Fail(ASSESS_ERROR_ARGUMENT, fn,
              "unknown data format " + std::to_string(static_cast<int>(format)));
}

assess_status FinishBatch(const char* fn, assess::Expected<assess::Batch> read,
                          assess_batch** out_batch) {
  if (!read) return assess::capi::FailWith(ASSESS_ERROR_DATA, fn, read.error());
  *out_batch = new assess_batch{std::move(read).value()};
  return ASSESS_OK;
}

// A builder call's Status as the C API's.
assess_status Built(const char* fn, const assess::Status& status) {
  if (!status) return assess::capi::FailWith(ASSESS_ERROR_DATA, fn, status.error());
  return ASSESS_OK;
}

}  // namespace

extern "C" {

// ---- batches -----------------------------------------------------------------------------

assess_status assess_batch_read_file(const assess_scheme* scheme, const char* path,
                                     assess_data_format format, assess_batch** out_batch) {
  if (out_batch) *out_batch = nullptr;
  return GuardArgs(__func__, {{scheme, "scheme"}, {path, "path"}, {out_batch, "out_batch"}},
                   [&](const char* fn) {
                     const std::optional<assess::DataFormat> f = FormatOf(format);
                     if (!f) return BadFormat(fn, format);
                     return FinishBatch(fn, assess::Batch::ReadFile(scheme->scheme, path, *f),
                                        out_batch);
                   });
}

assess_status assess_batch_read_sheet(const assess_scheme* scheme, const char* path,
                                      const char* sheet, assess_batch** out_batch) {
  if (out_batch) *out_batch = nullptr;
  return GuardArgs(__func__, {{scheme, "scheme"}, {path, "path"}, {out_batch, "out_batch"}},
                   [&](const char* fn) {
                     assess::ReadOptions options;
                     options.format = assess::DataFormat::kXlsx;
                     if (sheet != nullptr) options.sheet = sheet;
                     return FinishBatch(fn, assess::Batch::ReadFile(scheme->scheme, path, options),
                                        out_batch);
                   });
}

assess_status assess_batch_read_text(const assess_scheme* scheme, const char* text, size_t length,
                                     assess_data_format format, const char* name,
                                     assess_batch** out_batch) {
  if (out_batch) *out_batch = nullptr;
  return GuardArgs(
      __func__, {{scheme, "scheme"}, {UnlessEmpty(text, length), "text"}, {out_batch, "out_batch"}},
      [&](const char* fn) {
        const std::optional<assess::DataFormat> f = FormatOf(format);
        if (!f) return BadFormat(fn, format);
        std::string_view data = length > 0 ? std::string_view(text, length) : std::string_view();
        return FinishBatch(
            fn, assess::Batch::ReadText(scheme->scheme, data, *f, name ? name : "<text>"),
            out_batch);
      });
}

assess_status assess_batch_size(const assess_batch* batch, size_t* out_size) {
  return GuardArgs(__func__, {{batch, "batch"}, {out_size, "out_size"}}, [&](const char* fn) {
    *out_size = batch->batch.size();
    return ASSESS_OK;
  });
}

assess_status assess_batch_unit(const assess_batch* batch, size_t index, const char** out_id,
                                const char** out_data_error) {
  return GuardArgs(__func__, {{batch, "batch"}}, [&](const char* fn) {
    if (assess_status s = CheckIndex(fn, "unit", index, batch->batch.size()); s != ASSESS_OK) {
      return s;
    }
    if (out_id) *out_id = batch->batch.unit_id(index).c_str();
    if (out_data_error) *out_data_error = batch->batch.data_error(index).c_str();
    return ASSESS_OK;
  });
}

void assess_batch_free(assess_batch* batch) { delete batch; }

// ---- batch builders ----------------------------------------------------------------------

assess_status assess_batch_builder_new(const assess_scheme* scheme, assess_batch_builder** out) {
  if (out) *out = nullptr;
  return GuardArgs(__func__, {{scheme, "scheme"}, {out, "out"}}, [&](const char* fn) {
    *out = new assess_batch_builder{assess::BatchBuilder(scheme->scheme)};
    return ASSESS_OK;
  });
}

assess_status assess_batch_builder_add_unit(assess_batch_builder* builder, const char* unit_id) {
  return GuardArgs(__func__, {{builder, "builder"}, {unit_id, "unit_id"}},
                   [&](const char* fn) { return Built(fn, builder->builder.AddUnit(unit_id)); });
}

assess_status assess_batch_builder_set_number(assess_batch_builder* builder, const char* input,
                                              double value) {
  return GuardArgs(__func__, {{builder, "builder"}, {input, "input"}},
                   [&](const char* fn) { return Built(fn, builder->builder.Set(input, value)); });
}

assess_status assess_batch_builder_set_text(assess_batch_builder* builder, const char* input,
                                            const char* text) {
  return GuardArgs(__func__, {{builder, "builder"}, {input, "input"}, {text, "text"}},
                   [&](const char* fn) {
                     return Built(fn, builder->builder.Set(input, std::string_view(text)));
                   });
}

assess_status assess_batch_builder_set_bool(assess_batch_builder* builder, const char* input,
                                            int value) {
  return GuardArgs(__func__, {{builder, "builder"}, {input, "input"}}, [&](const char* fn) {
    return Built(fn, builder->builder.SetBool(input, value != 0));
  });
}

assess_status assess_batch_builder_set_list(assess_batch_builder* builder, const char* input,
                                            const double* values, size_t count) {
  return GuardArgs(
      __func__, {{builder, "builder"}, {input, "input"}, {UnlessEmpty(values, count), "values"}},
      [&](const char* fn) {
        return Built(fn,
                     builder->builder.SetList(input, std::vector<double>(values, values + count)));
      });
}

assess_status assess_batch_builder_set_missing(assess_batch_builder* builder, const char* input) {
  return GuardArgs(__func__, {{builder, "builder"}, {input, "input"}},
                   [&](const char* fn) { return Built(fn, builder->builder.SetMissing(input)); });
}

assess_status assess_batch_builder_set_unit_ids(assess_batch_builder* builder,
                                                const char* const* unit_ids, size_t count) {
  return GuardArgs(__func__, {{builder, "builder"}, {UnlessEmpty(unit_ids, count), "unit_ids"}},
                   [&](const char* fn) {
                     std::vector<std::string> ids;
                     ids.reserve(count);
                     for (size_t i = 0; i < count; ++i) {
                       if (unit_ids[i] == nullptr) {
                         return Fail(ASSESS_ERROR_ARGUMENT, fn,
                                     "unit_ids[" + std::to_string(i) + "] is NULL");
                       }
                       ids.emplace_back(unit_ids[i]);
                     }
                     return Built(fn, builder->builder.SetUnitIds(ids));
                   });
}

assess_status assess_batch_builder_set_number_column(assess_batch_builder* builder,
                                                     const char* input, const double* values,
                                                     size_t count) {
  return GuardArgs(
      __func__, {{builder, "builder"}, {input, "input"}, {UnlessEmpty(values, count), "values"}},
      [&](const char* fn) {
        return Built(
            fn, builder->builder.SetColumn(input, std::vector<double>(values, values + count)));
      });
}

assess_status assess_batch_builder_set_text_column(assess_batch_builder* builder, const char* input,
                                                   const char* const* texts, size_t count) {
  return GuardArgs(__func__,
                   {{builder, "builder"}, {input, "input"}, {UnlessEmpty(texts, count), "texts"}},
                   [&](const char* fn) {
                     std::vector<std::string> column;
                     column.reserve(count);
                     for (size_t i = 0; i < count; ++i)
                       column.emplace_back(texts[i] ? texts[i] : "");
                     return Built(fn, builder->builder.SetTextColumn(input, column));
                   });
}

assess_status assess_batch_builder_set_list_column(assess_batch_builder* builder, const char* input,
                                                   const double* values, const size_t* offsets,
                                                   const unsigned char* missing, size_t count) {
  return GuardArgs(__func__, {{builder, "builder"}, {input, "input"}, {offsets, "offsets"}},
                   [&](const char* fn) {
                     for (size_t i = 0; i < count; ++i) {
                       if (offsets[i + 1] < offsets[i]) {
                         return Fail(ASSESS_ERROR_ARGUMENT, fn,
                                     "offsets[" + std::to_string(i + 1) + "] is below offsets[" +
                                         std::to_string(i) + "]");
                       }
                     }
                     if (!values && offsets[count] > offsets[0]) {
                       return Fail(ASSESS_ERROR_ARGUMENT, fn, "values is NULL");
                     }
                     std::vector<std::optional<std::vector<double>>> lists(count);
                     for (size_t i = 0; i < count; ++i) {
                       if (missing && missing[i]) continue;
                       lists[i].emplace(values + offsets[i], values + offsets[i + 1]);
                     }
                     return Built(fn, builder->builder.SetListColumn(input, lists));
                   });
}

assess_status assess_batch_builder_build(assess_batch_builder* builder, assess_batch** out_batch) {
  if (out_batch) *out_batch = nullptr;
  return GuardArgs(__func__, {{builder, "builder"}, {out_batch, "out_batch"}}, [&](const char* fn) {
    return FinishBatch(fn, builder->builder.Build(), out_batch);
  });
}

void assess_batch_builder_free(assess_batch_builder* builder) { delete builder; }

}  // extern "C"
