#include "gen/discover.h"

#include <gtest/gtest.h>

#include "gen/builtin.h"
#include "gen/memory_disk.h"

namespace unjucks::gen {
namespace {

TEST(Discover, FindsNearestTemplatesFolder) {
  MemoryDisk disk;
  disk.add_dir("/p/_templates");
  disk.add_dir("/p/a/b");
  disk.add_dir("/q/templates");
  std::string err;
  EXPECT_EQ(find_templates_dir(disk, "/p/a/b", "", "", &err), "/p/_templates");
  EXPECT_EQ(find_templates_dir(disk, "/q", "", "", &err), "/q/templates");
  EXPECT_EQ(find_templates_dir(disk, "/r", "", "", &err), "");
  EXPECT_EQ(find_templates_dir(disk, "/p/a", "../../q/templates", "", &err), "/q/templates");
  EXPECT_EQ(find_templates_dir(disk, "/p/a", "", "/q/templates", &err), "/q/templates");
  EXPECT_EQ(find_templates_dir(disk, "/p", "nope", "", &err), "");
  EXPECT_NE(err.find("does not exist"), std::string::npos);
}

TEST(Discover, ActionFilesMetaAndHooks) {
  MemoryDisk disk;
  disk.add_file("/t/gen/config.yml",
                "description: G\nprompts:\n  - name: shared\n    default: 1\n"
                "templates:\n  - name: act\n    description: from generator\n");
  disk.add_file("/t/gen/act/prompt.yml", "variables:\n  local: 2\n");
  disk.add_file("/t/gen/act/index.js", "");
  disk.add_file("/t/gen/act/b.njk", "");
  disk.add_file("/t/gen/act/a/z.njk", "");
  disk.add_file("/t/gen/act/a-b.njk", "");
  disk.add_file("/t/gen/act/sub/config.yml", "");  // deeper: a real template
  TemplateSet set{&disk, "/t", false};
  ActionInfo info;
  std::string err;
  ASSERT_TRUE(load_action(set, "gen", "act", &info, &err)) << err;
  EXPECT_EQ(info.description, "from generator");
  EXPECT_EQ(info.templates,
            (std::vector<std::string>{"a-b.njk", "a/z.njk", "b.njk", "sub/config.yml"}));
  EXPECT_EQ(info.hooks, std::vector<std::string>{"/t/gen/act/index.js"});
  ASSERT_EQ(info.variables.size(), 2u);
  EXPECT_EQ(info.variables[0].name, "shared");
  EXPECT_EQ(info.variables[1].name, "local");
  EXPECT_EQ(*info.variables[1].default_value, 2);
  EXPECT_FALSE(load_action(set, "gen", "nope", &info, &err));
  EXPECT_NE(err.find("it has: act"), std::string::npos);
  EXPECT_FALSE(load_action(set, "../t", "act", &info, &err));
}

TEST(Discover, BuiltinSetHasCittyAndGenerator) {
  MemoryDisk disk;
  TemplateSet set = load_builtin(&disk);
  EXPECT_EQ(list_generators(set), (std::vector<std::string>{"command", "generator"}));
  ActionInfo info;
  std::string err;
  ASSERT_TRUE(load_action(set, "command", "citty", &info, &err)) << err;
  EXPECT_EQ(info.templates.size(), 2u);
  ASSERT_FALSE(info.variables.empty());
  EXPECT_EQ(info.variables[0].name, "commandName");
  ASSERT_TRUE(load_action(set, "generator", "new", &info, &err)) << err;
  ASSERT_TRUE(load_action(set, "generator", "init", &info, &err)) << err;
}

}  // namespace
}  // namespace unjucks::gen
