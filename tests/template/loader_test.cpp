#include "template/loader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"

namespace unjucks::tpl {
namespace {

namespace fs = std::filesystem;

TEST(ResolveNameTest, PlainNamesAreNormalised) {
  EXPECT_EQ(resolve_template_name("a.njk", ""), "a.njk");
  EXPECT_EQ(resolve_template_name("./a.njk", ""), "a.njk");
  EXPECT_EQ(resolve_template_name("dir/./sub//a.njk", ""), "dir/sub/a.njk");
  EXPECT_EQ(resolve_template_name("dir/sub/../a.njk", ""), "dir/a.njk");
  // Names that do not start with ./ or ../ are not relative to the asking template.
  EXPECT_EQ(resolve_template_name("a.njk", "dir/base.njk"), "a.njk");
  EXPECT_EQ(resolve_template_name("x/../a.njk", "dir/base.njk"), "a.njk");
}

TEST(ResolveNameTest, RelativeNamesResolveAgainstTheAskingTemplate) {
  EXPECT_EQ(resolve_template_name("./b.njk", "dir/a.njk"), "dir/b.njk");
  EXPECT_EQ(resolve_template_name("../b.njk", "dir/a.njk"), "b.njk");
  EXPECT_EQ(resolve_template_name("../../b.njk", "x/y/a.njk"), "b.njk");
  EXPECT_EQ(resolve_template_name("./sub/../c.njk", "x/y/a.njk"), "x/y/c.njk");
  EXPECT_EQ(resolve_template_name("./b.njk", "top.njk"), "b.njk");
}

TEST(ResolveNameTest, EscapingTheRootIsRefused) {
  EXPECT_EQ(resolve_template_name("../x.njk", ""), std::nullopt);
  EXPECT_EQ(resolve_template_name("../x.njk", "top.njk"), std::nullopt);
  EXPECT_EQ(resolve_template_name("../../x.njk", "dir/a.njk"), std::nullopt);
  EXPECT_EQ(resolve_template_name("a/../../x.njk", ""), std::nullopt);
  EXPECT_EQ(resolve_template_name("", ""), std::nullopt);
  EXPECT_EQ(resolve_template_name(".", ""), std::nullopt);
}

TEST(ResolveNameTest, AbsoluteNamesAreRefused) {
  EXPECT_EQ(resolve_template_name("/etc/passwd", ""), std::nullopt);
  EXPECT_EQ(resolve_template_name("/a.njk", "dir/b.njk"), std::nullopt);
}

TEST(MapLoaderTest, ServesExactlyItsEntries) {
  MapLoader loader;
  loader.add("a.njk", "A");
  loader.add("dir/b.njk", "B");
  std::optional<LoadedSource> a = loader.load("a.njk");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->source, "A");
  EXPECT_EQ(a->full_name, "a.njk");
  EXPECT_EQ(a->size, 1u);
  EXPECT_TRUE(loader.load("dir/b.njk").has_value());
  EXPECT_FALSE(loader.load("b.njk").has_value());
  EXPECT_FALSE(loader.load("A.njk").has_value());
  EXPECT_FALSE(loader.changed("a.njk", *a));
}

// A fresh directory under the system temp folder, removed at the end.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "unjucks-loader-XXXXXX").string();
    char* p = ::mkdtemp(tmpl.data());
    if (p == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = p;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }
  void write(const std::string& rel, const std::string& text) const {
    fs::path p = path_ / rel;
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
  }

 private:
  fs::path path_;
};

std::string load_error(Loader& loader, std::string_view name) {
  try {
    loader.load(name);
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error().kind, ErrorKind::NotFound);
    return e.error().message;
  }
  return "(no error)";
}

