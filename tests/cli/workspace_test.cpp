// Where the CLI finds the templates folder: the nearest _templates/, or the environment's
// UNJUCKS_TEMPLATES, or Hygen's HYGEN_TMPLS.
#include "cli/workspace.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "cli_child.h"

namespace fs = std::filesystem;

namespace unjucks::cli {
namespace {

class WorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(::testing::TempDir()) /
            ("unjucks-workspace-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    for (const char* set : {"ours", "hygens"}) {
      fs::create_directories(root_ / set / "gen" / set);
      std::ofstream(root_ / set / "gen" / set / "a.njk") << "x";
    }
    fs::create_directories(root_ / "work");
  }
  void TearDown() override { fs::remove_all(root_); }

  std::string list(const std::vector<std::pair<std::string, std::string>>& env) {
    testing::CliRun r = testing::run_in_child(root_ / "work", root_, {"list"}, env);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  fs::path root_;
};

TEST_F(WorkspaceTest, HygensVariableNamesTheTemplatesFolderWhenOursIsNotSet) {
  std::string hygens = (root_ / "hygens").string(), ours = (root_ / "ours").string();
  EXPECT_NE(list({}).find("built-in generators"), std::string::npos);
  std::string out = list({{"HYGEN_TMPLS", hygens}});
  EXPECT_NE(out.find("hygens"), std::string::npos) << out;
  out = list({{"HYGEN_TMPLS", hygens}, {"UNJUCKS_TEMPLATES", ours}});
  EXPECT_NE(out.find("ours"), std::string::npos) << out;
  EXPECT_EQ(out.find("hygens"), std::string::npos) << out;
  out = list({{"HYGEN_TMPLS", hygens}, {"UNJUCKS_TEMPLATES", ""}});  // empty: not set
  EXPECT_NE(out.find("hygens"), std::string::npos) << out;
  // A folder that is not there: the error names the variable it came from.
  testing::CliRun r =
      testing::run_in_child(root_ / "work", root_, {"list"}, {{"HYGEN_TMPLS", "/nowhere"}});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("/nowhere (from HYGEN_TMPLS) does not exist"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace unjucks::cli
