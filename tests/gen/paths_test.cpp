#include "gen/paths.h"

#include <gtest/gtest.h>

#include "gen/memory_disk.h"

namespace unjucks::gen {
namespace {

TEST(Paths, StripsTemplateEndings) {
  EXPECT_EQ(strip_template_ending("a.ts.njk"), "a.ts");
  EXPECT_EQ(strip_template_ending("a.js.ejs.t"), "a.js");
  EXPECT_EQ(strip_template_ending("dir/a.t"), "dir/a");
  EXPECT_EQ(strip_template_ending("a.ts"), "a.ts");
  EXPECT_EQ(strip_template_ending(".njk"), ".njk");  // nothing would be left
}

TEST(Paths, Normalize) {
  std::string out;
  ASSERT_TRUE(normalize_path("/a/./b//c/../d", &out));
  EXPECT_EQ(out, "/a/b/d");
  ASSERT_TRUE(normalize_path("a/b/..", &out));
  EXPECT_EQ(out, "a");
  EXPECT_FALSE(normalize_path("../a", &out));
  EXPECT_FALSE(normalize_path("/..", &out));
}

TEST(Paths, InsideDest) {
  MemoryDisk disk;
  disk.add_dir("/dest/src");
  std::string r, err;
  ASSERT_TRUE(resolve_inside(disk, "/dest", "src/a.ts", &r, &err)) << err;
  EXPECT_EQ(r, "/dest/src/a.ts");
  ASSERT_TRUE(resolve_inside(disk, "/dest", "src/../b.ts", &r, &err));
  EXPECT_EQ(r, "/dest/b.ts");
  ASSERT_TRUE(resolve_inside(disk, "/dest", "/dest/new/c.ts", &r, &err));
  EXPECT_EQ(r, "/dest/new/c.ts");
}

TEST(Paths, RefusesEscapes) {
  MemoryDisk disk;
  disk.add_dir("/dest");
  std::string r, err;
  EXPECT_FALSE(resolve_inside(disk, "/dest", "../x", &r, &err));
  EXPECT_NE(err.find("outside the destination"), std::string::npos);
  EXPECT_FALSE(resolve_inside(disk, "/dest", "/etc/passwd", &r, &err));
  EXPECT_FALSE(resolve_inside(disk, "/dest", "/destination/x", &r, &err));  // prefix, not inside
  EXPECT_FALSE(resolve_inside(disk, "/dest", ".", &r, &err));
}

TEST(Paths, Symlinks) {
  MemoryDisk disk;
  disk.add_dir("/dest/real");
  disk.add_symlink("/dest/in", "real");
  disk.add_symlink("/dest/out", "/etc");
  disk.add_symlink("/dest/sneaky", "real/../../etc");
  disk.add_symlink("/dest/loop", "loop");
  std::string r, err;
  ASSERT_TRUE(resolve_inside(disk, "/dest", "in/a.ts", &r, &err)) << err;
  EXPECT_EQ(r, "/dest/real/a.ts");
  EXPECT_FALSE(resolve_inside(disk, "/dest", "out/a.ts", &r, &err));
  EXPECT_NE(err.find("symlink /dest/out points outside"), std::string::npos);
  EXPECT_FALSE(resolve_inside(disk, "/dest", "sneaky/a", &r, &err));
  EXPECT_FALSE(resolve_inside(disk, "/dest", "loop/a", &r, &err));
}

// What the walk learns is what a stat of the result and of its folder would say.
TEST(Paths, FactsOfTheWalk) {
  MemoryDisk disk;
  disk.add_dir("/dest/src");
  disk.add_file("/dest/src/old.ts", "x");
  disk.add_symlink("/dest/in", "src");
  disk.add_symlink("/dest/dangling", "src/none.ts");
  std::string r, err;
  PathFacts f;
  ASSERT_TRUE(resolve_inside(disk, "/dest", "src/old.ts", &r, &err, &f)) << err;
  EXPECT_TRUE(f.leaf_known);
  EXPECT_EQ(f.leaf.type, FileType::File);
  EXPECT_TRUE(f.parent_is_dir);
  EXPECT_FALSE(f.parent_is_dest);
  ASSERT_TRUE(resolve_inside(disk, "/dest", "top.ts", &r, &err, &f));
  EXPECT_TRUE(f.leaf_known);
  EXPECT_FALSE(f.leaf.exists());
  EXPECT_FALSE(f.parent_is_dir);
  EXPECT_TRUE(f.parent_is_dest);
  ASSERT_TRUE(resolve_inside(disk, "/dest", "new/deeper/a.ts", &r, &err, &f));
  EXPECT_TRUE(f.leaf_known);
  EXPECT_FALSE(f.leaf.exists());
  EXPECT_FALSE(f.parent_is_dir) << "the folder is missing";
  EXPECT_FALSE(f.parent_is_dest);
  ASSERT_TRUE(resolve_inside(disk, "/dest", "in/old.ts", &r, &err, &f));  // through a link
  EXPECT_EQ(r, "/dest/src/old.ts");
  EXPECT_EQ(f.leaf.type, FileType::File);
  EXPECT_TRUE(f.parent_is_dir);
  ASSERT_TRUE(resolve_inside(disk, "/dest", "dangling", &r, &err, &f));
  EXPECT_EQ(r, "/dest/src/none.ts");
  EXPECT_TRUE(f.leaf_known);
  EXPECT_FALSE(f.leaf.exists());
  EXPECT_TRUE(f.parent_is_dir);
  ASSERT_TRUE(resolve_inside(disk, "/dest", "src", &r, &err, &f));
  EXPECT_EQ(f.leaf.type, FileType::Dir);
  for (const char* p : {"src/old.ts", "top.ts", "src", "new/deeper/a.ts"}) {
    ASSERT_TRUE(resolve_inside(disk, "/dest", p, &r, &err, &f));
    EXPECT_EQ(f.leaf.type, disk.stat(r).type) << p;
  }
}

TEST(Paths, RefusesANulByte) {
  // open() would stop at the NUL and write "a" instead of "a\0../../etc/x".
  MemoryDisk disk;
  disk.add_dir("/dest");
  std::string r, err;
  EXPECT_FALSE(resolve_inside(disk, "/dest", std::string("a\0/../../etc/x", 14), &r, &err));
  EXPECT_EQ(err, "refusing to write a?/../../etc/x: the path contains a NUL byte");
}

}  // namespace
}  // namespace unjucks::gen
