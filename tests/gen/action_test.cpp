// The plan-then-apply action on the in-memory disk: what is written, how (temp + rename), and
// that a failure leaves nothing behind.
#include "gen/action.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>

#include "gen/memory_disk.h"
#include "template/loader.h"

namespace unjucks::gen {
namespace {

// Loads, compiles and runs the action g/a of the templates in `tdisk` (under /t) into `out`.
RunResult run_g_a(MemoryDisk& tdisk, MemoryDisk& out, const tpl::Options& o,
                  const std::string& vars_json, const RunOptions& opts) {
  TemplateSet set{&tdisk, "/t", false};
  ActionInfo info;
  std::string err;
  EXPECT_TRUE(load_action(set, "g", "a", &info, &err)) << err;
  tpl::Environment env(o, std::make_unique<tpl::MapLoader>());
  CompiledAction compiled;
  EXPECT_TRUE(compile_action(env, tdisk, info, "g/a", &compiled, &err)) << err;
  tpl::Context ctx;
  ctx.merge_json(vars_json);
  return run_action(env, compiled, ctx, tdisk, out, opts);
}

class ActionTest : public ::testing::Test {
 protected:
  void add_template(const std::string& rel, const std::string& source) {
    tdisk_.add_file("/t/g/a/" + rel, source);
  }

  RunResult run(const std::string& vars_json = R"({"name": "hello"})") {
    tpl::Options o;
    o.autoescape = false;
    o.trim_blocks = true;
    o.lstrip_blocks = true;
    return run_g_a(tdisk_, out_, o, vars_json, opts_);
  }

  std::string content(const std::string& path) { return out_.nodes().at(path).content; }
  bool has(const std::string& path) { return out_.nodes().count(path) != 0; }

