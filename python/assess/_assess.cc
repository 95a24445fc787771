// This file's external interface is the extension module assess._assess: the public C++ API
// (include/assess/) for assess/__init__.py and assess/dask.py. It only converts types and
// releases the GIL while the library works; everything Pythonic is in the .py files.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "assess/batch.h"
#include "assess/evaluate.h"
#include "assess/partition.h"
#include "assess/results.h"
#include "assess/scheme.h"

namespace py = pybind11;

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

// A failed Expected as a Python ValueError (bad params, unusable data files, misuse).
template <typename T>
T Take(assess::Expected<T> e) {
  if (!e) throw py::value_error(e.error().message);
  return std::move(*e);
}

// Runs `f` (giving an Expected) without the GIL, then takes its value with it.
template <typename F>
auto Unlocked(F f) {
  std::optional<decltype(f())> r;
  {
    py::gil_scoped_release release;
    r.emplace(f());
  }
  return Take(std::move(*r));
}

void Check(const assess::Status& s) {
  if (!s) throw py::value_error(s.error().message);
}

// The texts of a 1-D NumPy array of Python objects (a DataFrame's object column), as
// assess/__init__.py's `_text` gives them: a str where it is (its UTF-8, which Python keeps
// with the object, without a Python call per value), None and a float NaN as "", anything
// else through `text`, into `made` (whose strings never move). The views are valid while
// the array and `made` are.
std::vector<std::string_view> ObjectTexts(const py::array& objects, const py::function& text,
                                          std::deque<std::string>& made) {
  if (objects.ndim() != 1 || objects.dtype().kind() != 'O') {
    throw py::type_error("expected a 1-D array of objects");
  }
  const auto n = static_cast<std::size_t>(objects.shape(0));
  const auto stride = objects.strides(0);
  const char* base = static_cast<const char*>(objects.data());
  std::vector<std::string_view> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    PyObject* o = *reinterpret_cast<PyObject* const*>(base + static_cast<py::ssize_t>(i) * stride);
    if (PyUnicode_CheckExact(o) && PyUnicode_IS_COMPACT_ASCII(o)) {
      // ASCII, its bytes kept right after the object: they are its UTF-8 (no call).
      out[i] = std::string_view(static_cast<const char*>(PyUnicode_DATA(o)),
                                static_cast<std::size_t>(PyUnicode_GET_LENGTH(o)));
    } else if (PyUnicode_Check(o)) {
      Py_ssize_t size = 0;
      const char* utf8 = PyUnicode_AsUTF8AndSize(o, &size);
      if (utf8 == nullptr) throw py::error_already_set();
      out[i] = std::string_view(utf8, static_cast<std::size_t>(size));
    } else if (o == Py_None || (PyFloat_CheckExact(o) && std::isnan(PyFloat_AS_DOUBLE(o)))) {
      continue;
    } else {
      out[i] = made.emplace_back(text(py::handle(o)).cast<std::string>());
    }
  }
  return out;
}

// A column of Python objects read at build() where they are: ASCII str values (nearly all)
// and missing ones without the GIL, the others (other str, lists, numbers...) with it, which
// the thread that called build() has released. The builder owns it (and so the array),
// and drops it at build(), without the GIL: it takes the GIL to let go of its objects.
class ObjectColumn {
 public:
  ObjectColumn(const py::array& objects, py::function text)
      : objects_(objects), text_(std::move(text)) {
    if (objects.ndim() != 1 || objects.dtype().kind() != 'O') {
      throw py::type_error("expected a 1-D array of objects");
    }
    size_ = static_cast<std::size_t>(objects.shape(0));
    stride_ = objects.strides(0);
    base_ = static_cast<const char*>(objects.data());
  }
  ~ObjectColumn() {
    py::gil_scoped_acquire gil;
    objects_.release().dec_ref();
    text_.release().dec_ref();
  }
  ObjectColumn(const ObjectColumn&) = delete;
  ObjectColumn& operator=(const ObjectColumn&) = delete;
  std::size_t size() const { return size_; }

