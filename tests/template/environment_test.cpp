// The Environment's compiled-template cache (mem::BudgetCache): byte charges, budget and
// evictions, recompilation of changed files, dependent invalidation, and the memory figures.
#include "template/environment.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "template/ast/template.h"
#include "template/context.h"
#include "template/error.h"
#include "template/loader.h"

namespace unjucks::tpl {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "unjucks-env-XXXXXX").string();
    char* p = ::mkdtemp(tmpl.data());
    if (p == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = p;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  // Writes a file and sets its mtime to `sec` (whole seconds: tests never depend on the clock).
  void write(const std::string& rel, const std::string& text, time_t sec) const {
    fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    {
      std::ofstream out(p, std::ios::binary | std::ios::trunc);
      out << text;
    }
    struct timespec times[2];
    times[0].tv_sec = sec;
    times[0].tv_nsec = 0;
    times[1] = times[0];
    if (::utimensat(AT_FDCWD, p.c_str(), times, 0) != 0) throw std::runtime_error("utimensat");
  }

 private:
  fs::path path_;
};

std::unique_ptr<Environment> file_env(const TempDir& dir) {
  return std::make_unique<Environment>(
      Options{}, std::make_unique<FileSystemLoader>(std::vector<std::string>{dir.path().string()}));
}

std::string render(Environment& env, std::string_view name) {
  Context ctx;
  return env.render_to_string(*env.get_template(name), ctx);
}

// Ten templates of about 2 KiB each (their compiled charge is larger: source + arena).
std::unique_ptr<MapLoader> ten_templates() {
  auto loader = std::make_unique<MapLoader>();
  for (int i = 0; i < 10; ++i) {
    std::string src = "t" + std::to_string(i) + ":";
    for (int j = 0; j < 40; ++j) src += "{{ x" + std::to_string(j) + " }} some text here ";
    loader->add("t" + std::to_string(i) + ".njk", src);
  }
  return loader;
}

TEST(EnvironmentCacheTest, DefaultBudgetIsTwelveMiB) {
  Environment env;
  EXPECT_EQ(env.cache_budget(), size_t{12} << 20);
  EXPECT_EQ(env.cache_stats().budget, size_t{12} << 20);
  env.set_cache_budget(size_t{1} << 20);
  EXPECT_EQ(env.cache_budget(), size_t{1} << 20);
}

TEST(EnvironmentCacheTest, ChargesTheExactBytesOfEachTemplate) {
  Environment env({}, ten_templates());
  TemplatePtr a = env.get_template("t0.njk");
  TemplatePtr b = env.get_template("t1.njk");
  mem::CacheStats s = env.cache_stats();
  EXPECT_EQ(s.entries, 2u);
  EXPECT_EQ(s.bytes, a->memory_bytes() + b->memory_bytes());
  EXPECT_GT(a->memory_bytes(), a->source().size());
  EXPECT_EQ(env.memory_usage().cache_bytes, s.bytes);
  EXPECT_EQ(env.memory_usage().cache_entries, 2u);
}

TEST(EnvironmentCacheTest, CountsHitsAndMisses) {
  Environment env({}, ten_templates());
  TemplatePtr t = env.get_template("t0.njk");
  EXPECT_EQ(env.get_template("t0.njk"), t);
  EXPECT_EQ(env.get_template("t0.njk"), t);
  env.get_template("t1.njk");
  mem::CacheStats s = env.cache_stats();
  EXPECT_EQ(s.misses, 2u);
  EXPECT_EQ(s.hits, 2u);
  EXPECT_DOUBLE_EQ(s.hit_rate(), 0.5);
  EXPECT_EQ(s.evictions, 0u);
}

TEST(EnvironmentCacheTest, ATinyBudgetEvictsAndStaysWithinIt) {
  size_t one = Environment({}, ten_templates()).get_template("t0.njk")->memory_bytes();
  Environment env({}, ten_templates());
  env.set_cache_budget(one * 3 + one / 2);  // room for three templates
  std::vector<TemplatePtr> held;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 10; ++i) {
      held.push_back(env.get_template("t" + std::to_string(i) + ".njk"));
      EXPECT_LE(env.cache_stats().bytes, env.cache_budget());
    }
  }
  mem::CacheStats s = env.cache_stats();
  EXPECT_LE(s.entries, 3u);
  EXPECT_GT(s.evictions + s.rejections, 0u);
  EXPECT_EQ(s.hits + s.misses, 30u);
  EXPECT_GT(s.misses, 10u);  // evicted templates are compiled again
  // Every template handed out still renders, evicted or not.
  Context ctx;
  for (const TemplatePtr& t : held) EXPECT_EQ(env.render_to_string(*t, ctx).substr(0, 1), "t");
}

