// This file's external interface is include/assess/partition.h: Partials, PeerState,
// EvaluatePartials / EvaluatePart (the one evaluator with eval::PartialsHook taking over
// its peer reductions and ranks), repeated ids across parts, parts read with their place.
#include "assess/partition.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>
#include <unordered_set>

#include "api/api_impl.h"
#include "data/unit_table_builder.h"
#include "eval/evaluator.h"
#include "eval/partials.h"

namespace assess {

namespace internal {

struct PartialsImpl {
  bool empty = true;
  eval::PeerPartials partials;
};

struct PeerStateImpl {
  int peer_rounds = 0;                     // phases that end in peer reductions
  std::vector<eval::PeerPartials> merged;  // per round done
  const char* kMagic = "assess-peer-state-1";
};

}  // namespace internal

namespace {

// The scheme as evaluated with `options` (its params), as Evaluate picks it.
Expected<Scheme> Variant(const Scheme& scheme, const EvalOptions& options) {
  if (options.params.empty()) return scheme;
  return scheme.WithParams(options.params);
}

int ThreadsOf(const EvalOptions& options) {
  return options.threads > 0 ? options.threads
                             : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

// Evaluates `part` with the merged partials of `state`: gathers the next round's partials
// into `hook`, or (state complete) gives the part's results.
Expected<Results> Run(const Scheme& scheme_in, const Batch& part, const PeerState& state,
                      const EvalOptions& options, bool final,
                      std::unique_ptr<eval::PartialsHook>* gathered) {
  Expected<Scheme> scheme = Variant(scheme_in, options);
  if (!scheme) return scheme.error();
  const internal::SchemeImpl& s = scheme->impl();
  const internal::BatchImpl& b = part.impl();
  if (b.scheme->family != s.family) {
    return internal::MakeError(
        "the batch was read for another scheme: read it again with this one");
  }
  const internal::PeerStateImpl& st = state.impl();
  if (static_cast<int>(eval::PeerRoundPhases(s.program).size()) != st.peer_rounds) {
    return internal::MakeError("the peer state was started for another scheme");
  }
  if (final != state.complete()) {
    return internal::MakeError(final ? "the peer state is not complete: rounds are missing"
                                     : "the peer state is complete: evaluate the parts");
  }
  auto impl = std::make_shared<internal::ResultsImpl>();
  impl->scheme = scheme->shared_impl();
  impl->batch = part.impl_shared();
  if (b.scheme.get() != &s) {
    impl->rebound = internal::Rebind(b.table, *s.model);
    impl->uses_rebound = true;
  }
  impl->peers = std::make_shared<const std::vector<eval::PeerPartials>>(st.merged);
  auto hook = std::make_unique<eval::PartialsHook>(s.program, *impl->peers);
  eval::EvalSettings settings;
  settings.threads = ThreadsOf(options);
  settings.trace = final && options.explain;
  settings.peers = hook.get();
  impl->threads = settings.threads;
  impl->table = eval::Evaluate(*s.model, s.program, impl->units(), settings);
  if (gathered) *gathered = std::move(hook);
  return internal::ResultsImpl::Make(std::move(impl));
}

}  // namespace

Partials::Partials() : impl_(std::make_unique<internal::PartialsImpl>()) {}
Partials::~Partials() = default;
Partials::Partials(const Partials& other)
    : impl_(std::make_unique<internal::PartialsImpl>(*other.impl_)) {}
Partials& Partials::operator=(const Partials& other) {
  if (this != &other) impl_ = std::make_unique<internal::PartialsImpl>(*other.impl_);
  return *this;
}
Partials::Partials(Partials&&) noexcept = default;
Partials& Partials::operator=(Partials&&) noexcept = default;

int Partials::round() const { return impl_->empty ? -1 : impl_->partials.round; }

Status Partials::Merge(const Partials& later) {
  if (later.impl_->empty) return Status::Ok();
  if (impl_->empty) {
    *impl_ = *later.impl_;
    return Status::Ok();
  }
  if (later.round() != round()) {
    return internal::MakeError(fmt::format(
        "partials of round {} cannot be merged with those of round {}", later.round(), round()));
  }
  impl_->partials.Merge(later.impl_->partials);
  return Status::Ok();
}

std::string Partials::Serialize() const {
  return impl_->empty ? std::string() : impl_->partials.Serialize();
}

Expected<Partials> Partials::Deserialize(std::string_view bytes) {
  Partials p;
  if (bytes.empty()) return p;
  std::string error;
  std::optional<eval::PeerPartials> parsed = eval::PeerPartials::Parse(bytes, &error);
  if (!parsed) return internal::MakeError(error);
  p.impl_->empty = false;
  p.impl_->partials = std::move(*parsed);
  return p;
}

PeerState::PeerState(std::unique_ptr<internal::PeerStateImpl> impl) : impl_(std::move(impl)) {}
PeerState::~PeerState() = default;
PeerState::PeerState(const PeerState& other)
    : impl_(std::make_unique<internal::PeerStateImpl>(*other.impl_)) {}
PeerState& PeerState::operator=(const PeerState& other) {
  if (this != &other) impl_ = std::make_unique<internal::PeerStateImpl>(*other.impl_);
  return *this;
}
PeerState::PeerState(PeerState&&) noexcept = default;
PeerState& PeerState::operator=(PeerState&&) noexcept = default;

Expected<PeerState> PeerState::Start(const Scheme& scheme_in, const EvalOptions& options) {
  Expected<Scheme> scheme = Variant(scheme_in, options);
  if (!scheme) return scheme.error();
  auto impl = std::make_unique<internal::PeerStateImpl>();
  impl->peer_rounds = static_cast<int>(eval::PeerRoundPhases(scheme->impl().program).size());
  return PeerState(std::move(impl));
}

int PeerState::round() const { return static_cast<int>(impl_->merged.size()); }
int PeerState::rounds() const { return impl_->peer_rounds + 1; }

Status PeerState::Advance(const Partials& merged) {
  if (complete()) return internal::MakeError("the peer state is complete: no round is left");
  eval::PeerPartials p;
  p.round = round();
  if (merged.round() >= 0) {
    if (merged.round() != round()) {
      return internal::MakeError(
          fmt::format("partials of round {} given for round {}", merged.round(), round()));
    }
    p = merged.impl().partials;
  }
  impl_->merged.push_back(std::move(p));
  return Status::Ok();
}

std::string PeerState::Serialize() const {
  // The rounds' partials, each with its length.
  std::string out = impl_->kMagic;
  out += '\n';
  out += std::to_string(impl_->peer_rounds) + '\n';
  for (const eval::PeerPartials& p : impl_->merged) {
    const std::string bytes = p.Serialize();
    out += std::to_string(bytes.size()) + '\n';
    out += bytes;
  }
  return out;
}

Expected<PeerState> PeerState::Deserialize(std::string_view bytes) {
  auto impl = std::make_unique<internal::PeerStateImpl>();
  const Error bad =
      internal::MakeError("not the peer state of an assess evaluation (or truncated)");
  auto line = [&](std::string_view& rest, std::string& out) {
    const std::size_t nl = rest.find('\n');
    if (nl == std::string_view::npos || nl > 20) return false;
    out.assign(rest.substr(0, nl));
    rest.remove_prefix(nl + 1);
    return true;
  };
  auto number = [](const std::string& s, uint64_t& n) {
    if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) {
      return false;
    }
    n = std::stoull(s);
    return true;
  };
  std::string_view rest = bytes;
  std::string text;
  uint64_t n;
  if (!line(rest, text) || text != impl->kMagic || !line(rest, text) || !number(text, n) ||
      n > 1000000) {
    return bad;
  }
  impl->peer_rounds = static_cast<int>(n);
  while (!rest.empty()) {
    if (!line(rest, text) || !number(text, n) || n > rest.size()) return bad;
    std::string error;
    std::optional<eval::PeerPartials> p = eval::PeerPartials::Parse(rest.substr(0, n), &error);
    if (!p || p->round != static_cast<int>(impl->merged.size())) return bad;
    impl->merged.push_back(std::move(*p));
    rest.remove_prefix(n);
  }
  if (static_cast<int>(impl->merged.size()) > impl->peer_rounds + 1) return bad;
  return PeerState(std::move(impl));
}

Expected<Partials> EvaluatePartials(const Scheme& scheme, const Batch& part, const PeerState& state,
                                    const EvalOptions& options) {
  std::unique_ptr<eval::PartialsHook> hook;
  Expected<Results> r = Run(scheme, part, state, options, false, &hook);
  if (!r) return r.error();
  Partials p;
  p.impl().empty = false;
  p.impl().partials = std::move(hook->gathered);
  return p;
}

Expected<Results> EvaluatePart(const Scheme& scheme, const Batch& part, const PeerState& state,
                               const EvalOptions& options) {
  return Run(scheme, part, state, options, true, nullptr);
}

std::vector<std::string> RepeatableIds(const Batch& part) {
  const data::UnitTable& t = part.impl().table;
  std::vector<std::string> ids(t.size());
  for (std::size_t u = 0; u < t.size(); ++u) {
    // As UnitTableBuilder::BeginUnit: such ids never enter the set of ids seen.
    const std::string_view error = t.errors[u];
    const bool not_utf8 = error.size() >= data::kIdNotUtf8.size() &&
                          error.substr(error.size() - data::kIdNotUtf8.size()) == data::kIdNotUtf8;
    if (!not_utf8) ids[u] = t.ids[u];
  }
  return ids;
}

std::vector<std::vector<std::size_t>> RepeatedUnits(
    const std::vector<std::vector<std::string>>& ids_of_parts) {
  std::vector<std::vector<std::size_t>> out(ids_of_parts.size());
  std::unordered_set<std::string_view> earlier;
  for (std::size_t p = 0; p < ids_of_parts.size(); ++p) {
    const std::vector<std::string>& ids = ids_of_parts[p];
    for (std::size_t u = 0; u < ids.size(); ++u) {
      if (!ids[u].empty() && earlier.count(ids[u]) != 0) out[p].push_back(u);
    }
    earlier.insert(ids.begin(), ids.end());
  }
  return out;
}

Batch MarkRepeated(const Batch& part, const std::vector<std::size_t>& units) {
  if (units.empty()) return part;
  auto impl = std::make_shared<internal::BatchImpl>(part.impl());
  data::UnitTable& t = impl->table;
  for (std::size_t u : units) {
    if (u >= t.size()) continue;  // not a unit of this part
    // As the reader words a repeat (unit_table_builder.cc).
    t.errors.Set(
        u, fmt::format("data error: unit {} ({}): duplicate unit id", t.ids[u], t.PlaceOf(u)));
  }
  return Batch::FromImpl(std::move(impl));
}

Expected<Batch> ReadPartText(const Scheme& scheme, std::string_view text, DataFormat format,
                             std::uint64_t rows_before, std::string_view name) {
  if (rows_before == 0) return Batch::ReadText(scheme, text, format, name);
  if (format == DataFormat::kAuto) {
    const bool jsonl =
        name.size() >= 6 && (name.substr(name.size() - 6) == ".jsonl" ||
                             (name.size() >= 7 && name.substr(name.size() - 7) == ".ndjson"));
    const bool json = !jsonl && name.size() >= 5 && name.substr(name.size() - 5) == ".json";
    format = jsonl ? DataFormat::kJsonLines : json ? DataFormat::kJson : DataFormat::kCsv;
  }
  // The readers number records as they meet them, blank ones too, and skip blank ones: the
  // rows before the part are given to them as that many blank lines.
  std::string padded;
  switch (format) {
    case DataFormat::kJson:
      return internal::MakeError(
          fmt::format("{}: a JSON array cannot be read in parts; use JSON Lines", name));
    case DataFormat::kJsonLines:
      padded.reserve(rows_before + text.size());
      padded.assign(rows_before, '\n');
      padded.append(text);
      break;
    default: {
      // After the header record (which a quoted cell may continue over lines).
      bool quoted = false;
      std::size_t end = 0;
      while (end < text.size() && (quoted || text[end] != '\n')) quoted ^= text[end++] == '"';
      padded.reserve(text.size() + rows_before + 1);
      padded.append(text.substr(0, end));
      padded += '\n';
      padded.append(rows_before, '\n');
      if (end < text.size()) padded.append(text.substr(end + 1));
      break;
    }
  }
  return Batch::ReadText(scheme, padded, format, name);
}

Expected<std::vector<Results>> EvaluateInParts(const Scheme& scheme,
                                               const std::vector<Batch>& parts_in,
                                               const EvalOptions& options) {
  std::vector<std::vector<std::string>> ids(parts_in.size());
  for (std::size_t p = 0; p < parts_in.size(); ++p) {
    ids[p] = RepeatableIds(parts_in[p]);
  }
  const std::vector<std::vector<std::size_t>> repeated = RepeatedUnits(ids);
  std::vector<Batch> parts;
  for (std::size_t p = 0; p < parts_in.size(); ++p) {
    parts.push_back(MarkRepeated(parts_in[p], repeated[p]));
  }
  Expected<PeerState> state = PeerState::Start(scheme, options);
  if (!state) return state.error();
  while (!state->complete()) {
    Partials merged;
    for (const Batch& part : parts) {
      Expected<Partials> p = EvaluatePartials(scheme, part, *state, options);
      if (!p) return p.error();
      if (Status s = merged.Merge(*p); !s) return s.error();
    }
    if (Status s = state->Advance(merged); !s) return s.error();
  }
  std::vector<Results> results;
  for (const Batch& part : parts) {
    Expected<Results> r = EvaluatePart(scheme, part, *state, options);
    if (!r) return r.error();
    results.push_back(std::move(*r));
  }
  return results;
}

}  // namespace assess
