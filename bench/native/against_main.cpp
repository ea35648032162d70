// Two builds of the native library side by side (bench/native/against.sh):
// the samples alternate between them, and each build's fastest sample counts,
// so that a busy machine slows both alike instead of one by chance. Fresh
// workloads give each build, in each round, inputs the other did not just
// read, and no input is repeated before the round ends.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "random_expression.hpp"

double run_a(const std::vector<std::string>& items, int times);
double run_b(const std::vector<std::string>& items, int times);

namespace {

double seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Workload {
  const char* name;
  std::vector<std::vector<std::string>> sets;  // fresh workloads: several sets
  int times;                                   // evaluations of each item per sample
};

std::vector<Workload> workloads() {
  std::vector<Workload> w;
  Workload fresh{"fresh 1 MB (8 distinct)", {}, 1};
  for (int i = 0; i < 8; ++i) fresh.sets.push_back({mexe_tools::random_expression(1000 + i, 1 << 20)});
  w.push_back(fresh);
  w.push_back({"repeated 10 KB", {{mexe_tools::random_expression(1000000, 10 << 10)}}, 100});
  // 80,000 formulas of 20 to 169 bytes, nesting at most 3, in 8 sets.
  Workload formulas{"distinct formulas", {}, 1};
  for (int k = 0; k < 8; ++k) {
    std::vector<std::string> set;
    for (int i = 0; i < 10000; ++i)
      set.push_back(mexe_tools::random_expression(5000000 + k * 10000 + i, std::size_t(20 + i % 150), 3));
    formulas.sets.push_back(set);
  }
  w.push_back(formulas);
  w.push_back({"2 + 3", {{"2 + 3"}}, 100000});
  w.push_back({"(5 * 8) + 6 - 3.25 / (1.5 + 2) * 4", {{"(5 * 8) + 6 - 3.25 / (1.5 + 2) * 4"}}, 50000});
  return w;
}

}  // namespace

int main(int argc, char** argv) {
  const int rounds = argc > 1 ? std::atoi(argv[1]) : 7;
  double sink = 0;
  std::printf("%-36s %14s %9s %14s %9s %8s\n", "workload", "A ns/item", "A MB/s", "B ns/item", "B MB/s", "B/A");
  for (const Workload& w : workloads()) {
    double best[2] = {1e30, 1e30};
    std::size_t bytes = 0;
    for (const std::string& s : w.sets[0]) bytes += s.size();
    const std::size_t items = w.sets[0].size();
    for (int r = 0; r < rounds; ++r) {
      for (std::size_t s = 0; s < w.sets.size(); ++s) {
        for (int v = 0; v < 2; ++v) {
          const auto& set = w.sets[(s + v) % w.sets.size()];
          const double t0 = seconds();
          sink += (v == 0 ? run_a : run_b)(set, w.times);
          best[v] = std::min(best[v], (seconds() - t0) / w.times);
        }
      }
    }
    std::printf("%-36s %14.2f %9.0f %14.2f %9.0f %7.3fx\n", w.name, best[0] / double(items) * 1e9,
                double(bytes) / best[0] / 1e6, best[1] / double(items) * 1e9, double(bytes) / best[1] / 1e6,
                best[1] / best[0]);
  }
  volatile double keep = sink;  // the values are used
  (void)keep;
  return 0;
}
