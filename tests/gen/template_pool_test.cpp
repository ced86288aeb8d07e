// Generator templates are compiled through the engine's byte-budgeted template cache (issue 4:
// the template pool is the cache): equal parts are compiled once, counted as hits and misses,
// charged their exact bytes; an edited file is a new entry.
#include "gen/template_pool.h"

#include <gtest/gtest.h>

#include "gen/action.h"
#include "gen/discover.h"
#include "gen/memory_disk.h"
#include "template/ast/template.h"
#include "template/error.h"
#include "template/loader.h"

namespace unjucks::gen {
namespace {

TEST(TemplatePoolTest, AnEqualSourceIsCompiledOnceAndCharged) {
  tpl::Environment env({}, std::make_unique<tpl::MapLoader>());
  tpl::TemplatePtr a = compile_pooled(env, "Hello {{ name }}", "g/a/hello.t");
  tpl::TemplatePtr b = compile_pooled(env, "Hello {{ name }}", "g/a/hello.t");
  EXPECT_EQ(a, b);
  mem::CacheStats s = env.cache_stats();
  EXPECT_EQ(s.entries, 1u);
  EXPECT_EQ(s.misses, 1u);
  EXPECT_EQ(s.hits, 1u);
  EXPECT_EQ(s.bytes, a->memory_bytes());
  EXPECT_EQ(a->name(), "g/a/hello.t");
  EXPECT_EQ(env.render_to_string(*a, tpl::Context()), "Hello ");
}

TEST(TemplatePoolTest, OtherTextOrOtherNameIsAnotherEntry) {
  tpl::Environment env({}, std::make_unique<tpl::MapLoader>());
  tpl::TemplatePtr a = compile_pooled(env, "one", "x.t");
  tpl::TemplatePtr edited = compile_pooled(env, "two", "x.t");
  tpl::TemplatePtr elsewhere = compile_pooled(env, "one", "y.t");
  EXPECT_NE(a, edited);
  EXPECT_NE(a, elsewhere);
  EXPECT_EQ(edited->source(), "two");
  EXPECT_EQ(elsewhere->name(), "y.t");  // error messages name the right file
  EXPECT_EQ(env.cache_stats().entries, 3u);
  EXPECT_NE(pooled_key("x.t", "one"), pooled_key("x.t", "two"));
  EXPECT_NE(pooled_key("x.t", "one"), pooled_key("y.t", "one"));
}

TEST(TemplatePoolTest, KeysCannotBeLoaderNames) {
  std::string key = pooled_key("x.t", "one");
  EXPECT_EQ(key.front(), '\x01');
  EXPECT_EQ(key.size(), std::string("\x01gen\x01x.t\x01").size() + 16);
}

TEST(TemplatePoolTest, ASyntaxErrorThrowsAndCachesNothing) {
  tpl::Environment env({}, std::make_unique<tpl::MapLoader>());
  EXPECT_THROW(compile_pooled(env, "{% if %}", "bad.t"), tpl::TemplateError);
  EXPECT_EQ(env.cache_stats().entries, 0u);
}

TEST(TemplatePoolTest, AnEntryLargerThanTheBudgetIsStillCompiled) {
  tpl::Environment env({}, std::make_unique<tpl::MapLoader>());
  env.set_cache_budget(64);
  tpl::TemplatePtr t = compile_pooled(env, std::string(1000, 'x'), "big.t");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(env.render_to_string(*t, tpl::Context()), std::string(1000, 'x'));
  EXPECT_EQ(env.cache_stats().entries, 0u);
}

// An action compiled twice on one engine (a batch run, or `generate` run twice in a process)
// compiles nothing the second time: every part is a hit.
TEST(TemplatePoolTest, CompileActionGoesThroughTheCache) {
  MemoryDisk disk;
  disk.add_file("/t/g/a/hello.ts.t",
                "---\nto: src/{{ name }}.ts\n---\nexport const {{ name }} = 1\n");
  disk.add_file("/t/g/a/{{ name }}.md", "# {{ name }}\n");
  TemplateSet set{&disk, "/t", false};
  ActionInfo info;
  std::string err;
  ASSERT_TRUE(load_action(set, "g", "a", &info, &err)) << err;
  tpl::Environment env({}, std::make_unique<tpl::MapLoader>());
  CompiledAction first, second;
  ASSERT_TRUE(compile_action(env, disk, info, "g/a", &first, &err)) << err;
  mem::CacheStats s = env.cache_stats();
  // hello.ts.t: header, body, file name; {{ name }}.md: body, file name.
  EXPECT_EQ(s.entries, 5u);
  EXPECT_EQ(s.misses, 5u);
  EXPECT_EQ(s.hits, 0u);
  ASSERT_TRUE(compile_action(env, disk, info, "g/a", &second, &err)) << err;
  s = env.cache_stats();
  EXPECT_EQ(s.entries, 5u);
  EXPECT_EQ(s.hits, 5u);
  ASSERT_EQ(first.templates.size(), second.templates.size());
  for (size_t i = 0; i < first.templates.size(); ++i) {
    EXPECT_EQ(first.templates[i].body, second.templates[i].body);
    EXPECT_EQ(first.templates[i].file_name, second.templates[i].file_name);
  }
}

}  // namespace
}  // namespace unjucks::gen
