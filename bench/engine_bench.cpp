// Micro-benchmarks of the engine on the shared workloads (shared/bench/workloads), all from
// memory: parsing data.json into a Context, compiling template.njk, rendering it into a sink
// that discards. Run: build/release/bench/engine_bench [--benchmark_filter=Render]
// UNJUCKS_WORKLOADS=DIR overrides the workloads folder.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "template/context.h"
#include "template/environment.h"
#include "template/loader.h"
#include "template/output.h"

namespace {

namespace fs = std::filesystem;
using unjucks::tpl::Context;
using unjucks::tpl::Environment;
using unjucks::tpl::MapLoader;

struct Workload {
  std::string name;
  std::string data;                                           // data.json
  std::map<std::string, std::string, std::less<>> templates;  // every .njk file by name
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return std::move(ss).str();
}

std::vector<Workload> load_workloads(const fs::path& dir) {
  std::vector<Workload> out;
  std::error_code ec;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec)) {
    if (!e.is_directory() || !fs::exists(e.path() / "template.njk")) continue;
    Workload w;
    w.name = e.path().filename().string();
    w.data = slurp(e.path() / "data.json");
    for (const fs::directory_entry& f : fs::directory_iterator(e.path())) {
      if (f.path().extension() == ".njk")
        w.templates[f.path().filename().string()] = slurp(f.path());
    }
    out.push_back(std::move(w));
  }
  std::sort(out.begin(), out.end(),
            [](const Workload& a, const Workload& b) { return a.name < b.name; });
  return out;
}

// Counts bytes and throws them away.
class DiscardOutput final : public unjucks::tpl::Output {
 public:
  DiscardOutput() : storage_(64 * 1024) {
    buf_ = storage_.data();
    cap_ = storage_.size();
  }

 private:
  void overflow(size_t) override {
    flushed_ += size_;
    size_ = 0;
  }
  std::vector<char> storage_;
};

void bm_parse_data(benchmark::State& state, const Workload* w) {
  for (auto _ : state) {
    Context ctx;
    ctx.merge_json(w->data);
    benchmark::DoNotOptimize(ctx.vars());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * w->data.size()));
}

void bm_compile(benchmark::State& state, const Workload* w) {
  Environment env;
  const std::string& source = w->templates.at("template.njk");
  for (auto _ : state) {
    auto t = env.compile(source, "template.njk");
    benchmark::DoNotOptimize(t.get());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * source.size()));
}

void bm_render(benchmark::State& state, const Workload* w) {
  Environment env({}, std::make_unique<MapLoader>(w->templates));
  auto tmpl = env.compile(w->templates.at("template.njk"), "template.njk");
  Context ctx;
  ctx.merge_json(w->data);
  DiscardOutput sink;
  for (auto _ : state) env.render(*tmpl, ctx, sink);
  state.SetBytesProcessed(static_cast<int64_t>(sink.total()));
  state.counters["bytes_per_render"] =
      static_cast<double>(sink.total()) / static_cast<double>(state.iterations());
}

}  // namespace

int main(int argc, char** argv) {
  const char* override_dir = std::getenv("UNJUCKS_WORKLOADS");
  fs::path dir = override_dir ? override_dir : UNJUCKS_WORKLOADS_DIR;
  static std::vector<Workload> workloads = load_workloads(dir);
  if (workloads.empty()) {
    std::cerr << "engine_bench: no workloads in " << dir << '\n';
    return 1;
  }
  for (const Workload& w : workloads) {
    benchmark::RegisterBenchmark(("ParseData/" + w.name).c_str(), bm_parse_data, &w);
    benchmark::RegisterBenchmark(("Compile/" + w.name).c_str(), bm_compile, &w);
    benchmark::RegisterBenchmark(("Render/" + w.name).c_str(), bm_render, &w)
        ->Unit(benchmark::kMicrosecond);
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