TEST(FileSystemLoaderTest, LoadsFilesUnderItsRoots) {
  TempDir a, b;
  a.write("page.njk", "from a");
  a.write("sub/part.njk", "part");
  b.write("page.njk", "from b");
  b.write("only_b.njk", "b only");
  FileSystemLoader loader({a.path().string(), b.path().string()});
  std::optional<LoadedSource> page = loader.load("page.njk");
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->source, "from a");  // first root wins
  EXPECT_EQ(page->size, 6u);
  EXPECT_NE(page->mtime_ns, 0);
  std::optional<LoadedSource> only_b = loader.load("only_b.njk");
  ASSERT_TRUE(only_b.has_value());
  EXPECT_EQ(only_b->source, "b only");
  std::optional<LoadedSource> part = loader.load("sub/../sub/./part.njk");
  ASSERT_TRUE(part.has_value());
  EXPECT_EQ(part->source, "part");
  EXPECT_FALSE(loader.load("missing.njk").has_value());
  EXPECT_FALSE(loader.load("sub").has_value());  // a directory is not a template
}

TEST(FileSystemLoaderTest, RefusesNamesThatLeaveTheRoot) {
  TempDir root;
  root.write("inner/x.njk", "x");
  FileSystemLoader loader({(root.path() / "inner").string()});
  EXPECT_EQ(load_error(loader, "../inner/x.njk"),
            "template name \"../inner/x.njk\" leaves the template folder");
  EXPECT_EQ(load_error(loader, "/etc/passwd"),
            "template name \"/etc/passwd\" leaves the template folder");
  EXPECT_TRUE(loader.load("x.njk").has_value());
}

TEST(FileSystemLoaderTest, RefusesASymlinkLeadingOutside) {
  TempDir outside, root;
  outside.write("secret.txt", "secret");
  root.write("fine.njk", "fine");
  fs::create_symlink(outside.path() / "secret.txt", root.path() / "leak.njk");
  fs::create_directory_symlink(outside.path(), root.path() / "linkdir");
  fs::create_symlink(root.path() / "fine.njk", root.path() / "alias.njk");
  FileSystemLoader loader({root.path().string()});
  std::string msg = load_error(loader, "leak.njk");
  EXPECT_NE(msg.find("resolves outside the template folder"), std::string::npos) << msg;
  msg = load_error(loader, "linkdir/secret.txt");
  EXPECT_NE(msg.find("resolves outside the template folder"), std::string::npos) << msg;
  // A link that stays inside is fine.
  std::optional<LoadedSource> alias = loader.load("alias.njk");
  ASSERT_TRUE(alias.has_value());
  EXPECT_EQ(alias->source, "fine");
}

TEST(FileSystemLoaderTest, RootPrefixIsNotInside) {
  // /tmp/x/root-evil is not inside /tmp/x/root even though the string starts the same.
  TempDir base;
  base.write("root/a.njk", "a");
  base.write("root-evil/b.njk", "evil");
  fs::create_symlink(base.path() / "root-evil" / "b.njk", base.path() / "root" / "b.njk");
  FileSystemLoader loader({(base.path() / "root").string()});
  std::string msg = load_error(loader, "b.njk");
  EXPECT_NE(msg.find("resolves outside"), std::string::npos) << msg;
}

void set_mtime(const fs::path& p, time_t sec) {
  struct timespec times[2];
  times[0].tv_sec = sec;
  times[0].tv_nsec = 0;
  times[1] = times[0];
  ASSERT_EQ(::utimensat(AT_FDCWD, p.c_str(), times, 0), 0);
}

