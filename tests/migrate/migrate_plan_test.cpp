#include "migrate/migrate_plan.h"

#include <gtest/gtest.h>

#include <string>

#include "gen/memory_disk.h"
#include "migrate/migrate_apply.h"

namespace unjucks::migrate {
namespace {

// A small Hygen templates folder.
void hygen_tree(gen::MemoryDisk* d) {
  d->add_file("/t/gen/new/a.ejs.t", "---\nto: <%= name %>.txt\n---\nhi <%= name %>\n");
  d->add_file("/t/gen/new/b.t", "---\nto: b.txt\n---\n\nplain\n");  // Hygen drops the blank line
  d->add_file("/t/gen/new/c.njk", "---\nto: c.txt\n---\n{{ name }}\n");
  d->add_file("/t/gen/new/prompt.js", "module.exports = [{ type: 'input', name: 'name' }]\n");
  d->add_file("/t/gen/new/README.md", "About this generator.\n");
  d->add_file("/t/gen/new/bad.ejs.t", "---\nto: bad.txt\n---\nok\n<% while (x) { %>\n");
  d->add_file("/t/gen/new/sub/myprompt.js", "// Hygen skips names ending in prompt.js\n");
  d->add_file("/t/gen/new/logo.bin", std::string("\x89PNG\0\x01", 6));
  d->add_file("/t/gen/notes.txt", "a file of the generator, not of an action\n");
}

MigrateOptions options(bool backup = false) {
  MigrateOptions o;
  o.root = "/t";
  o.backup = backup;
  return o;
}

std::string content(gen::MemoryDisk& d, const std::string& path) {
  std::string s, err;
  return d.read(path, &s, &err) ? s : "<missing>";
}

TEST(MigratePlan, PlansConversionsAndAttention) {
  gen::MemoryDisk d;
  hygen_tree(&d);
  MigratePlan plan;
  std::string err;
  ASSERT_TRUE(plan_migration(d, options(), &plan, &err)) << err;
  std::vector<std::string> changes;
  for (const FileChange& c : plan.changes) changes.push_back(c.from + " -> " + c.to);
  EXPECT_EQ(changes,
            (std::vector<std::string>{"gen/new/prompt.js -> gen/new/prompt.yml",
                                      "gen/new/a.ejs.t -> gen/new/a.njk",
                                      "gen/new/b.t -> gen/new/b.t", " -> gen/new/.hygenignore"}));
  EXPECT_EQ(plan.changes[1].after,
            "---\nto: {{ name | ejsEscape }}.txt\n---\nhi {{ name | ejsEscape }}\n");
  EXPECT_EQ(plan.changes[2].after, "---\nto: b.txt\n---\nplain\n");
  EXPECT_EQ(plan.changes[3].after,
            "# unjucks migrate: Hygen writes nothing from these (kept for reference)\n"
            "/README.md\n/sub/myprompt.js\n");
  ASSERT_EQ(plan.attention.size(), 1u);
  EXPECT_EQ(plan.attention[0].file, "gen/new/bad.ejs.t");
  EXPECT_EQ(plan.attention[0].line, 5u);
  EXPECT_EQ(plan.attention[0].message, "`while` statements have no Nunjucks counterpart");
  EXPECT_EQ(plan.files_converted(), 3u);
  EXPECT_EQ(plan.tags_converted(), 2u);
  ASSERT_EQ(plan.generators.size(), 1u);
  EXPECT_EQ(plan.generators[0].attention, 1u);
}

TEST(MigratePlan, InPlaceThenNothingLeft) {
  gen::MemoryDisk d;
  hygen_tree(&d);
  MigratePlan plan;
  std::string err;
  ASSERT_TRUE(plan_migration(d, options(), &plan, &err));
  ApplyResult r = apply_in_place(d, options(), plan);
  EXPECT_TRUE(r.errors.empty()) << r.errors.at(0);
  EXPECT_FALSE(d.present("/t/gen/new/a.ejs.t"));
  EXPECT_FALSE(d.present("/t/gen/new/prompt.js"));
  EXPECT_EQ(content(d, "/t/gen/new/prompt.yml").substr(0, 9), "# Convert");
  EXPECT_EQ(content(d, "/t/gen/new/bad.ejs.t"), "---\nto: bad.txt\n---\nok\n<% while (x) { %>\n");
  EXPECT_EQ(content(d, "/t/gen/new/c.njk"), "---\nto: c.txt\n---\n{{ name }}\n");
  // A second run finds nothing to change; the file that needs attention still does.
  MigratePlan again;
  ASSERT_TRUE(plan_migration(d, options(), &again, &err));
  EXPECT_TRUE(again.changes.empty());
  EXPECT_EQ(again.attention.size(), 1u);
}

TEST(MigratePlan, BackupsAreKeptAndIgnored) {
  gen::MemoryDisk d;
  hygen_tree(&d);
  MigratePlan plan;
  std::string err;
  ASSERT_TRUE(plan_migration(d, options(true), &plan, &err));
  ApplyResult r = apply_in_place(d, options(true), plan);
  EXPECT_TRUE(r.errors.empty());
  EXPECT_EQ(content(d, "/t/gen/new/a.ejs.t.orig"),
            "---\nto: <%= name %>.txt\n---\nhi <%= name %>\n");
  EXPECT_EQ(content(d, "/t/gen/new/prompt.js.orig").substr(0, 14), "module.exports");
  EXPECT_NE(content(d, "/t/gen/new/.hygenignore").find("\n*.orig\n"), std::string::npos);
  MigratePlan again;
  ASSERT_TRUE(plan_migration(d, options(true), &again, &err));
  EXPECT_TRUE(again.changes.empty());
}

TEST(MigratePlan, AFileThatCannotBeBackedUpIsLeftAlone) {
  gen::MemoryDisk d;
  hygen_tree(&d);
  d.add_file("/t/gen/new/a.ejs.t.orig", "an older backup\n");
  MigratePlan plan;
  std::string err;
  ASSERT_TRUE(plan_migration(d, options(true), &plan, &err));
  ApplyResult r = apply_in_place(d, options(true), plan);
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("gen/new/a.ejs.t: not converted"), std::string::npos) << r.errors[0];
  EXPECT_EQ(content(d, "/t/gen/new/a.ejs.t.orig"), "an older backup\n");
  EXPECT_TRUE(d.present("/t/gen/new/a.ejs.t"));
  EXPECT_FALSE(d.present("/t/gen/new/a.njk"));
}

TEST(MigratePlan, ACopyLeavesTheOriginal) {
  gen::MemoryDisk d;
  hygen_tree(&d);
  MigratePlan plan;
  std::string err;
  ASSERT_TRUE(plan_migration(d, options(), &plan, &err));
  ApplyResult r = write_copy(d, options(), plan, "/out");
  EXPECT_TRUE(r.errors.empty()) << r.errors.at(0);
  EXPECT_TRUE(d.present("/t/gen/new/a.ejs.t"));
  EXPECT_FALSE(d.present("/out/gen/new/a.ejs.t"));
  EXPECT_EQ(content(d, "/out/gen/new/a.njk"), plan.changes[1].after);
  EXPECT_EQ(content(d, "/out/gen/new/bad.ejs.t"), content(d, "/t/gen/new/bad.ejs.t"));
  EXPECT_EQ(content(d, "/out/gen/new/logo.bin"), std::string("\x89PNG\0\x01", 6));
  EXPECT_EQ(content(d, "/out/gen/notes.txt"), "a file of the generator, not of an action\n");
  ApplyResult again = write_copy(d, options(), plan, "/out");
  ASSERT_EQ(again.errors.size(), 1u);
  EXPECT_EQ(again.errors[0], "/out exists and is not an empty folder");
}

TEST(MigratePlan, AReadOnlyFolderLosesNothing) {
  gen::MemoryDisk d;
  hygen_tree(&d);
  MigratePlan plan;
  std::string err;
  ASSERT_TRUE(plan_migration(d, options(), &plan, &err));
  d.set_read_only(true);
  ApplyResult r = apply_in_place(d, options(), plan);
  EXPECT_EQ(r.errors.size(), plan.changes.size());
  EXPECT_TRUE(d.present("/t/gen/new/a.ejs.t"));
  EXPECT_TRUE(d.present("/t/gen/new/prompt.js"));
  EXPECT_FALSE(d.present("/t/gen/new/a.njk"));
}

TEST(MigratePlan, SymlinksAreNotReplacedByFiles) {
  gen::MemoryDisk d;
  d.add_file("/shared/t.ejs.t", "---\nto: x\n---\n<%= a %>\n");
  d.add_symlink("/t/g/a/t.ejs.t", "/shared/t.ejs.t");
  MigratePlan plan;
  std::string err;
  ASSERT_TRUE(plan_migration(d, options(), &plan, &err));
  EXPECT_TRUE(plan.changes.empty());
  ASSERT_EQ(plan.attention.size(), 1u);
  EXPECT_EQ(plan.attention[0].message,
            "a symbolic link: not converted (convert the file it points to)");
}

TEST(MigratePlan, HygensOrderAgainstUnjucksOrder) {
  gen::MemoryDisk d;
  // Hygen runs b.ejs.t before B.ejs.t (localeCompare), unjucks B.njk first (bytes): both write
  // out.txt, so the last one wins differently.
  d.add_file("/t/g/a/b.ejs.t", "---\nto: out.txt\n---\nlower\n");
  d.add_file("/t/g/a/B.ejs.t", "---\nto: out.txt\nforce: true\n---\nupper\n");
  d.add_file("/t/g/a/c.ejs.t", "---\nto: c.txt\n---\nc\n");  // another file: no matter
  MigratePlan plan;
  std::string err;
  ASSERT_TRUE(plan_migration(d, options(), &plan, &err));
  ASSERT_EQ(plan.attention.size(), 1u);
  EXPECT_EQ(plan.attention[0].file, "g/a/B.ejs.t");
  EXPECT_NE(plan.attention[0].message.find("Hygen runs b.ejs.t before B.ejs.t"), std::string::npos)
      << plan.attention[0].message;
}

}  // namespace
}  // namespace unjucks::migrate