  std::string_view At(std::size_t u) {
    // The build reads a column's units in order, and each object is a cache miss of its
    // own: the one kAhead units on is fetched now, its header and its first characters.
    if (u + kAhead < size_) {
      const char* ahead = reinterpret_cast<const char*>(Object(u + kAhead));
      __builtin_prefetch(ahead);
      __builtin_prefetch(ahead + 64);
    }
    PyObject* o = Object(u);
    // Reads of an immutable object that the array keeps alive: no GIL needed.
    if (PyUnicode_CheckExact(o) && PyUnicode_IS_COMPACT_ASCII(o)) {
      return std::string_view(static_cast<const char*>(PyUnicode_DATA(o)),
                              static_cast<std::size_t>(PyUnicode_GET_LENGTH(o)));
    }
    if (o == Py_None || (PyFloat_CheckExact(o) && std::isnan(PyFloat_AS_DOUBLE(o)))) return {};
    py::gil_scoped_acquire gil;
    if (PyUnicode_Check(o)) {
      Py_ssize_t size = 0;
      const char* utf8 = PyUnicode_AsUTF8AndSize(o, &size);  // kept with the object
      if (utf8 == nullptr) throw py::error_already_set();
      return std::string_view(utf8, static_cast<std::size_t>(size));
    }
    return made_.emplace_back(text_(py::handle(o)).cast<std::string>());  // never moves
  }

 private:
  py::array objects_;
  py::function text_;
  const char* base_ = nullptr;
  py::ssize_t stride_ = 0;
  std::size_t size_ = 0;
  std::deque<std::string> made_;  // under the GIL

  static constexpr std::size_t kAhead = 16;
  PyObject* Object(std::size_t u) const {
    return *reinterpret_cast<PyObject* const*>(base_ + static_cast<py::ssize_t>(u) * stride_);
  }
};

// The batch, unless an evaluate_releasing used it up (then a ValueError, not a crash).
template <class B>
B& Usable(B& b) {
  if (!b.impl_shared()) throw py::value_error("this batch was used up by an evaluation");
  return b;
}

// A reference to a Python object held for the library (a column it shares): whichever
// thread lets go of it last, it is released under the GIL (and left alone once the
// interpreter is gone).
std::shared_ptr<const void> Kept(const py::object& o) {
  return std::shared_ptr<const void>(new py::object(o), [](const void* p) {
    auto* held = static_cast<py::object*>(const_cast<void*>(p));
    if (Py_IsInitialized() == 0) {
      held->release();  // nothing to release it to: left alone
      delete held;
      return;
    }
    py::gil_scoped_acquire gil;
    delete held;  // its destructor releases the reference
  });
}

// (scheme or None, message, [(severity, file, line, column, message)]): the caller raises
// assess.LoadError with every diagnostic.
py::tuple LoadResult(assess::Expected<assess::Scheme> s) {
  if (s) return py::make_tuple(py::cast(std::move(*s)), "", py::list());
  py::list diagnostics;
  for (const assess::Diagnostic& d : s.error().diagnostics) {
    diagnostics.append(py::make_tuple(d.severity == assess::Severity::kError ? "error" : "warning",
                                      d.file, d.line, d.column, d.message));
  }
  return py::make_tuple(py::none(), s.error().message, diagnostics);
}

assess::EvalOptions Options(int threads, const Params& params, bool explain) {
  assess::EvalOptions o;
  o.threads = threads;
  o.params = params;
  o.explain = explain;
  return o;
}

assess::DataFormat FormatOf(const std::string& name) {
  if (name == "csv") return assess::DataFormat::kCsv;
  if (name == "json") return assess::DataFormat::kJson;
  if (name == "jsonl") return assess::DataFormat::kJsonLines;
  if (name == "auto") return assess::DataFormat::kAuto;
  throw py::value_error("unknown data format `" + name + "` (csv, json, jsonl or auto)");
}

template <typename Write>
py::bytes Written(Write write) {
  std::ostringstream out;
  {
    py::gil_scoped_release release;
    write(out);
  }
  return py::bytes(out.str());
}

