// Helpers of the hardening tests: a scratch directory tree, and the built `unjucks` binary run
// as a child process (optionally under a file-size limit, as an unprivileged user, or killed
// after a delay).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace unjucks::hardening {

namespace fs = std::filesystem;

// A fresh directory under the system's temp dir, removed (with everything in it) at the end.
// World-readable and searchable so a child running as nobody can reach what is below.
class Scratch {
 public:
  Scratch();
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;
  const fs::path& path() const { return root_; }
  // Writes `content` to `rel` (parents created).
  void write(const std::string& rel, const std::string& content) const;
  std::string read(const std::string& rel) const;

 private:
  fs::path root_;
};

struct ChildOptions {
  std::string cwd;
  uint64_t max_file_size = 0;  // RLIMIT_FSIZE when non-zero (SIGXFSZ ignored: writes get EFBIG)
  bool unprivileged = false;   // run as nobody (65534) when we are root
};

struct ChildResult {
  int status = -1;  // exit status, or -signal when killed
  std::string out;
  std::string err;
};

// The built binary (UNJUCKS_BIN).
std::string unjucks_binary();

// Runs unjucks with `args` to completion.
ChildResult run_unjucks(const std::vector<std::string>& args, const ChildOptions& opts);

// Starts unjucks with `args` (output discarded); the caller kills and reaps it.
pid_t spawn_unjucks(const std::vector<std::string>& args, const std::string& cwd);

// Waits for `pid`; returns its exit status, or -signal.
int reap(pid_t pid);

// Files below `dir` (recursively) whose name is a temporary of the writer
// (".<name>.unjucks-<pid>-<n>").
std::vector<std::string> temp_files(const fs::path& dir);

}  // namespace unjucks::hardening