  MemoryDisk tdisk_;
  MemoryDisk out_;
  RunOptions opts_{"/dest", "/t", false, false, false, /*dest_is_dir=*/true, nullptr, true};
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

// Planning a new file without looking for it first (RunOptions::optimistic_create) must come
// to what looking first does, whatever is at the target: each case runs both ways on equal
// disks and compares the result, the files and their contents.
struct OptimisticCase {
  const char* name;
  std::vector<std::pair<std::string, std::string>> templates;
  std::function<void(MemoryDisk&)> setup;
};

class OptimisticCreateTest : public ::testing::TestWithParam<OptimisticCase> {
 protected:
  struct Outcome {
    RunResult result;
    std::map<std::string, std::string> files;  // path -> type and content
  };
  static Outcome run_with(const OptimisticCase& c, bool optimistic) {
    MemoryDisk tdisk, out;
    out.add_dir("/dest");
    for (const auto& [rel, src] : c.templates) tdisk.add_file("/t/g/a/" + rel, src);
    if (c.setup) c.setup(out);
    RunOptions opts{"/dest", "/t", false, false, false, true, nullptr, optimistic};
    Outcome o;
    o.result = run_g_a(tdisk, out, tpl::Options{}, R"({"name": "hello"})", opts);
    for (const auto& [p, n] : out.nodes()) {
      o.files[p] = std::to_string(static_cast<int>(n.type)) + ":" + n.content;
    }
    return o;
  }
};

TEST_P(OptimisticCreateTest, SameOutcomeAsLookingFirst) {
  Outcome looked = run_with(GetParam(), false);
  Outcome guessed = run_with(GetParam(), true);
  EXPECT_EQ(guessed.result.status, looked.result.status);
  EXPECT_EQ(guessed.result.error, looked.result.error);
  ASSERT_EQ(guessed.result.entries.size(), looked.result.entries.size());
  for (size_t i = 0; i < looked.result.entries.size(); ++i) {
    EXPECT_EQ(guessed.result.entries[i].kind, looked.result.entries[i].kind) << i;
    EXPECT_EQ(guessed.result.entries[i].path, looked.result.entries[i].path) << i;
    EXPECT_EQ(guessed.result.entries[i].detail, looked.result.entries[i].detail) << i;
  }
  EXPECT_EQ(guessed.files, looked.files);
}

const std::pair<std::string, std::string> kNew{"1.njk", "---\nto: new.txt\n---\nnew\n"};

INSTANTIATE_TEST_SUITE_P(
    Targets, OptimisticCreateTest,
    ::testing::Values(
        OptimisticCase{"Missing", {kNew}, nullptr},
        OptimisticCase{"MissingFolder", {{"1.njk", "---\nto: a/b/new.txt\n---\nnew\n"}}, nullptr},
        OptimisticCase{
            "ExistingFile", {kNew}, [](MemoryDisk& d) { d.add_file("/dest/new.txt", "old"); }},
        OptimisticCase{"ExistingFileUnlessExists",
                       {{"1.njk", "---\nto: new.txt\nunless_exists: true\n---\nnew\n"}},
                       [](MemoryDisk& d) { d.add_file("/dest/new.txt", "old"); }},
        OptimisticCase{"Directory",
                       {kNew, {"2.njk", "---\nto: two.txt\n---\ntwo\n"}},
                       [](MemoryDisk& d) { d.add_dir("/dest/new.txt"); }},
        OptimisticCase{"SymlinkToMissingInside",
                       {kNew},
                       [](MemoryDisk& d) { d.add_symlink("/dest/new.txt", "real.txt"); }},
        OptimisticCase{"SymlinkToFileInside",
                       {kNew},
                       [](MemoryDisk& d) {
                         d.add_file("/dest/real.txt", "real");
                         d.add_symlink("/dest/new.txt", "real.txt");
                       }},
        OptimisticCase{"SymlinkOutside",
                       {{"0.njk", "---\nto: first.txt\n---\nfirst\n"}, kNew},
                       [](MemoryDisk& d) { d.add_symlink("/dest/new.txt", "/etc/passwd"); }},
        OptimisticCase{"SecondOfTwoExists",
                       {{"0.njk", "---\nto: first.txt\n---\nfirst\n"}, kNew},
                       [](MemoryDisk& d) { d.add_file("/dest/new.txt", "old"); }},
        OptimisticCase{
            "WrittenThenInjected",
            {kNew, {"2.njk", "---\nto: new.txt\ninject: true\nappend: true\n---\nmore\n"}},
            nullptr},
        OptimisticCase{
            "ExistingWrittenThenInjected",
            {kNew, {"2.njk", "---\nto: new.txt\ninject: true\nappend: true\n---\nmore\n"}},
            [](MemoryDisk& d) { d.add_file("/dest/new.txt", "old\n"); }},
        OptimisticCase{"WrittenTwice",
                       {kNew, {"2.njk", "---\nto: new.txt\nforce: true\n---\nagain\n"}},
                       [](MemoryDisk& d) { d.add_file("/dest/new.txt", "old\n"); }}),
    [](const auto& p) { return std::string(p.param.name); });

// The guess costs nothing when it is right: a new file is put in place without its target
// being looked at, and a wrong guess leaves no trace of the first attempt.
TEST_F(ActionTest, AWrongGuessIsUndoneBeforeTheSecondPlan) {
  add_template("0.njk", "---\nto: first.txt\n---\nfirst\n");
  add_template("1.njk", "---\nto: taken.txt\n---\nnew\n");
  out_.add_file("/dest/taken.txt", "old");
  RunResult r = run();
  ASSERT_EQ(r.status, 0) << r.error;
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].kind, EntryKind::Added);
  EXPECT_EQ(r.entries[1].kind, EntryKind::Skipped);
  EXPECT_EQ(content("/dest/first.txt"), "first\n");
  EXPECT_EQ(content("/dest/taken.txt"), "old");
  const std::vector<std::string>& log = out_.log();
  // first attempt: first.txt put in place, then taken out when taken.txt turned out to exist
  EXPECT_NE(std::find(log.begin(), log.end(), "unlink /dest/first.txt"), log.end());
  EXPECT_EQ(std::count_if(log.begin(), log.end(),
                          [](const std::string& l) { return l.ends_with(" /dest/first.txt"); }),
            3);  // rename (first attempt), unlink, rename (second)
}

// A file that is missing when the plan looks but there when it is put in place is never
// replaced: the plan is made again, looking, and it is skipped as existing.
TEST_F(ActionTest, AFileThatAppearsAfterTheLookIsNotReplaced) {
  for (bool optimistic : {true, false}) {
    SCOPED_TRACE(optimistic ? "optimistic" : "looking");
    tdisk_ = MemoryDisk();
    out_ = MemoryDisk();
    out_.add_dir("/dest");
    opts_.optimistic_create = optimistic;
    add_template("0.njk", "---\nto: first.txt\n---\nfirst\n");
    add_template("1.njk", "---\nto: taken.txt\n---\nnew\n");
    out_.add_file("/dest/taken.txt", "old");
    out_.hide("/dest/taken.txt", 1);  // the first look misses it
    RunResult r = run();
    ASSERT_EQ(r.status, 0) << r.error;
    ASSERT_EQ(r.entries.size(), 2u);
    EXPECT_EQ(r.entries[1].kind, EntryKind::Skipped);
    EXPECT_EQ(content("/dest/taken.txt"), "old");
    EXPECT_EQ(content("/dest/first.txt"), "first\n");
  }
}

// When every look misses it (a batch's destination moved away: new files go into the folder it
// opened, lookups by path see the new one), the action stops with nothing written.
TEST_F(ActionTest, AFileThatKeepsAppearingStopsTheActionWithNothingWritten) {
  add_template("0.njk", "---\nto: first.txt\n---\nfirst\n");
  add_template("1.njk", "---\nto: taken.txt\n---\nnew\n");
  out_.add_file("/dest/taken.txt", "old");
  out_.hide("/dest/taken.txt", -1);
  RunResult r = run();
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.error.find("taken.txt is in the way of a new file"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("nothing of this action was written"), std::string::npos) << r.error;
  EXPECT_EQ(content("/dest/taken.txt"), "old");
  EXPECT_FALSE(out_.present("/dest/first.txt"));
}

// Issue 13 D5: a file that cannot be put in place when the action commits (found only then:
// an I/O error, the disk full) takes back everything the action put in place before it: its new
// files removed, the files it replaced or injected into put back with their bytes and mode.
// Nothing of it is reported as done; the failing file's error is.
TEST_F(ActionTest, AFailedCommitTakesBackWhatWasPutInPlace) {
  for (const char* failing : {"/dest/new2.txt", "/dest/z_forced.txt"}) {
    SCOPED_TRACE(failing);
    tdisk_ = MemoryDisk();
    out_ = MemoryDisk();
    out_.add_dir("/dest");
    out_.add_file("/dest/forced.txt", "old forced\n", 0600);
    out_.add_file("/dest/index.ts", "a\n// anchor\nb\n", 0640);
    out_.add_file("/dest/z_forced.txt", "old z\n", 0644);
    add_template("1.njk", "---\nto: new1.txt\n---\nnew one\n");
    add_template("2.njk", "---\nto: forced.txt\nforce: true\nchmod: 755\n---\nforced\n");
    add_template("3.njk", "---\nto: index.ts\ninject: true\nafter: \"^// anchor\"\n---\nX\n");
    add_template("4.njk", "---\nto: new2.txt\n---\nnew two\n");
    add_template("5.njk", "---\nto: z_forced.txt\nforce: true\n---\nforced z\n");
    out_.fail_commit(failing);
    RunResult r = run();
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(r.nothing_written);
    ASSERT_EQ(r.entries.size(), 1u);
    EXPECT_EQ(r.entries[0].kind, EntryKind::Error);
    EXPECT_EQ(r.entries[0].path, std::string(failing).substr(6));
    EXPECT_NE(r.entries[0].detail.find("Input/output error"), std::string::npos);
    EXPECT_FALSE(has("/dest/new1.txt"));
    EXPECT_FALSE(has("/dest/new2.txt"));
    EXPECT_EQ(content("/dest/forced.txt"), "old forced\n");
    EXPECT_EQ(out_.nodes().at("/dest/forced.txt").mode, 0600u);
    EXPECT_EQ(content("/dest/index.ts"), "a\n// anchor\nb\n");
    EXPECT_EQ(out_.nodes().at("/dest/index.ts").mode, 0640u);
    EXPECT_EQ(content("/dest/z_forced.txt"), "old z\n");
    std::vector<std::string> paths;
    for (const auto& [p, n] : out_.nodes()) paths.push_back(p);
    EXPECT_EQ(paths, (std::vector<std::string>{"/dest", "/dest/forced.txt", "/dest/index.ts",
                                               "/dest/z_forced.txt"}));
  }
}

// Issue 13 D5: errors of files found while planning (an anchor that is not there, a file that is
// read-only, a folder where a file should go) stop the action before anything is written; every
// such file is reported, nothing else.
TEST_F(ActionTest, FileErrorsFoundWhilePlanningWriteNothing) {
  out_.add_file("/dest/index.ts", "a\nb\n");
  out_.add_file("/dest/ro.ts", "a\n// anchor\n", 0444);
  out_.add_dir("/dest/dir.txt");
  add_template("1.njk", "---\nto: a_new.txt\n---\nnew\n");
  add_template("2.njk", "---\nto: index.ts\ninject: true\nafter: \"^// anchor\"\n---\nX\n");
  add_template("3.njk", "---\nto: ro.ts\ninject: true\nafter: \"^// anchor\"\n---\nX\n");
  add_template("4.njk", "---\nto: dir.txt\n---\nx\n");
  add_template("5.njk", "---\nto: z_new.txt\n---\nnew\n");
  RunResult r = run();
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(r.nothing_written);
  EXPECT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.entries.size(), 3u);
  EXPECT_EQ(r.entries[0].path, "index.ts");
  EXPECT_EQ(r.entries[0].detail, "after anchor /^// anchor/ not found");
  EXPECT_EQ(r.entries[1].path, "ro.ts");
  EXPECT_EQ(r.entries[1].detail, "permission denied: the file is read-only (left unchanged)");
  EXPECT_EQ(r.entries[2].path, "dir.txt");
  EXPECT_EQ(r.entries[2].detail, "not a regular file");
  EXPECT_FALSE(has("/dest/a_new.txt"));
  EXPECT_FALSE(has("/dest/z_new.txt"));
  EXPECT_EQ(content("/dest/index.ts"), "a\nb\n");
  EXPECT_EQ(content("/dest/ro.ts"), "a\n// anchor\n");
}

