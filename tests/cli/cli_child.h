// Runs the command-line application (cli::run) in a forked child, as a user would run the
// binary: in a given directory, stdin from /dev/null, stdout and stderr captured through files,
// NO_COLOR set and UNJUCKS_TEMPLATES and HYGEN_TMPLS unset (or set as asked). Shared by the CLI
// tests.
#pragma once

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.h"

namespace unjucks::cli::testing {

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CliRun {
  int exit_code = -1;  // 128 + signal when killed
  std::string out, err;
};

// Runs `unjucks <args>` in `cwd`, with the `env` variables set; the captured output goes
// through files in `scratch`.
inline CliRun run_in_child(const std::filesystem::path& cwd, const std::filesystem::path& scratch,
                           const std::vector<std::string>& args,
                           const std::vector<std::pair<std::string, std::string>>& env = {}) {
  std::filesystem::path out_path = scratch / "stdout.txt", err_path = scratch / "stderr.txt";
  pid_t pid = ::fork();
  if (pid == 0) {
    int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int n = ::open("/dev/null", O_RDONLY);
    ::dup2(o, 1);
    ::dup2(e, 2);
    ::dup2(n, 0);
    if (::chdir(cwd.c_str()) != 0) ::_exit(99);
    ::setenv("NO_COLOR", "1", 1);
    ::unsetenv("UNJUCKS_TEMPLATES");
    ::unsetenv("HYGEN_TMPLS");
    for (const auto& [k, v] : env) ::setenv(k.c_str(), v.c_str(), 1);
    std::vector<std::string> storage = {"unjucks"};
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& s : storage) argv.push_back(s.data());
    argv.push_back(nullptr);
    int rc = run(static_cast<int>(storage.size()), argv.data());
    std::fflush(stdout);
    std::fflush(stderr);
    ::_exit(rc);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  CliRun r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_path);
  r.err = read_file(err_path);
  return r;
}

}  // namespace unjucks::cli::testing