TEST(EnvironmentCacheTest, ATemplateLargerThanTheBudgetIsServedButNotCached) {
  Environment env({}, ten_templates());
  env.set_cache_budget(64);
  TemplatePtr t = env.get_template("t0.njk");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(env.cache_size(), 0u);
  EXPECT_EQ(env.cache_stats().rejections, 1u);
  Context ctx;
  EXPECT_EQ(env.render_to_string(*t, ctx).substr(0, 3), "t0:");
}

TEST(EnvironmentCacheTest, AnEvictedTemplateStaysAliveWhileHeld) {
  Environment env({}, ten_templates());
  TemplatePtr t = env.get_template("t0.njk");
  std::weak_ptr<const Template> weak = t;
  env.set_cache_budget(0);  // evicts everything
  EXPECT_EQ(env.cache_size(), 0u);
  EXPECT_FALSE(weak.expired());
  Context ctx;
  EXPECT_EQ(env.render_to_string(*t, ctx).substr(0, 3), "t0:");
  t.reset();
  EXPECT_TRUE(weak.expired());  // the cache no longer holds it
}

// A loader that empties the environment's cache when one name is loaded: the templates a render
// already uses are dropped from the cache mid-render and must stay alive (the renderer holds them).
class ClearingLoader final : public Loader {
 public:
  explicit ClearingLoader(std::map<std::string, std::string, std::less<>> m) : map_(std::move(m)) {}
  std::optional<LoadedSource> load(std::string_view name) override {
    if (name == "clear.njk" && env != nullptr) env->clear_cache();
    auto it = map_.find(name);
    if (it == map_.end()) return std::nullopt;
    LoadedSource s;
    s.source = it->second;
    s.full_name = it->first;
    s.size = it->second.size();
    return s;
  }
  Environment* env = nullptr;

 private:
  std::map<std::string, std::string, std::less<>> map_;
};

TEST(EnvironmentCacheTest, TemplatesDroppedMidRenderStayAliveForThatRender) {
  auto loader = std::make_unique<ClearingLoader>(std::map<std::string, std::string, std::less<>>{
      {"page.njk",
       "{% import 'macros.njk' as m %}{% include 'clear.njk' %}{{ m.hello('x') }}"
       "{% from 'macros.njk' import hello %}{{ hello('y') }}"},
      {"macros.njk", "{% macro hello(n) %}<hello {{ n }}>{% endmacro %}"},
      {"clear.njk", "[cleared]"},
  });
  ClearingLoader* raw = loader.get();
  Environment env({}, std::move(loader));
  raw->env = &env;
  Context ctx;
  // The page and the macros are dropped while the page runs and the macros are in use.
  EXPECT_EQ(env.render_to_string(*env.get_template("page.njk"), ctx),
            "[cleared]<hello x><hello y>");
  EXPECT_FALSE(env.template_cache().contains("page.njk"));
}