TEST(FileSystemLoaderTest, ChangedAfterAnEdit) {
  TempDir root;
  root.write("t.njk", "v1 {{ x }}");
  set_mtime(root.path() / "t.njk", 1'000'000'000);
  FileSystemLoader loader({root.path().string()});
  std::optional<LoadedSource> first = loader.load("t.njk");
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(loader.changed("t.njk", *first));
  // Same size, new time.
  root.write("t.njk", "v2 {{ x }}");
  set_mtime(root.path() / "t.njk", 1'000'000'100);
  EXPECT_TRUE(loader.changed("t.njk", *first));
  std::optional<LoadedSource> second = loader.load("t.njk");
  ASSERT_TRUE(second.has_value());
  EXPECT_FALSE(loader.changed("t.njk", *second));
  // Same time, new size.
  root.write("t.njk", "version 3 {{ x }}");
  set_mtime(root.path() / "t.njk", 1'000'000'100);
  EXPECT_TRUE(loader.changed("t.njk", *second));
  // Deleted.
  fs::remove(root.path() / "t.njk");
  EXPECT_TRUE(loader.changed("t.njk", *second));
}

TEST(FileSystemLoaderTest, EnvironmentReloadsAChangedTemplate) {
  TempDir root;
  root.write("t.njk", "one {{ x }}");
  set_mtime(root.path() / "t.njk", 1'000'000'000);
  Environment env(
      {}, std::make_unique<FileSystemLoader>(std::vector<std::string>{root.path().string()}));
  Context ctx;
  ctx.set("x", Value::number(1));
  TemplatePtr t1 = env.get_template("t.njk");
  EXPECT_EQ(env.render_to_string(*t1, ctx), "one 1");
  EXPECT_EQ(env.get_template("t.njk"), t1);  // cached
  EXPECT_EQ(env.cache_size(), 1u);
  root.write("t.njk", "two {{ x }}");
  set_mtime(root.path() / "t.njk", 1'000'000'500);
  TemplatePtr t2 = env.get_template("t.njk");
  EXPECT_NE(t2, t1);
  EXPECT_EQ(env.render_to_string(*t2, ctx), "two 1");
  EXPECT_EQ(env.cache_size(), 1u);
}

TEST(FileSystemLoaderTest, IncludesThroughTheEnvironmentResolveRelativeNames) {
  TempDir root;
  root.write("pages/index.njk", "[{% include './part.njk' %}|{% include '../shared.njk' %}]");
  root.write("pages/part.njk", "part");
  root.write("shared.njk", "shared");
  Environment env(
      {}, std::make_unique<FileSystemLoader>(std::vector<std::string>{root.path().string()}));
  Context ctx;
  EXPECT_EQ(env.render_to_string(*env.get_template("pages/index.njk"), ctx), "[part|shared]");
  // From the top, ../ leaves the root: refused with a clear error, not a crash.
  TemplatePtr top = env.compile("{% include '../../etc/passwd' %}", "pages/index2.njk");
  try {
    env.render_to_string(*top, ctx);
    FAIL() << "escaping include rendered";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error().message,
              "template \"../../etc/passwd\" is outside the template folder (refused)");
    EXPECT_EQ(e.error().line, 1u);
    EXPECT_EQ(e.error().template_name, "pages/index2.njk");
  }
}

TEST(FileSystemLoaderTest, RefusesTemplatesOverTheSizeLimitBeforeReadingThem) {
  TempDir root;
  root.write("big.njk", std::string(5000, 'x'));
  root.write("small.njk", "ok");
  Options opts;
  opts.limits.max_template_bytes = 4096;
  Environment env(
      opts, std::make_unique<FileSystemLoader>(std::vector<std::string>{root.path().string()}));
  try {
    env.get_template("big.njk");
    FAIL() << "a template over the limit loaded";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error().kind, ErrorKind::Limit);
    EXPECT_EQ(e.error().message, "template is larger than the limit of 4096 bytes");
  }
  EXPECT_TRUE(env.get_template("small.njk"));
}

TEST(FileSystemLoaderTest, AFifoIsNotATemplate) {
  TempDir root;
  ASSERT_EQ(::mkfifo((root.path() / "pipe.njk").c_str(), 0644), 0);
  FileSystemLoader loader({root.path().string()});
  EXPECT_FALSE(loader.load("pipe.njk").has_value());  // and does not block
}

TEST(EnvironmentLoaderTest, MissingTemplateAndNoLoader) {
  Environment no_loader;
  try {
    no_loader.get_template("x.njk");
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(e.error().message, "template not found: x.njk");
  }
  auto map = std::make_unique<MapLoader>();
  map->add("a.njk", "A");
  Environment env({}, std::move(map));
  EXPECT_NE(env.get_template("a.njk"), nullptr);
  try {
    env.get_template("b.njk");
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_EQ(e.error().kind, ErrorKind::NotFound);
    EXPECT_EQ(e.error().message, "template not found: b.njk");
  }
}

}  // namespace
}  // namespace unjucks::tpl
