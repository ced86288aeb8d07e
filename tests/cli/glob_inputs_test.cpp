#include "cli/glob_inputs.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace unjucks::cli {
namespace {

namespace fs = std::filesystem;

TEST(Glob, TheBaseIsTheFixedLeadingFolder) {
  EXPECT_TRUE(is_glob("pages/**/*.njk"));
  EXPECT_TRUE(is_glob("a?.njk"));
  EXPECT_TRUE(is_glob("[ab].njk"));
  EXPECT_FALSE(is_glob("pages/index.njk"));
  EXPECT_EQ(glob_base("pages/**/*.njk"), "pages");
  EXPECT_EQ(glob_base("src/pages/*.njk"), "src/pages");
  EXPECT_EQ(glob_base("*.njk"), ".");
  EXPECT_EQ(glob_base("/abs/x/*.njk"), "/abs/x");
  EXPECT_EQ(glob_base("pages/index.njk"), "pages");
  EXPECT_EQ(glob_base("index.njk"), ".");
}

TEST(Glob, MatchesSegmentsAndAnyNumberOfFolders) {
  EXPECT_TRUE(glob_matches("pages/**/*.njk", "index.njk"));
  EXPECT_TRUE(glob_matches("pages/**/*.njk", "blog/2024/post.njk"));
  EXPECT_FALSE(glob_matches("pages/**/*.njk", "blog/post.html"));
  EXPECT_TRUE(glob_matches("pages/*.njk", "index.njk"));
  EXPECT_FALSE(glob_matches("pages/*.njk", "blog/post.njk"));  // * stays in its segment
  EXPECT_FALSE(glob_matches("*.njk", ".hidden.njk"));          // nor matches a leading dot
  EXPECT_FALSE(glob_matches("**/*.njk", ".git/x.njk"));
  EXPECT_TRUE(glob_matches("p?ge[0-9].njk", "page1.njk"));
}

TEST(Glob, ReplacesTheLastExtension) {
  EXPECT_EQ(replace_extension("a/b.njk", "html"), "a/b.html");
  EXPECT_EQ(replace_extension("style.css.njk", "html"), "style.css.html");
  EXPECT_EQ(replace_extension("style.css.njk", ""), "style.css");
  EXPECT_EQ(replace_extension("Makefile", "html"), "Makefile.html");
  EXPECT_EQ(replace_extension("dir.d/name", "html"), "dir.d/name.html");
  EXPECT_EQ(replace_extension(".env", "html"), ".env.html");
}

class GlobFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("unjucks-glob-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    for (const char* f :
         {"pages/index.njk", "pages/_layout.njk", "pages/blog/post.njk", "pages/blog/_part.njk",
          "pages/blog/deep/er/x.njk", "pages/notes.txt", "pages/.hidden/y.njk", "pages/.dot.njk"}) {
      fs::create_directories((dir_ / f).parent_path());
      std::ofstream(dir_ / f) << "x";
    }
    // A link back up must not send `**` round in circles.
    fs::create_directory_symlink(dir_ / "pages", dir_ / "pages/blog/loop");
    saved_ = fs::current_path();
    fs::current_path(dir_);
  }
  void TearDown() override {
    fs::current_path(saved_);
    fs::remove_all(dir_);
  }
  static std::vector<std::string> rels(const std::vector<GlobMatch>& m) {
    std::vector<std::string> out;
    for (const GlobMatch& g : m) out.push_back(g.rel);
    return out;
  }
  fs::path dir_, saved_;
};

TEST_F(GlobFiles, ExpandsLeavingOutPartialsHiddenFilesAndLinkedFolders) {
  std::vector<GlobMatch> m = expand_glob("pages/**/*.njk");
  EXPECT_EQ(rels(m),
            (std::vector<std::string>{"blog/deep/er/x.njk", "blog/post.njk", "index.njk"}));
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[2].path, "pages/index.njk");
  EXPECT_EQ(rels(expand_glob("pages/*.njk")), (std::vector<std::string>{"index.njk"}));
  EXPECT_EQ(rels(expand_glob("pages/*/*.njk")), (std::vector<std::string>{"blog/post.njk"}));
  EXPECT_EQ(rels(expand_glob("*/blog/*.njk")), (std::vector<std::string>{"pages/blog/post.njk"}));
  EXPECT_TRUE(expand_glob("nowhere/**/*.njk").empty());
  // An absolute pattern gives absolute paths.
  std::vector<GlobMatch> abs = expand_glob((dir_ / "pages/*.njk").string());
  ASSERT_EQ(abs.size(), 1u);
  EXPECT_EQ(abs[0].path, (dir_ / "pages/index.njk").string());
}

}  // namespace
}  // namespace unjucks::cli