// Bytes for pickling objects that have Serialize / Deserialize.
template <typename T>
void Picklable(py::class_<T>& c) {
  c.def("serialize", [](const T& t) { return py::bytes(t.Serialize()); });
  c.def_static("deserialize",
               [](const py::bytes& b) { return Take(T::Deserialize(std::string(b))); });
  c.def(py::pickle([](const T& t) { return py::bytes(t.Serialize()); },
                   [](const py::bytes& b) { return Take(T::Deserialize(std::string(b))); }));
}

}  // namespace

PYBIND11_MODULE(_assess, m) {
  m.doc() = "The assess library's C++ API, for the assess package (use `import assess`).";

  py::class_<assess::Scheme>(m, "Scheme")
      .def_property_readonly("id", &assess::Scheme::id)
      .def_property_readonly("title", &assess::Scheme::title)
      .def_property_readonly("version", &assess::Scheme::version)
      .def_property_readonly("file_name", &assess::Scheme::file_name)
      .def_property_readonly("unit_column", &assess::Scheme::unit_column)
      .def_property_readonly("digits", &assess::Scheme::digits)
      .def_property_readonly("grade_levels", &assess::Scheme::grade_levels)
      .def_property_readonly("test_count", &assess::Scheme::test_count)
      .def("indicators",
           [](const assess::Scheme& s) {
             py::list out;
             for (const assess::IndicatorInfo& i : s.indicators()) {
               out.append(py::make_tuple(i.id, i.title, i.kind, i.points, i.parent, i.depth));
             }
             return out;
           })
      .def("inputs",
           [](const assess::Scheme& s) {
             py::list out;
             for (const assess::InputInfo& i : s.inputs()) {
               out.append(py::make_tuple(i.name, i.column, i.title, i.type, i.required));
             }
             return out;
           })
      .def("warnings",
           [](const assess::Scheme& s) {
             py::list out;
             for (const assess::Diagnostic& d : s.warnings()) out.append(d.ToString());
             return out;
           })
      .def("to_dot", &assess::Scheme::ToDot)
      .def("with_params",
           [](const assess::Scheme& s, const Params& p) { return Take(s.WithParams(p)); })
      .def("run_tests", [](const assess::Scheme& s, const Params& p) {
        std::vector<assess::TestOutcome> outcomes;
        {
          py::gil_scoped_release release;
          outcomes = assess::RunEmbeddedTests(s, Options(0, p, false));
        }
        py::list out;
        for (const auto& t : outcomes) out.append(py::make_tuple(t.name, t.passed, t.failures));
        return out;
      });

  m.def("load_text", [](const py::bytes& text, const std::string& name, const Params& params) {
    assess::LoadOptions o;
    o.params = params;
    const std::string t = text;
    return LoadResult(assess::Scheme::LoadText(t, name, o));
  });

  py::class_<assess::Batch>(m, "Batch")
      .def("__len__", [](const assess::Batch& b) { return Usable(b).size(); })
      .def("unit_ids",
           [](const assess::Batch& b) {
             Usable(b);
             std::vector<std::string> ids(b.size());
             for (std::size_t u = 0; u < b.size(); ++u) ids[u] = b.unit_id(u);
             return ids;
           })
      .def("data_error", [](const assess::Batch& b, std::size_t unit) -> const std::string& {
        return Usable(b).data_error(unit);
      });

  m.def("read_file", [](const assess::Scheme& s, const std::string& path, const std::string& fmt) {
    const assess::DataFormat f = FormatOf(fmt);
    return Unlocked([&] { return assess::Batch::ReadFile(s, path, f); });
  });
  m.def("read_part_text", [](const assess::Scheme& s, const py::bytes& text, const std::string& fmt,
                             std::uint64_t rows_before, const std::string& name) {
    const std::string t = text;
    const assess::DataFormat f = FormatOf(fmt);
    return Unlocked([&] { return assess::ReadPartText(s, t, f, rows_before, name); });
  });

  // Columns in, from NumPy buffers: one copy into the builder, no Python loop.
  py::class_<assess::BatchBuilder>(m, "BatchBuilder")
      .def(py::init<const assess::Scheme&>())
      .def("set_units_before", &assess::BatchBuilder::SetUnitsBefore)
      .def("set_unit_id_objects",
           [](assess::BatchBuilder& b, const py::array& ids, const py::function& text) {
             std::deque<std::string> made;
             const std::vector<std::string_view> views = ObjectTexts(ids, text, made);
             Check(b.SetUnitIdViews(views));  // copied once, into the builder's units
           })
      // The texts are read at build(), where they are; the builder keeps the array.
      .def("set_object_column",
           [](assess::BatchBuilder& b, const std::string& name, const py::array& objects,
              const py::function& text) {
             auto column = std::make_shared<ObjectColumn>(objects, text);
             Check(b.SetTextColumnView(name, column->size(),
                                       [column](std::size_t u) { return column->At(u); }));
           })
      // The values are shared with the batch (SetColumnShared): read where they are, and
      // kept as the table's own when every one would be stored as it is, the array kept
      // alive with the batch. The caller must not change them while the batch lives (a
      // DataFrame's column during evaluate). A strided or non-float64 array is copied
      // first, by NumPy, into one that is kept with the batch.
      .def("set_column",
           [](assess::BatchBuilder& b, const std::string& name,
              py::array_t<double, py::array::c_style | py::array::forcecast> values) {
             Check(b.SetColumnShared(name, values.data(), static_cast<std::size_t>(values.size()),
                                     Kept(values)));
             return values;
           })
      // The same for an int64 array (a DataFrame's integer column): its whole numbers are
      // read as doubles at build(), without a float64 copy of the column made first.
      .def("set_whole_column",
           [](assess::BatchBuilder& b, const std::string& name,
              py::array_t<std::int64_t, py::array::c_style> values) {
             Check(b.SetColumnView(name, values.data(), static_cast<std::size_t>(values.size())));
             return values;
           })
      .def("build", [](assess::BatchBuilder& b) { return Unlocked([&] { return b.Build(); }); });

  py::class_<assess::Results>(m, "Results")
      .def("__len__", &assess::Results::size)
      .def_property_readonly("error_count", &assess::Results::error_count)
      .def("unit_id", &assess::Results::unit_id)
      .def("find", &assess::Results::Find)
      .def("explain",
           [](const assess::Results& r, std::size_t unit) {
             if (unit >= r.size()) throw py::index_error("no such unit");
             py::gil_scoped_release release;
             return r.Explain(unit);
           })
      // The columns of `assess run`'s CSV: the scores and the total as one array of
      // indicators + 1 rows of n (NaN when none; its transpose is a DataFrame's block as it
      // is, without a copy), rank as int64 (0 for none), and the texts as arrays of Python
      // objects (None when empty; a grade or a list of vetoes that repeats is one str
      // object, shared). The numbers are filled without the GIL, on two threads, a chunk of
      // units at a time for every indicator (so that the chunk's error flags stay in cache).
      // `id_objects`, when not None, holds the input's unit ids (a DataFrame's column, in
      // the batch's order): each that is a str equal to the unit's id is used as it is,
      // rather than a new str made (a million of them were 60 MB of fresh memory).
      .def("columns",
           [](const assess::Results& r, std::size_t indicators,
              const std::vector<std::string>& grade_levels, const py::object& id_objects) {
             const std::size_t n = r.size();
             const bool graded = !grade_levels.empty();
             py::array_t<double> block({indicators + 1, n});
             py::array_t<std::int64_t> rank(n);
             double* const block_data = block.mutable_data();
             std::int64_t* const rank_data = rank.mutable_data();
             // Per unit: its grade's level (-1: none), and its vetoes joined by ';', as a
             // code: 0 none, else (k << 1 | part) for text k of that part's thread (a
             // million strings, nearly all empty, were 32 MB of fresh memory).
             std::vector<std::int32_t> grade_of(graded ? n : 0, -1);
             std::vector<std::uint32_t> veto_code(n, 0);
             std::vector<std::string> veto_texts_of[2];
             {
               py::gil_scoped_release release;
               constexpr std::size_t kChunk = 1024;
               const std::size_t chunks = (n + kChunk - 1) / kChunk;
               auto part = [&](std::size_t from_chunk, std::size_t to_chunk, int which) {
                 std::vector<std::string>& texts = veto_texts_of[which];
                 std::unordered_map<std::string, std::uint32_t> code_of;
                 std::string joined;
                 for (std::size_t c = from_chunk; c < to_chunk; ++c) {
                   const std::size_t first = c * kChunk;
                   const std::size_t count = std::min(kChunk, n - first);
                   for (std::size_t i = 0; i < indicators; ++i) {
                     r.ScoresInto(i, first, count, block_data + i * n + first);
                   }
                   r.TotalsInto(first, count, block_data + indicators * n + first);
                   for (std::size_t u = first; u < first + count; ++u) {
                     const std::optional<int> k = r.rank(u);
                     rank_data[u] = k ? *k : 0;
                     if (graded) {
                       if (const std::optional<std::string> g = r.grade(u)) {
                         for (std::size_t l = 0; l < grade_levels.size(); ++l) {
                           if (grade_levels[l] == *g) grade_of[u] = static_cast<std::int32_t>(l);
                         }
                       }
                     }
                     const std::vector<std::string> fired = r.vetoes(u);
                     if (fired.empty()) continue;
                     joined.clear();
                     for (const std::string& v : fired) {
                       if (!joined.empty()) joined += ';';
                       joined += v;
                     }
                     auto [it, added] =
                         code_of.emplace(joined, static_cast<std::uint32_t>(texts.size() + 1));
                     if (added) texts.push_back(joined);
                     veto_code[u] = it->second << 1 | static_cast<std::uint32_t>(which);
                   }
                 }
               };
               const std::size_t half = n >= 65536 ? chunks / 2 : chunks;
               std::exception_ptr failed;  // rethrown once the other thread is joined
               std::thread other;
               if (half < chunks)
                 other = std::thread([&] {
                   try {
                     part(half, chunks, 1);
                   } catch (...) {
                     failed = std::current_exception();
                   }
                 });
               std::exception_ptr mine;
               try {
                 part(0, half, 0);
               } catch (...) {
                 mine = std::current_exception();
               }
               if (other.joinable()) other.join();
               if (mine) std::rethrow_exception(mine);
               if (failed) std::rethrow_exception(failed);
             }
             // Arrays of objects, filled with None first (NumPy leaves the new array's
             // pointers as they are), then with new references: no list to convert.
             auto objects = [n]() {
               py::array a(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)});
               PyObject** items = static_cast<PyObject**>(a.mutable_data());
               for (std::size_t u = 0; u < n; ++u) {
                 Py_INCREF(Py_None);
                 items[u] = Py_None;
               }
               return a;
             };
             auto set = [](py::array& a, std::size_t u, py::object o) {
               PyObject** items = static_cast<PyObject**>(a.mutable_data());
               Py_XDECREF(items[u]);
               items[u] = o.release().ptr();
             };
             py::array ids = objects(), errors = objects(), grades = objects(),
                       veto_texts = objects();
             std::vector<py::object> level_texts;
             for (const std::string& l : grade_levels) level_texts.push_back(py::str(l));
             std::vector<py::object> veto_objects[2];
             for (int which = 0; which < 2; ++which) {
               for (const std::string& t : veto_texts_of[which]) {
                 veto_objects[which].push_back(py::str(t));
               }
             }
             // The input's id objects, when given as an array of n objects.
             PyObject* const* given = nullptr;
             py::ssize_t given_stride = 0;
             py::array given_array;
             if (!id_objects.is_none()) {
               given_array = py::array::ensure(id_objects);
               if (given_array && given_array.ndim() == 1 && given_array.dtype().kind() == 'O' &&
                   static_cast<std::size_t>(given_array.shape(0)) == n) {
                 given = static_cast<PyObject* const*>(given_array.data());
                 given_stride =
                     given_array.strides(0) / static_cast<py::ssize_t>(sizeof(PyObject*));
               }
             }
             for (std::size_t u = 0; u < n; ++u) {
               const std::string& id = r.unit_id(u);
               PyObject* o =
                   given != nullptr ? given[static_cast<py::ssize_t>(u) * given_stride] : nullptr;
               if (o != nullptr && PyUnicode_CheckExact(o) && PyUnicode_IS_COMPACT_ASCII(o) &&
                   static_cast<std::size_t>(PyUnicode_GET_LENGTH(o)) == id.size() &&
                   std::memcmp(PyUnicode_DATA(o), id.data(), id.size()) == 0) {
                 set(ids, u, py::reinterpret_borrow<py::object>(o));
               } else {
                 set(ids, u, py::str(id));
               }
               const std::string& e = r.error(u);
               set(errors, u, e.empty() ? py::object(py::none()) : py::object(py::str(e)));
               if (graded) {
                 set(grades, u,
                     grade_of[u] >= 0 ? level_texts[grade_of[u]] : py::object(py::none()));
               }
               const std::uint32_t code = veto_code[u];
               if (code == 0) {
                 set(veto_texts, u, py::none());
               } else {
                 set(veto_texts, u, veto_objects[code & 1][(code >> 1) - 1]);
               }
             }
             return py::make_tuple(ids, block, rank,
                                   graded ? py::object(grades) : py::object(py::none()), veto_texts,
                                   errors);
           })
      .def(
          "to_csv",
          [](const assess::Results& r) { return Written([&](std::ostream& o) { r.WriteCsv(o); }); })
      .def("to_json",
           [](const assess::Results& r, bool explain) {
             return Written([&](std::ostream& o) { r.WriteJson(o, explain); });
           })
      .def("to_jsonl", [](const assess::Results& r, bool explain) {
        return Written([&](std::ostream& o) { r.WriteJsonLines(o, explain); });
      });

  m.def("evaluate", [](const assess::Scheme& s, const assess::Batch& b, int threads,
                       const Params& params, bool explain) {
    const assess::EvalOptions o = Options(threads, params, explain);
    Usable(b);
    return Unlocked([&] { return assess::Evaluate(s, b, o); });
  });
  // Evaluate for a batch used once (Scheme.evaluate's): its columns are freed before the
  // DataFrame of the scores is made, which then reuses their memory. `b` is used up.
  m.def("evaluate_releasing", [](const assess::Scheme& s, assess::Batch& b, int threads,
                                 const Params& params, bool explain) {
    const assess::EvalOptions o = Options(threads, params, explain);
    assess::Batch taken = std::move(Usable(b));
    return Unlocked([&] { return assess::EvaluateReleasing(s, std::move(taken), o); });
  });

  // The partition API (assess/partition.h), for assess.dask.
  py::class_<assess::Partials> partials(m, "Partials");
  partials.def(py::init<>())
      .def_property_readonly("round", &assess::Partials::round)
      .def("merge",
           [](assess::Partials& p, const assess::Partials& later) { Check(p.Merge(later)); });
  Picklable(partials);

  py::class_<assess::PeerState> state(m, "PeerState");
  state
      .def_static("start",
                  [](const assess::Scheme& s, const Params& params) {
                    return Take(assess::PeerState::Start(s, Options(0, params, false)));
                  })
      .def_property_readonly("round", &assess::PeerState::round)
      .def_property_readonly("rounds", &assess::PeerState::rounds)
      .def_property_readonly("complete", &assess::PeerState::complete)
      .def("advance", [](assess::PeerState& s, const assess::Partials& p) { Check(s.Advance(p)); });
  Picklable(state);

  m.def("evaluate_partials", [](const assess::Scheme& s, const assess::Batch& b,
                                const assess::PeerState& st, int threads, const Params& params) {
    const assess::EvalOptions o = Options(threads, params, false);
    Usable(b);
    return Unlocked([&] { return assess::EvaluatePartials(s, b, st, o); });
  });
  m.def("evaluate_part",
        [](const assess::Scheme& s, const assess::Batch& b, const assess::PeerState& st,
           int threads, const Params& params, bool explain) {
          const assess::EvalOptions o = Options(threads, params, explain);
          Usable(b);
          return Unlocked([&] { return assess::EvaluatePart(s, b, st, o); });
        });
  m.def("repeatable_ids", &assess::RepeatableIds);
  m.def("repeated_units", &assess::RepeatedUnits);
  m.def("mark_repeated", &assess::MarkRepeated);
}
