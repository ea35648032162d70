// Native benchmark: the mexe core and muParser on the very inputs the Node
// benchmark uses, read from the files `node bench/workloads.mjs --write DIR`
// writes. Every benchmark first checks each item's value bit for bit against
// the expected value in DIR/manifest.tsv, and reports an error instead of a
// time when an engine rejects an input or computes another value.
//
//   mexe_bench [--workloads=DIR] [--scalar] [Google Benchmark flags]
//   (DIR defaults to $MEXE_BENCH_WORKLOADS, then build/bench-workloads;
//   --scalar: the bulk fast path off, every byte through the scalar machine)
//
// Counters: bytes_per_second (input bytes) and items_per_second (evaluations;
// the formula set has 20 items per iteration, the other workloads one).
// DIR/distinct-formulas.tsv, when there, adds the distinct-formulas runs.
#include <benchmark/benchmark.h>

#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fast_path.hpp"
#include "mexe/evaluator.hpp"
#include "random_expression.hpp"

#ifdef MEXE_BENCH_MUPARSER
#include <muParser.h>
#endif

namespace {

struct Item {
  std::string text;
  double expected;
};

struct Workload {
  std::string name;
  std::vector<Item> items;
  std::int64_t bytes = 0;
};

double from_bits(const std::string& hex) {
  std::uint64_t bits = std::strtoull(hex.c_str(), nullptr, 16);
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

bool same(double a, double b) {  // Object.is: bit for bit, NaN equal to NaN
  return std::memcmp(&a, &b, sizeof a) == 0 || (a != a && b != b);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "mexe_bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// manifest.tsv: name, index, file, bytes, expected value's bits in hex.
std::vector<Workload> load(const std::string& dir) {
  std::vector<Workload> list;
  std::istringstream manifest(read_file(dir + "/manifest.tsv"));
  std::string line;
  while (std::getline(manifest, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string name, index, file, bytes, bits;
    std::getline(fields, name, '\t');
    std::getline(fields, index, '\t');
    std::getline(fields, file, '\t');
    std::getline(fields, bytes, '\t');
    std::getline(fields, bits, '\t');
    if (list.empty() || list.back().name != name) list.push_back({name, {}, 0});
    Item item{read_file(dir + "/" + file), from_bits(bits)};
    list.back().bytes += std::int64_t(item.text.size());
    list.back().items.push_back(std::move(item));
  }
  return list;
}

std::string describe(double got, double expected) {
  char text[128];
  std::snprintf(text, sizeof text, "wrong value: %.17g, expected %.17g", got, expected);
  return text;
}

void count(benchmark::State& state, const Workload& w) {
  state.SetBytesProcessed(state.iterations() * w.bytes);
  state.SetItemsProcessed(state.iterations() * std::int64_t(w.items.size()));
}

// mexe::evaluate: the one-shot call with its per-thread evaluator.
void bm_mexe_evaluate(benchmark::State& state, const Workload* w) {
  for (const Item& item : w->items) {
    mexe::Result r = mexe::evaluate(item.text);
    if (!r.ok()) {
      state.SkipWithError((std::string("rejected: ") + mexe::error_code_name(r.error)).c_str());
      return;
    }
    if (!same(r.value, item.expected)) {
      state.SkipWithError(describe(r.value, item.expected).c_str());
      return;
    }
  }
  for (auto _ : state) {
    for (const Item& item : w->items) {
      mexe::Result r = mexe::evaluate(item.text);
      benchmark::DoNotOptimize(r);
    }
  }
  count(state, *w);
}

// A static Evaluator, as the wasm module holds one in its scratch region.
mexe::Evaluator static_evaluator;

void bm_mexe_static(benchmark::State& state, const Workload* w) {
  for (const Item& item : w->items) {
    mexe::Result r = static_evaluator.evaluate(item.text);
    if (!r.ok() || !same(r.value, item.expected)) {
      state.SkipWithError(r.ok() ? describe(r.value, item.expected).c_str()
                                 : mexe::error_code_name(r.error));
      return;
    }
  }
  for (auto _ : state) {
    for (const Item& item : w->items) {
      mexe::Result r = static_evaluator.evaluate(item.text);
      benchmark::DoNotOptimize(r);
    }
  }
  count(state, *w);
}

// Input the CPU has never seen: a new random expression of `bytes` bytes for
// every iteration (seeds counting up from `seed`, never reused in a run),
// made while the timer is paused. What bulk users have; the workloads above
// are evaluated again and again, and the branch predictor learns them.
void bm_fresh(benchmark::State& state, std::size_t bytes, std::uint64_t seed) {
  std::int64_t total = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const std::string text = mexe_tools::random_expression(seed++, bytes);
    total += std::int64_t(text.size());
    state.ResumeTiming();
    mexe::Result r = static_evaluator.evaluate(text);
    benchmark::DoNotOptimize(r);
    if (!r.ok()) {
      state.SkipWithError((std::string("rejected: ") + mexe::error_code_name(r.error)).c_str());
      return;
    }
  }
  state.SetBytesProcessed(total);
  state.SetItemsProcessed(state.iterations());
}

// Many short formulas, each evaluated once per pass over them: the bytes of
// DIR/distinct-formulas.tsv (a line each: expected bits, a tab, the text),
// held end to end in one buffer as a file of formulas would be.
struct Formulas {
  std::string text;
  std::vector<std::string_view> items;
  std::vector<double> expected;
};

bool load_formulas(const std::string& path, Formulas& f) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string contents{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  std::size_t at = 0;
  while (at < contents.size()) {
    std::size_t tab = contents.find('\t', at);
    std::size_t end = contents.find('\n', at);
    if (tab == std::string::npos || end == std::string::npos || tab > end) break;
    f.expected.push_back(from_bits(contents.substr(at, tab - at)));
    spans.emplace_back(f.text.size(), end - tab - 1);
    f.text.append(contents, tab + 1, end - tab - 1);
    at = end + 1;
  }
  for (auto [offset, length] : spans) f.items.emplace_back(f.text.data() + offset, length);
  return !f.items.empty();
}

// One formula per iteration, walking on where the last run stopped, so no
// run evaluates a formula the CPU has just seen (a pass is 100,000 items).
// Engine::check(text, expected) gives what is wrong ("" when nothing), once
// per formula before the first run; Engine::run(text) is what is timed.
template <typename Engine>
void bm_distinct(benchmark::State& state, const Formulas* f) {
  static bool checked = false;
  static std::size_t next = 0;
  if (!checked) {
    for (std::size_t i = 0; i < f->items.size(); ++i) {
      std::string problem = Engine::check(f->items[i], f->expected[i]);
      if (!problem.empty()) {
        problem += " (formula " + std::to_string(i + 1) + ")";
        state.SkipWithError(problem.c_str());
        return;
      }
    }
    checked = true;
  }
  std::size_t i = next;
  const std::size_t n = f->items.size();
  std::int64_t bytes = 0;
  for (auto _ : state) {
    Engine::run(f->items[i]);
    bytes += std::int64_t(f->items[i].size());
    if (++i == n) i = 0;
  }
  next = i;
  state.SetBytesProcessed(bytes);
  state.SetItemsProcessed(state.iterations());
}

std::string check_result(const mexe::Result& r, double expected) {
  if (!r.ok()) return std::string("rejected: ") + mexe::error_code_name(r.error);
  return same(r.value, expected) ? "" : describe(r.value, expected);
}

struct StaticEvaluator {
  static std::string check(std::string_view text, double expected) {
    return check_result(static_evaluator.evaluate(text), expected);
  }
  static void run(std::string_view text) {
    mexe::Result r = static_evaluator.evaluate(text);
    benchmark::DoNotOptimize(r);
  }
};

struct OneShot {
  static std::string check(std::string_view text, double expected) {
    return check_result(mexe::evaluate(text), expected);
  }
  static void run(std::string_view text) {
    mexe::Result r = mexe::evaluate(text);
    benchmark::DoNotOptimize(r);
  }
};

// The same kind of input, one expression evaluated again and again.
void bm_repeated(benchmark::State& state, std::size_t bytes, std::uint64_t seed) {
  const std::string text = mexe_tools::random_expression(seed, bytes);
  for (auto _ : state) {
    mexe::Result r = static_evaluator.evaluate(text);
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(state.iterations() * std::int64_t(text.size()));
  state.SetItemsProcessed(state.iterations());
}

#ifdef MEXE_BENCH_MUPARSER
// muParser parses in SetExpr (and on the first Eval after it): both are timed,
// since reading the text is the job.
void bm_muparser(benchmark::State& state, const Workload* w) {
  mu::Parser parser;
  try {
    for (const Item& item : w->items) {
      parser.SetExpr(item.text);
      double v = parser.Eval();
      if (!same(v, item.expected)) {
        state.SkipWithError(describe(v, item.expected).c_str());
        return;
      }
    }
  } catch (const mu::Parser::exception_type& e) {
    std::string message = "rejected: " + e.GetMsg();
    state.SkipWithError(message.c_str());
    return;
  }
  for (auto _ : state) {
    for (const Item& item : w->items) {
      parser.SetExpr(item.text);
      double v = parser.Eval();
      benchmark::DoNotOptimize(v);
    }
  }
  count(state, *w);
}

// SetExpr + Eval, as bm_muparser times it.
struct MuParser {
  static mu::Parser& parser() {
    static mu::Parser p;
    return p;
  }
  static std::string check(std::string_view text, double expected) {
    try {
      parser().SetExpr(std::string(text));
      double v = parser().Eval();
      return same(v, expected) ? "" : describe(v, expected);
    } catch (const mu::Parser::exception_type& e) {
      return "rejected: " + e.GetMsg();
    }
  }
  static void run(std::string_view text) {
    parser().SetExpr(std::string(text));
    double v = parser().Eval();
    benchmark::DoNotOptimize(v);
  }
};
#endif

// Seconds per benchmark (per repetition). The rates are per CPU second
// (Google Benchmark's default): on a busy machine the wall clock also counts
// the time other processes hold the core. The Node side gets the same effect
// from the median of short samples (bench/run.mjs).
constexpr double kMinTime = 0.2;

}  // namespace

int main(int argc, char** argv) {
  const char* env = std::getenv("MEXE_BENCH_WORKLOADS");
  std::string dir = env && *env ? env : "build/bench-workloads";
  // Take --workloads=DIR and --scalar out of argv before Google Benchmark
  // reads it.
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.substr(0, 12) == "--workloads=") dir = std::string(arg.substr(12));
    else if (arg == "--scalar") mexe::detail::set_fast_path(false);
    else argv[kept++] = argv[i];
  }
  argc = kept;

  static std::vector<Workload> workloads = load(dir);
  if (workloads.empty()) {
    std::fprintf(stderr, "mexe_bench: no workloads in %s/manifest.tsv\n", dir.c_str());
    return 2;
  }
  for (const Workload& w : workloads) {
    benchmark::RegisterBenchmark(("mexe::evaluate/" + w.name).c_str(), bm_mexe_evaluate, &w)
        ->MinTime(kMinTime);
    benchmark::RegisterBenchmark(("Evaluator::evaluate/" + w.name).c_str(), bm_mexe_static, &w)
        ->MinTime(kMinTime);
#ifdef MEXE_BENCH_MUPARSER
    benchmark::RegisterBenchmark(("muParser/" + w.name).c_str(), bm_muparser, &w)
        ->MinTime(kMinTime);
#endif
  }

  // Generated here, not read from DIR: fresh input for every iteration.
  benchmark::RegisterBenchmark("Evaluator::evaluate/fresh-1m", bm_fresh, std::size_t(1) << 20, 1000)
      ->MinTime(kMinTime);
  benchmark::RegisterBenchmark("Evaluator::evaluate/fresh-10k", bm_fresh, std::size_t(10) << 10, 1000000)
      ->MinTime(kMinTime);
  benchmark::RegisterBenchmark("Evaluator::evaluate/repeated-1m", bm_repeated, std::size_t(1) << 20, 1000)
      ->MinTime(kMinTime);
  benchmark::RegisterBenchmark("Evaluator::evaluate/repeated-10k", bm_repeated, std::size_t(10) << 10, 1000)
      ->MinTime(kMinTime);

  // Read from DIR when the workloads there include them.
  static Formulas formulas;
  if (load_formulas(dir + "/distinct-formulas.tsv", formulas)) {
    benchmark::RegisterBenchmark("mexe::evaluate/distinct-formulas", bm_distinct<OneShot>, &formulas)
        ->MinTime(kMinTime);
    benchmark::RegisterBenchmark("Evaluator::evaluate/distinct-formulas", bm_distinct<StaticEvaluator>, &formulas)
        ->MinTime(kMinTime);
#ifdef MEXE_BENCH_MUPARSER
    benchmark::RegisterBenchmark("muParser/distinct-formulas", bm_distinct<MuParser>, &formulas)
        ->MinTime(kMinTime);
#endif
  }

  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::AddCustomContext("workloads", dir);
  benchmark::AddCustomContext("fast_path", mexe::detail::fast_path_enabled() ? "on" : "off");
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
