#include "gen/variables.h"

#include <gtest/gtest.h>

#include "gen/memory_disk.h"

namespace unjucks::gen {
namespace {

TEST(Variables, ParsesArguments) {
  VarArgs va;
  std::string err;
  ASSERT_TRUE(parse_var_args({"gen", "act", "--a", "1", "--b=x=y", "--flag", "--no-off", "name",
                              "--with-tests", "false", "--neg", "-2", "--str", "007"},
                             &va, &err))
      << err;
  EXPECT_EQ(va.positionals, (std::vector<std::string>{"gen", "act", "name"}));
  EXPECT_EQ(va.vars["a"], 1);
  EXPECT_EQ(va.vars["b"], "x=y");
  EXPECT_EQ(va.vars["flag"], true);
  EXPECT_EQ(va.vars["off"], false);
  EXPECT_EQ(va.vars["withTests"], false);
  EXPECT_EQ(va.vars["with-tests"], false);
  EXPECT_EQ(va.vars["neg"], -2);
  EXPECT_EQ(va.vars["str"], "007");
  EXPECT_FALSE(parse_var_args({"-x"}, &va, &err));
}

TEST(Variables, TypedScalars) {
  EXPECT_EQ(typed_scalar("true"), true);
  EXPECT_EQ(typed_scalar("1.5"), 1.5);
  EXPECT_EQ(typed_scalar("0"), 0);
  EXPECT_TRUE(typed_scalar("null").is_null());
  EXPECT_EQ(typed_scalar("1e5"), "1e5");
  EXPECT_EQ(typed_scalar("-"), "-");
  EXPECT_EQ(typed_scalar("1.2.3"), "1.2.3");
}

TEST(Variables, MainVariableRule) {
  std::vector<VariableSpec> declared = {{"withTests", "", "", "confirm", Json(true)},
                                        {"commandName", "", "", "", std::nullopt}};
  EXPECT_EQ(main_variable(declared, {}), "commandName");
  EXPECT_EQ(main_variable({}, {"withX", "serviceName"}), "serviceName");
  EXPECT_EQ(main_variable({}, {"withX"}), "");
}

TEST(Variables, PrecedenceAndMissing) {
  Json project = {{"author", "project"}, {"license", "MIT"}};
  std::vector<VariableSpec> declared = {{"commandName", "", "", "", std::nullopt},
                                        {"author", "", "", "", Json("config")},
                                        {"other", "", "", "", std::nullopt}};
  Json file = {{"author", "file"}};
  Json args = {{"x", 1}};
  std::string name = "hello";
  VariableInputs in;
  in.project_defaults = &project;
  in.declared = &declared;
  in.file_vars = &file;
  in.arg_vars = &args;
  in.positional_name = &name;
  in.referenced = {"commandName", "author"};
  ResolvedVariables r = resolve_variables(in);
  EXPECT_EQ(r.values["author"], "file");
  EXPECT_EQ(r.values["license"], "MIT");
  EXPECT_EQ(r.values["commandName"], "hello");
  EXPECT_EQ(r.values["name"], "hello");
  EXPECT_EQ(r.main, "commandName");
  EXPECT_EQ(r.missing, std::vector<std::string>{"other"});
  // Templates that use `name` keep the positional to `name` only.
  in.referenced = {"name"};
  r = resolve_variables(in);
  EXPECT_TRUE(r.main.empty());
  EXPECT_EQ(r.missing, (std::vector<std::string>{"commandName", "other"}));
  in.positional_name = nullptr;
  r = resolve_variables(in);
  EXPECT_EQ(r.missing, (std::vector<std::string>{"name", "commandName", "other"}));
}

TEST(Variables, CapitalNameAsHygenMakesIt) {
  std::string name = "userCard";
  VariableInputs in;
  in.positional_name = &name;
  in.referenced = {"Name"};
  ResolvedVariables r = resolve_variables(in);
  EXPECT_EQ(r.values["name"], "userCard");
  EXPECT_EQ(r.values["Name"], "UserCard");
  EXPECT_TRUE(r.derived_capital_name);
  EXPECT_TRUE(r.main.empty());  // `Name` counts as using `name`
  // Given, it is kept.
  Json args = {{"Name", "Given"}};
  in.arg_vars = &args;
  r = resolve_variables(in);
  EXPECT_EQ(r.values["Name"], "Given");
  EXPECT_FALSE(r.derived_capital_name);
  // Not read by any template: not made.
  in.arg_vars = nullptr;
  in.referenced = {"name"};
  r = resolve_variables(in);
  EXPECT_FALSE(r.values.contains("Name"));
  // Read, with no name at all: `name` is missing, for `Name`'s sake only.
  in.referenced = {"Name"};
  in.positional_name = nullptr;
  r = resolve_variables(in);
  EXPECT_EQ(r.missing, std::vector<std::string>{"name"});
  EXPECT_TRUE(r.name_missing_for_capital);
  EXPECT_FALSE(r.values.contains("Name"));
  // ... then typed in at the prompt: derive_capital_name makes it.
  r.values["name"] = "typed";
  derive_capital_name(in.referenced, &r);
  EXPECT_EQ(r.values["Name"], "Typed");
  // `Name` given and no name: nothing is missing.
  in.arg_vars = &args;
  r = resolve_variables(in);
  EXPECT_TRUE(r.missing.empty());
  EXPECT_EQ(r.values["Name"], "Given");
  // Declared (without a default): required in its own right too.
  std::vector<VariableSpec> declared = {{"name", "", "", "", std::nullopt}};
  in.arg_vars = nullptr;
  in.declared = &declared;
  r = resolve_variables(in);
  EXPECT_EQ(r.missing, std::vector<std::string>{"name"});
  EXPECT_FALSE(r.name_missing_for_capital);
  in.declared = nullptr;
  // Both read: `name` is missing in its own right.
  in.arg_vars = nullptr;
  in.referenced = {"Name", "name"};
  r = resolve_variables(in);
  EXPECT_EQ(r.missing, std::vector<std::string>{"name"});
  EXPECT_FALSE(r.name_missing_for_capital);
}

TEST(Variables, CapitalizeFirstIsJavaScriptsUpperCaseOfTheFirstUnit) {
  EXPECT_EQ(capitalize_first("foo bar"), "Foo bar");
  EXPECT_EQ(capitalize_first("fOO"), "FOO");  // the rest unchanged
  EXPECT_EQ(capitalize_first("\u00e9t\u00e9"), "\u00c9t\u00e9");
  EXPECT_EQ(capitalize_first("\u00dfa"), "SSa");              // a full mapping, as toUpperCase
  EXPECT_EQ(capitalize_first("\U00010428x"), "\U00010428x");  // outside the BMP: unchanged
  EXPECT_EQ(capitalize_first("1st"), "1st");
  EXPECT_EQ(capitalize_first(""), "");
}

constexpr uint64_t kMax = uint64_t{64} << 20;

TEST(Variables, VarsFiles) {
  MemoryDisk disk;
  disk.add_file("/v.json", R"({"a": 1, "b": "x"})");
  disk.add_file("/v.yml", "a: 2\nc: [1, 2]\n");
  disk.add_file("/bad.json", "{");
  disk.add_file("/list.yml", "- a\n");
  Json out = Json::object();
  std::string err;
  ASSERT_TRUE(load_vars_file(disk, "/v.json", kMax, &out, &err)) << err;
  ASSERT_TRUE(load_vars_file(disk, "/v.yml", kMax, &out, &err)) << err;
  EXPECT_EQ(out["a"], 2);
  EXPECT_EQ(out["b"], "x");
  EXPECT_EQ(out["c"].size(), 2u);
  EXPECT_FALSE(load_vars_file(disk, "/bad.json", kMax, &out, &err));
  EXPECT_FALSE(load_vars_file(disk, "/list.yml", kMax, &out, &err));
  EXPECT_FALSE(load_vars_file(disk, "/none.yml", kMax, &out, &err));
}

// --answers answers the action's questions the command line leaves open: declared variables
// (over their defaults) and `name` when the templates read it; flags, --vars and the positional
// name still win, and keys that are no question are not variables.
TEST(Variables, AnswersFillOpenQuestions) {
  std::vector<VariableSpec> declared = {{"greeting", "", "", "", std::nullopt},
                                        {"punct", "", "", "", Json(".")},
                                        {"flag", "", "", "confirm", std::nullopt}};
  Json answers = {
      {"greeting", "Hello"}, {"punct", "!"}, {"flag", false}, {"name", "world"}, {"unused", 1}};
  Json args = {{"flag", true}};
  VariableInputs in;
  in.declared = &declared;
  in.arg_vars = &args;
  in.answers = &answers;
  in.referenced = {"name", "greeting", "punct", "flag"};
  ResolvedVariables r = resolve_variables(in);
  EXPECT_EQ(r.values["greeting"], "Hello");
  EXPECT_EQ(r.values["punct"], "!");
  EXPECT_EQ(r.values["flag"], true);
  EXPECT_EQ(r.values["name"], "world");
  EXPECT_FALSE(r.values.contains("unused"));
  EXPECT_TRUE(r.missing.empty());
  std::string positional = "given";
  in.positional_name = &positional;
  EXPECT_EQ(resolve_variables(in).values["name"], "given");
  // Templates that do not read `name` are not asked it.
  in.positional_name = nullptr;
  in.referenced = {"greeting"};
  EXPECT_FALSE(resolve_variables(in).values.contains("name"));
}

TEST(Variables, HygensRunVariables) {
  RunVariables run;
  run.cwd = "/work";
  run.generator = "mailer";
  run.action = "new";
  run.subaction = "html";
  run.actionfolder = "/t/mailer/new";
  run.templates = "/t";
  Json values = {{"generator", "mine"}};
  add_run_variables({"cwd", "generator", "action", "subaction", "templates"}, run, &values);
  EXPECT_EQ(values["cwd"], "/work");
  EXPECT_EQ(values["generator"], "mine");  // given: kept
  EXPECT_EQ(values["action"], "new:html");
  EXPECT_EQ(values["subaction"], "html");
  EXPECT_EQ(values["templates"], "/t");
  EXPECT_FALSE(values.contains("actionfolder"));  // not read
  Json none = Json::object();
  add_run_variables({}, run, &none);
  EXPECT_TRUE(none.empty());
}

// Hygen's context gives every template names and Names, the plural of name (inflection
// 1.13.4's pluralize, as h.inflection.pluralize).
TEST(Variables, HygensPluralNames) {
  std::string name = "person";
  VariableInputs in;
  in.positional_name = &name;
  in.referenced = {"names", "Names"};
  ResolvedVariables r = resolve_variables(in);
  EXPECT_EQ(r.values["names"], "people");
  EXPECT_EQ(r.values["Names"], "People");
  EXPECT_TRUE(r.uses_name);
  Json args = {{"names", "mine"}};
  in.arg_vars = &args;
  EXPECT_EQ(resolve_variables(in).values["names"], "mine");
  in.positional_name = nullptr;
  in.arg_vars = nullptr;
  EXPECT_EQ(resolve_variables(in).missing, std::vector<std::string>{"name"});
}

}  // namespace
}  // namespace unjucks::gen
