// The plan-then-apply action on the in-memory disk: what is written, how (temp + rename), and
// that a failure leaves nothing behind.
#include "gen/action.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "gen/memory_disk.h"
#include "template/loader.h"

namespace unjucks::gen {
namespace {

class ActionTest : public ::testing::Test {
 protected:
  void add_template(const std::string& rel, const std::string& source) {
    tdisk_.add_file("/t/g/a/" + rel, source);
  }

  RunResult run(const std::string& vars_json = R"({"name": "hello"})") {
    TemplateSet set{&tdisk_, "/t", false};
    ActionInfo info;
    std::string err;
    EXPECT_TRUE(load_action(set, "g", "a", &info, &err)) << err;
    tpl::Options o;
    o.autoescape = false;
    o.trim_blocks = true;
    o.lstrip_blocks = true;
    tpl::Environment env(o, std::make_unique<tpl::MapLoader>());
    CompiledAction compiled;
    EXPECT_TRUE(compile_action(env, tdisk_, info, "g/a", &compiled, &err)) << err;
    tpl::Context ctx;
    ctx.merge_json(vars_json);
    return run_action(env, compiled, ctx, tdisk_, out_, opts_);
  }

  std::string content(const std::string& path) { return out_.nodes().at(path).content; }
  bool has(const std::string& path) { return out_.nodes().count(path) != 0; }

  MemoryDisk tdisk_;
  MemoryDisk out_;
  RunOptions opts_{"/dest", "/t", false, false, false, /*dest_is_dir=*/true, nullptr};
  void SetUp() override { out_.add_dir("/dest"); }
};

TEST_F(ActionTest, WritesThroughTempFileAndRename) {
  add_template("{{ name }}.txt.njk", "hi {{ name }}\n");
  RunResult r = run();
  ASSERT_EQ(r.status, 0) << r.error;
  EXPECT_EQ(content("/dest/hello.txt"), "hi hello\n");
  ASSERT_EQ(r.entries.size(), 1u);
  EXPECT_EQ(r.entries[0].kind, EntryKind::Added);
  EXPECT_EQ(r.entries[0].path, "hello.txt");
  const auto& log = out_.log();
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[0], "write /dest/.hello.txt.tmp0");
  EXPECT_EQ(log[1], "rename /dest/.hello.txt.tmp0 /dest/hello.txt");
}

TEST_F(ActionTest, RenderFailureWritesNothingAndRemovesCreatedDirs) {
  add_template("1.njk", "---\nto: deep/dir/one.txt\n---\none\n");
  add_template("2.njk", "---\nto: two.txt\n---\n\n{{ name | nope }}\n");
  RunResult r = run();
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.error.find("g/a/2.njk:5:"), std::string::npos) << r.error;
  EXPECT_TRUE(r.entries.empty());
  std::vector<std::string> paths;
  for (const auto& [p, n] : out_.nodes()) paths.push_back(p);
  EXPECT_EQ(paths, std::vector<std::string>{"/dest"});
}

TEST_F(ActionTest, InjectionKeepsModeAndChains) {
  out_.add_file("/dest/index.ts", "a\nb\n", 0600);
  add_template("1.njk", "---\nto: index.ts\ninject: true\nafter: a\n---\nX\n");
  add_template("2.njk", "---\nto: index.ts\ninject: true\nappend: true\n---\nY\n");
  RunResult r = run();
  ASSERT_EQ(r.status, 0) << r.error;
  EXPECT_EQ(content("/dest/index.ts"), "a\nX\nb\nY\n");
  EXPECT_EQ(out_.nodes().at("/dest/index.ts").mode, 0600u);
  // Only the last content is renamed into place.
  EXPECT_EQ(std::count_if(out_.log().begin(), out_.log().end(),
                          [](const std::string& l) { return l.starts_with("rename"); }),
            1);
}

TEST_F(ActionTest, DryRunWritesNothing) {
  out_.add_file("/dest/index.ts", "a\n");
  add_template("1.njk", "---\nto: index.ts\ninject: true\nprepend: true\n---\nX\n");
  add_template("2.njk", "---\nto: new.txt\n---\nnew\n");
  opts_.dry = true;
  RunResult r = run();
  ASSERT_EQ(r.status, 0) << r.error;
  EXPECT_TRUE(out_.log().empty());
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].diff, "@@ -1,1 +1,2 @@\n+X\n a\n");
}

TEST_F(ActionTest, ChmodAndForce) {
  out_.add_file("/dest/run.sh", "old", 0600);
  add_template("run.sh.njk", "---\nforce: true\nchmod: 750\n---\nnew\n");
  RunResult r = run();
  ASSERT_EQ(r.status, 0) << r.error;
  EXPECT_EQ(r.entries[0].kind, EntryKind::Forced);
  EXPECT_EQ(content("/dest/run.sh"), "new\n");
  EXPECT_EQ(out_.nodes().at("/dest/run.sh").mode, 0750u);
}

TEST_F(ActionTest, WriteFailureRollsBack) {
  add_template("a.njk", "a\n");
  out_.set_read_only(true);
  RunResult r = run();
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.error.find("read-only"), std::string::npos);
}

TEST_F(ActionTest, EscapeIsRefusedBeforeAnythingIsWritten) {
  add_template("1.njk", "---\nto: ok.txt\n---\nok\n");
  add_template("2.njk", "---\nto: ../../etc/x\n---\nno\n");
  RunResult r = run();
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.error.find("outside the destination"), std::string::npos);
  EXPECT_FALSE(has("/dest/ok.txt"));
}

TEST_F(ActionTest, ReferencedVariables) {
  add_template("{{ fileName }}.njk",
               "---\nto: {{ dir }}/x\n---\n{{ body }}{% for i in items %}{{ i }}{% endfor %}\n");
  TemplateSet set{&tdisk_, "/t", false};
  ActionInfo info;
  std::string err;
  ASSERT_TRUE(load_action(set, "g", "a", &info, &err)) << err;
  tpl::Environment env;
  CompiledAction compiled;
  ASSERT_TRUE(compile_action(env, tdisk_, info, "g/a", &compiled, &err));
  EXPECT_EQ(compiled.referenced, (std::vector<std::string>{"dir", "fileName", "body", "items"}));
}

}  // namespace
}  // namespace unjucks::gen
