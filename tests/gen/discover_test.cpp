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

TEST(Discover, JunkFilesAreNotTemplates) {
  MemoryDisk disk;
  for (const char* junk : {".DS_Store", ".Spotlight-V100", ".Trashes", "ehthumbs.db", "Thumbs.db",
                           ".hygenignore", "sub/Thumbs.db"}) {
    disk.add_file(std::string("/t/gen/act/") + junk, "x");
  }
  disk.add_file("/t/gen/act/.gitignore.t", "");  // a dotfile template is a template
  disk.add_file("/t/gen/act/a.njk", "");
  TemplateSet set{&disk, "/t", false};
  ActionInfo info;
  std::string err;
  ASSERT_TRUE(load_action(set, "gen", "act", &info, &err)) << err;
  EXPECT_EQ(info.templates, (std::vector<std::string>{".gitignore.t", "a.njk"}));
}

TEST(Discover, SplitsHygensSubaction) {
  EXPECT_EQ(split_action_ref("new").action, "new");
  EXPECT_EQ(split_action_ref("new").subaction, "");
  EXPECT_EQ(split_action_ref("new:mailer").action, "new");
  EXPECT_EQ(split_action_ref("new:mailer").subaction, "mailer");
  EXPECT_EQ(split_action_ref("new:.*html:x").subaction, ".*html:x");  // at the first colon
}

TEST(Discover, SubactionSelectsTemplatesByTheirPath) {
  ActionInfo info;
  info.generator = "mail";
  info.name = "new";
  const std::vector<std::string> all = {"mailer.ejs.t", "templates_html.ejs.t",
                                        "templates_text.ejs.t", "z/inject_html.t"};
  std::string err;
  info.templates = all;
  ASSERT_TRUE(select_templates(&info, "", &err));
  EXPECT_EQ(info.templates, all);
  ASSERT_TRUE(select_templates(&info, "mailer", &err)) << err;
  EXPECT_EQ(info.templates, std::vector<std::string>{"mailer.ejs.t"});
  info.templates = all;
  ASSERT_TRUE(select_templates(&info, ".*html", &err)) << err;
  EXPECT_EQ(info.templates, (std::vector<std::string>{"templates_html.ejs.t", "z/inject_html.t"}));
  // Matched against "/" + the path, as Hygen does: "^/z/" selects the folder.
  info.templates = all;
  ASSERT_TRUE(select_templates(&info, "^/z/", &err)) << err;
  EXPECT_EQ(info.templates, std::vector<std::string>{"z/inject_html.t"});
  info.templates = all;
  EXPECT_FALSE(select_templates(&info, "nothing", &err));
  EXPECT_NE(err.find("no template of mail new matches 'nothing' (it has: mailer.ejs.t"),
            std::string::npos)
      << err;
  EXPECT_EQ(info.templates, all);
  EXPECT_FALSE(select_templates(&info, "(", &err));
  EXPECT_NE(err.find("not a valid regular expression"), std::string::npos) << err;
}

TEST(Discover, SymlinksMustStayInsideTheTemplatesFolder) {
  MemoryDisk disk;
  disk.add_file("/home/.ssh/id_rsa", "KEY");
  disk.add_file("/t/shared/license.txt", "MIT");
  disk.add_file("/t/gen/act/a.njk", "");
  disk.add_symlink("/t/gen/act/LICENSE", "../../shared/license.txt");  // inside: fine
  TemplateSet set{&disk, "/t", false};
  ActionInfo info;
  std::string err;
  ASSERT_TRUE(load_action(set, "gen", "act", &info, &err)) << err;
  EXPECT_EQ(info.templates, (std::vector<std::string>{"LICENSE", "a.njk"}));

  disk.add_symlink("/t/gen/act/id_rsa", "/home/.ssh/id_rsa");
  EXPECT_FALSE(load_action(set, "gen", "act", &info, &err));
  EXPECT_EQ(err,
            "refusing /t/gen/act/id_rsa: it is a symbolic link to /home/.ssh/id_rsa, outside the "
            "templates folder /t (copy what it points to into the templates folder instead)");
  // What a .hygenignore leaves out is not looked at.
  disk.add_file("/t/gen/act/.hygenignore", "id_rsa\n");
  ASSERT_TRUE(load_action(set, "gen", "act", &info, &err)) << err;

  // A configuration file too: it is read for descriptions and defaults.
  disk.add_symlink("/t/gen/config.yml", "/home/.ssh/id_rsa");
  EXPECT_FALSE(load_action(set, "gen", "act", &info, &err));
  EXPECT_NE(err.find("refusing /t/gen/config.yml: it is a symbolic link to /home/.ssh/id_rsa"),
            std::string::npos)
      << err;
  GeneratorInfo g;
  EXPECT_FALSE(load_generator(set, "gen", &g, &err));
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
