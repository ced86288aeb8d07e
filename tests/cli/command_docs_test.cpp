// The command table (the help, the man page, the completion, "did you mean" for options) against
// the parsers: every option a parser knows is documented, and every documented option is one a
// parser knows. Then the shape of the help texts.
#include "cli/command_docs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli/commands.h"

namespace unjucks::cli {
namespace {

bool contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The parser's names of a command.
std::vector<std::string> parser_names(std::string_view command) {
  if (command == "generate" || command == "init") return generate_option_names();
  if (command == "batch") return batch_option_names();
  return parser_option_names(command);
}

TEST(CommandDocs, EveryParsedOptionIsDocumentedAndTheOtherWayRound) {
  for (const CommandDoc& cmd : command_docs()) {
    if (cmd.hidden) continue;
    std::vector<std::string> parsed = parser_names(cmd.name);
    // init hands its arguments to generate's parser, but documents only those that make sense
    // for the built-in generator it runs.
    for (const std::string& n : cmd.name == "init" ? std::vector<std::string>{} : parsed) {
      EXPECT_NE(find_option(cmd, n), nullptr)
          << "unjucks " << cmd.name << " " << n << " is parsed but not in the help";
    }
    for (const OptionDoc& o : cmd.options) {
      for (std::string_view n : o.names) {
        EXPECT_TRUE(contains(parsed, n))
            << "unjucks " << cmd.name << " " << n << " is in the help but not parsed";
      }
    }
  }
  // The sets are not empty by accident.
  EXPECT_TRUE(contains(parser_names("render"), "--out-dir"));
  EXPECT_TRUE(contains(parser_names("render"), "-w"));
  EXPECT_TRUE(contains(parser_names("generate"), "--dry"));
  EXPECT_TRUE(contains(parser_names("batch"), "--resume"));
}

TEST(CommandDocs, FindOptionKnowsTheGlobalOnesWhereTheyApply) {
  const CommandDoc* render = find_command_doc("render");
  const CommandDoc* list = find_command_doc("list");
  ASSERT_NE(render, nullptr);
  ASSERT_NE(list, nullptr);
  EXPECT_NE(find_option(*render, "--memory-report"), nullptr);
  EXPECT_NE(find_option(*render, "-o"), nullptr);
  EXPECT_EQ(find_option(*render, "--templates"), nullptr);  // render reads no templates folder
  EXPECT_NE(find_option(*list, "--templates"), nullptr);
  EXPECT_EQ(find_option(*list, "--outt"), nullptr);
  std::vector<std::string> names = option_long_names(*render);
  EXPECT_TRUE(contains(names, "output"));
  EXPECT_FALSE(contains(names, "repeat"));  // hidden
  EXPECT_FALSE(contains(names, "templates"));
}

TEST(CommandDocs, CommandNamesLeaveOutTheHiddenOnes) {
  std::vector<std::string> names = command_names();
  EXPECT_TRUE(contains(names, "render"));
  EXPECT_TRUE(contains(names, "completion"));
  EXPECT_FALSE(contains(names, "__complete"));
}

size_t count(const std::string& text, std::string_view what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(CommandHelp, EachIsShortItsOwnAndNamesTheGlobalOptionsOnce) {
  for (const CommandDoc& cmd : command_docs()) {
    if (cmd.hidden) continue;
    std::string help = format_command_help(cmd);
    SCOPED_TRACE(help);
    EXPECT_TRUE(help.starts_with("Usage: unjucks " + std::string(cmd.name) + " ") ||
                help.starts_with("Usage: unjucks " + std::string(cmd.name) + "\n"));
    EXPECT_EQ(count(help, "\nOptions:\n"), 1u);
    EXPECT_EQ(count(help, "\nGlobal options"), 1u);
    EXPECT_EQ(count(help, "--memory-report-file"), 1u);
    EXPECT_LE(count(help, "\n"), 45u);
    // Lines fit a terminal.
    std::istringstream in(help);
    for (std::string line; std::getline(in, line);) {
      EXPECT_LE(line.size(), 100u) << line;
    }
    // Its own options, and not another command's.
    for (const OptionDoc& o : cmd.options) {
      if (!o.hidden) {
        EXPECT_NE(help.find(std::string(o.names.back())), std::string::npos);
      }
    }
    if (cmd.name != "batch") {
      EXPECT_EQ(help.find("--resume"), std::string::npos);
    }
    if (cmd.name != "render") {
      EXPECT_EQ(help.find("--out-dir"), std::string::npos);
    }
  }
}

TEST(CommandHelp, MainHelpListsTheCommandsTheGlobalOptionsAndTheGenerators) {
  std::string help = format_main_help("Generators:\n  component   new\n");
  for (const std::string& c : command_names()) {
    EXPECT_NE(help.find("\n  " + c + " "), std::string::npos) << c;
  }
  EXPECT_EQ(help.find("__complete"), std::string::npos);
  EXPECT_EQ(count(help, "Global options"), 1u);
  EXPECT_NE(help.find("  component   new"), std::string::npos);
}

TEST(WrapText, WrapsAtSpacesWithAHangingIndent) {
  EXPECT_EQ(wrap_text("aaa bbb ccc", 7, 2), "aaa bbb\n  ccc");
  EXPECT_EQ(wrap_text("aaa  bbb", 80, 0), "aaa bbb");
  EXPECT_EQ(wrap_text("averyveryverylongword x", 5, 0), "averyveryverylongword\nx");
  EXPECT_EQ(wrap_text("aa bb", 6, 4, 3), "aa\n    bb");
}

}  // namespace
}  // namespace unjucks::cli