TEST(EnvironmentCacheTest, RecompilesAChangedFile) {
  TempDir dir;
  dir.write("t.njk", "one", 1'000'000'000);
  auto env = file_env(dir);
  TemplatePtr t1 = env->get_template("t.njk");
  EXPECT_EQ(render(*env, "t.njk"), "one");
  EXPECT_EQ(env->get_template("t.njk"), t1);
  dir.write("t.njk", "two", 1'000'000'100);  // same size, later mtime
  TemplatePtr t2 = env->get_template("t.njk");
  EXPECT_NE(t2, t1);
  EXPECT_EQ(render(*env, "t.njk"), "two");
  dir.write("t.njk", "three", 1'000'000'100);  // same mtime, other size
  EXPECT_EQ(render(*env, "t.njk"), "three");
  mem::CacheStats s = env->cache_stats();
  EXPECT_EQ(s.invalidations, 2u);
  EXPECT_EQ(s.misses, 3u);
  EXPECT_EQ(s.entries, 1u);
  EXPECT_EQ(s.bytes, env->get_template("t.njk")->memory_bytes());
}

TEST(EnvironmentCacheTest, RecordsWhatATemplateLoads) {
  TempDir dir;
  dir.write("base.njk", "B[{% block b %}{% endblock %}]", 1'000'000'000);
  dir.write("part.njk", "P", 1'000'000'000);
  dir.write("child.njk",
            "{% extends 'base.njk' %}{% block b %}{% include './part.njk' %}{% endblock %}",
            1'000'000'000);
  auto env = file_env(dir);
  EXPECT_EQ(render(*env, "child.njk"), "B[P]");
  EXPECT_EQ(env->dependencies_of("child.njk"), (std::vector<std::string>{"base.njk", "part.njk"}));
  EXPECT_TRUE(env->dependencies_of("base.njk").empty());
  EXPECT_EQ(env->template_cache().dependents_of("base.njk"), std::vector<std::string>{"child.njk"});
  // Rendering again adds no edge and compiles nothing.
  mem::CacheStats before = env->cache_stats();
  EXPECT_EQ(render(*env, "child.njk"), "B[P]");
  EXPECT_EQ(env->cache_stats().misses, before.misses);
  EXPECT_EQ(env->dependencies_of("child.njk").size(), 2u);
  // Invalidating the base drops the child with it, not the unrelated partial.
  std::vector<std::string> dropped = env->invalidate("base.njk");
  std::sort(dropped.begin(), dropped.end());
  EXPECT_EQ(dropped, (std::vector<std::string>{"base.njk", "child.njk"}));
  EXPECT_TRUE(env->template_cache().contains("part.njk"));
}

TEST(EnvironmentCacheTest, AChangedBaseRecompilesItsDependents) {
  TempDir dir;
  dir.write("base.njk", "old base [{% block b %}{% endblock %}]", 1'000'000'000);
  dir.write("layout.njk",
            "{% extends 'base.njk' %}{% block b %}L:{% block c %}{% endblock %}{% endblock %}",
            1'000'000'000);
  dir.write("child.njk", "{% extends 'layout.njk' %}{% block c %}child{% endblock %}",
            1'000'000'000);
  auto env = file_env(dir);
  TemplatePtr child1 = env->get_template("child.njk");
  TemplatePtr layout1 = env->get_template("layout.njk");
  EXPECT_EQ(render(*env, "child.njk"), "old base [L:child]");
  EXPECT_EQ(env->cache_size(), 3u);

  dir.write("base.njk", "new base {{ 1 + 1 }} [{% block b %}{% endblock %}]", 1'000'000'050);
  // The child did not change, but what it extends (through the layout) did.
  TemplatePtr child2 = env->get_template("child.njk");
  EXPECT_NE(child2, child1);
  EXPECT_EQ(env->render_to_string(*child2, Context{}), "new base 2 [L:child]");
  EXPECT_NE(env->get_template("layout.njk"), layout1);
  mem::CacheStats s = env->cache_stats();
  EXPECT_EQ(s.invalidations, 3u);  // base, layout, child
  EXPECT_EQ(s.entries, 3u);
  // Unchanged from here: everything is served from the cache.
  TemplatePtr child3 = env->get_template("child.njk");
  EXPECT_EQ(child3, child2);
  EXPECT_EQ(render(*env, "child.njk"), "new base 2 [L:child]");
}

TEST(EnvironmentCacheTest, ATemplateIncludingItselfDoesNotLoopTheChangeCheck) {
  TempDir dir;
  dir.write("r.njk", "{% if n > 0 %}{{ n }}{% set n = n - 1 %}{% include 'r.njk' %}{% endif %}",
            1'000'000'000);
  auto env = file_env(dir);
  Context ctx;
  ctx.set("n", Value::number(3));
  EXPECT_EQ(env->render_to_string(*env->get_template("r.njk"), ctx), "321");
  EXPECT_TRUE(env->dependencies_of("r.njk").empty());  // self edges are not recorded
  EXPECT_EQ(env->render_to_string(*env->get_template("r.njk"), ctx), "321");
}

TEST(EnvironmentMemoryTest, ReportsTheRenderArena) {
  Environment env;
  EngineMemoryUsage before = env.memory_usage();
  EXPECT_EQ(before.arena_resets, 0u);
  EXPECT_EQ(before.cache_budget, size_t{12} << 20);
  Context ctx;
  EXPECT_EQ(env.render_string("{% for i in range(100) %}{{ i }},{% endfor %}", ctx).size(), 290u);
  EngineMemoryUsage after = env.memory_usage();
  EXPECT_EQ(after.arena_resets, 1u);
  EXPECT_GT(after.arena_used, 0u);
  EXPECT_GE(after.arena_peak_used, after.arena_used);
  EXPECT_GE(after.arena_reserved, after.arena_used);
  EXPECT_EQ(after.arena_reserved, env.render_arena().reserved());
  EXPECT_THROW(env.render_string("{{ nope() }}", ctx), TemplateError);
  EXPECT_EQ(env.memory_usage().arena_resets, 2u);  // a failed render resets too
}

}  // namespace
}  // namespace unjucks::tpl