// Issue 13: a set-user-ID or set-group-ID file only with RunOptions::allow_setid (--allow-setid),
// whether the mode comes from `chmod:` or from the file changed; the sticky bit is no concern.
TEST_F(ActionTest, SetIdFilesNeedAllowSetid) {
  out_.add_file("/dest/suid", "old\n", 04755);
  add_template("1.njk", "---\nto: tool\nchmod: 2755\n---\nt\n");
  add_template("2.njk", "---\nto: suid\ninject: true\nappend: true\n---\nmore\n");
  add_template("3.njk", "---\nto: sticky\nchmod: 1644\n---\ns\n");
  RunResult r = run();
  EXPECT_EQ(r.status, 1);
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_EQ(r.entries[0].detail,
            "chmod 2755 makes a set-user-ID or set-group-ID file: refused (pass --allow-setid to "
            "allow it)");
  EXPECT_EQ(r.entries[1].detail,
            "the file is set-user-ID or set-group-ID (mode 4755) and would stay so: refused (pass "
            "--allow-setid to allow it)");
  EXPECT_FALSE(has("/dest/tool"));
  EXPECT_FALSE(has("/dest/sticky"));
  opts_.allow_setid = true;
  r = run();
  ASSERT_EQ(r.status, 0) << r.error;
  EXPECT_EQ(out_.nodes().at("/dest/tool").mode, 02755u);
  EXPECT_EQ(out_.nodes().at("/dest/suid").mode, 04755u);
  EXPECT_EQ(out_.nodes().at("/dest/sticky").mode, 01644u);
}

// Issue 13: writing into a .git folder (any depth, any case) is done, with a warning per file.
TEST_F(ActionTest, WritingIntoAGitFolderWarns) {
  add_template("1.njk", "---\nto: .git/hooks/pre-commit\n---\nx\n");
  add_template("2.njk", "---\nto: a/.Git/config\n---\nx\n");
  add_template("3.njk", "---\nto: .gitignore\n---\nx\n");
  add_template("4.njk", "---\nto: .github/x.yml\n---\nx\n");
  RunResult r = run();
  ASSERT_EQ(r.status, 0) << r.error;
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_TRUE(r.warnings[0].starts_with(".git/hooks/pre-commit is inside a .git folder"))
      << r.warnings[0];
  EXPECT_TRUE(r.warnings[1].starts_with("a/.Git/config is inside a .git folder")) << r.warnings[1];
  EXPECT_TRUE(has("/dest/.git/hooks/pre-commit"));
}

}  // namespace
}  // namespace unjucks::gen
