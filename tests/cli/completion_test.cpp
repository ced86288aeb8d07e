// Shell completion: what `unjucks __complete` offers for a command line (in a folder with its own
// _templates/), and the bash, zsh and fish scripts run by those shells, calling back into the
// built binary.
#include "cli/completion.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.h"
#include "cli_child.h"

namespace unjucks::cli {
namespace {

namespace fs = std::filesystem;
using Lines = std::vector<std::string>;

Lines lines(const std::string& text) {
  Lines out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

bool has(const Lines& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

class Completion : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("unjucks-completion-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    write("_templates/component/new/x.njk",
          "---\nto: src/{{ name }}.ts\n---\n{{ description }}{% if withTests %}t{% endif %}\n");
    write("_templates/component/new/config.yml",
          "description: A component\nvariables:\n  withTests: {default: true}\n");
    write("_templates/component/edit/x.njk", "---\nto: a\n---\n");
    write("_templates/page/new/x.njk", "---\nto: b\n---\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / "work" / rel).parent_path());
    std::ofstream(dir_ / "work" / rel, std::ios::binary) << text;
  }
  // `unjucks __complete WORDS...`
  Lines complete(std::vector<std::string> words) {
    words.insert(words.begin(), "__complete");
    testing::CliRun r = testing::run_in_child(dir_ / "work", dir_, words);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return lines(r.out);
  }
  // Runs `script` with `shell` in the work folder, the binary's folder first on PATH.
  std::string shell(const std::string& program, const std::string& script) {
    std::string path = fs::path(UNJUCKS_BIN).parent_path().string() + ":" + std::getenv("PATH");
    pid_t pid = ::fork();
    if (pid == 0) {
      int o = ::open((dir_ / "shell.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int e = ::open((dir_ / "shell.err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      ::dup2(o, 1);
      ::dup2(e, 2);
      if (::chdir((dir_ / "work").c_str()) != 0) ::_exit(99);
      ::setenv("PATH", path.c_str(), 1);
      ::setenv("HOME", dir_.c_str(), 1);  // no rc files of the machine's user
      ::execlp(program.c_str(), program.c_str(), "-c", script.c_str(), nullptr);
      ::_exit(98);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << program << " failed: " << testing::read_file(dir_ / "shell.err");
    return testing::read_file(dir_ / "shell.out");
  }
  static bool installed(const std::string& program) {
    return std::system(("command -v " + program + " >/dev/null 2>&1").c_str()) == 0;
  }
  fs::path dir_;
};

TEST_F(Completion, CommandsAndGeneratorsFirst) {
  Lines all = complete({""});
  for (const char* c : {"generate", "batch", "list", "help", "init", "render", "completion",
                        "component", "page", "command", "generator"}) {
    EXPECT_TRUE(has(all, c)) << c;
  }
  EXPECT_FALSE(has(all, "__complete"));
  EXPECT_EQ(complete({"co"}), (Lines{"completion", "component", "command"}));
  EXPECT_EQ(complete({"pa"}), Lines{"page"});
  EXPECT_EQ(complete({"--te"}), Lines{"--templates"});
}

TEST_F(Completion, ActionsThenTheActionsVariablesAndOptions) {
  EXPECT_EQ(complete({"component", ""}), (Lines{"edit", "new"}));
  EXPECT_EQ(complete({"generate", "component", "n"}), Lines{"new"});
  EXPECT_EQ(complete({"batch", "page", ""}), Lines{"new"});
  EXPECT_EQ(complete({"help", "component", ""}), (Lines{"edit", "new"}));
  Lines vars = complete({"component", "new", "--"});
  ASSERT_GE(vars.size(), 4u);
  // The variables the templates read, declared ones first, then the command's options.
  EXPECT_EQ(vars[0], "--withTests");
  EXPECT_EQ(vars[1], "--name");
  EXPECT_EQ(vars[2], "--description");
  EXPECT_TRUE(has(vars, "--dry"));
  EXPECT_TRUE(has(vars, "--force"));
  EXPECT_FALSE(has(vars, "--out-dir"));  // render's
  EXPECT_EQ(complete({"component", "new", "card", "--with"}), Lines{"--withTests"});
  // Descriptions for zsh and fish.
  EXPECT_EQ(complete({"--describe", "component", "n"}), Lines{"new\tA component"});
  EXPECT_TRUE(
      has(complete({"--describe", "component", "new", "--withT"}), "--withTests\tdefault true"));
}

TEST_F(Completion, TheTemplatesFolderOnTheLineIsTheOneCompleted) {
  write("other/lib/new/x.njk", "---\nto: c\n---\n");
  EXPECT_EQ(complete({"--templates", "other", "l"}), (Lines{"list", "lib"}));
  EXPECT_EQ(complete({"--templates=other", "lib", ""}), Lines{"new"});
}

TEST_F(Completion, ValuesAndFilesAreLeftToTheShell) {
  EXPECT_TRUE(complete({"render", ""}).empty());                             // a template file
  EXPECT_TRUE(complete({"component", "new", "--dest", ""}).empty());         // a folder
  EXPECT_TRUE(complete({"component", "new", "--description", ""}).empty());  // free text
  EXPECT_EQ(complete({"batch", "page", "new", "--format", ""}), (Lines{"jsonl", "json", "csv"}));
  EXPECT_EQ(complete({"completion", ""}), (Lines{"bash", "zsh", "fish"}));
  EXPECT_EQ(complete({"render", "--o"}), (Lines{"--output", "--out-dir"}));
  EXPECT_TRUE(complete({"nosuch", "new", "--"}).size() > 0);  // generate's options still
}

TEST_F(Completion, BashScriptCallsBackIntoUnjucks) {
  std::string script = completion_script("bash");
  ASSERT_FALSE(script.empty());
  std::string out = shell("bash",
                          "source <(unjucks completion bash)\n"
                          "COMP_WORDS=(unjucks component ''); COMP_CWORD=2; _unjucks\n"
                          "echo \"${COMPREPLY[*]}\"\n"
                          "COMP_WORDS=(unjucks component new --with); COMP_CWORD=3; _unjucks\n"
                          "echo \"${COMPREPLY[*]}\"\n"
                          "COMP_WORDS=(unjucks re); COMP_CWORD=1; _unjucks\n"
                          "echo \"${COMPREPLY[*]}\"\n"
                          "COMP_WORDS=(unjucks render ''); COMP_CWORD=2; _unjucks\n"
                          "echo \"[${COMPREPLY[*]}]\"\n"
                          "complete -p unjucks\n");
  EXPECT_EQ(out,
            "edit new\n"
            "--withTests\n"
            "render\n"
            "[]\n"  // nothing: bash completes file names (-o default)
            "complete -o default -F _unjucks unjucks\n");
}

TEST_F(Completion, ZshScriptOffersDescribedCandidates) {
  if (!installed("zsh")) GTEST_SKIP() << "zsh is not installed: its script is not exercised";
  // compinit needs a terminal; its two functions the script calls are stood in for.
  std::string out = shell("zsh",
                          "compdef() { print compdef \"$@\"; }\n"
                          "source <(unjucks completion zsh)\n"
                          "_describe() { local a=$4; print -rl -- \"${(@P)a}\"; }\n"
                          "_files() { print FILES; }\n"
                          "words=(unjucks component ''); CURRENT=3; _unjucks\n"
                          "words=(unjucks render ''); CURRENT=3; _unjucks\n");
  EXPECT_EQ(out,
            "compdef _unjucks unjucks\n"
            "edit:action\n"
            "new:A component\n"
            "FILES\n");
}

TEST_F(Completion, FishScriptOffersDescribedCandidatesAndFiles) {
  if (!installed("fish")) GTEST_SKIP() << "fish is not installed: its script is not exercised";
  std::string out = shell("fish",
                          "unjucks completion fish | source\n"
                          "complete -C'unjucks component '\n"
                          "complete -C'unjucks render _'\n");
  EXPECT_EQ(out,
            "edit\taction\n"
            "new\tA component\n"
            "_templates/\n");
}

TEST(CompletionScript, UnknownShellIsAnError) {
  EXPECT_TRUE(completion_script("tcsh").empty());
  EXPECT_NE(completion_script("bash").find("complete -o default -F _unjucks unjucks"),
            std::string::npos);
}

}  // namespace
}  // namespace unjucks::cli
