#include "harness.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "gen/disk.h"

namespace unjucks::hardening {

Scratch::Scratch() {
  std::string tmpl = (fs::temp_directory_path() / "unjucks-hard-XXXXXX").string();
  if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  root_ = tmpl;
  fs::permissions(root_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
}

Scratch::~Scratch() {
  std::error_code ec;
  // Read-only directories left by a test would stop the removal.
  for (auto it = fs::recursive_directory_iterator(root_, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec))
      fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
  }
  fs::remove_all(root_, ec);
}

void Scratch::write(const std::string& rel, const std::string& content) const {
  fs::path p = root_ / rel;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << content;
}

std::string Scratch::read(const std::string& rel) const {
  std::ifstream in(root_ / rel, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string unjucks_binary() { return UNJUCKS_BIN; }

namespace {

[[noreturn]] void exec_child(const std::vector<std::string>& args, const ChildOptions& opts) {
  if (!opts.cwd.empty() && ::chdir(opts.cwd.c_str()) != 0) _exit(126);
  if (opts.max_file_size) {
    ::signal(SIGXFSZ, SIG_IGN);
    struct rlimit rl = {opts.max_file_size, opts.max_file_size};
    if (::setrlimit(RLIMIT_FSIZE, &rl) != 0) _exit(126);
  }
  // The binary is opened before privileges are dropped: the build folder may be one that user
  // nobody cannot traverse (a clone in a 0700 temporary folder), and exec by descriptor needs
  // only the file's own execute permission.
  std::string bin = unjucks_binary();
  int exe = ::open(bin.c_str(), O_RDONLY | O_CLOEXEC);
  if (exe < 0) _exit(127);
  if (opts.unprivileged && ::geteuid() == 0) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(65534) != 0 || ::setuid(65534) != 0) _exit(126);
  }
  std::vector<char*> argv;
  argv.push_back(bin.data());
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::setenv("NO_COLOR", "1", 1);
  ::fexecve(exe, argv.data(), environ);
  _exit(127);
}

std::string drain(int fd) {
  std::string s;
  char buf[4096];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    s.append(buf, static_cast<size_t>(n));
  }
  return s;
}

}  // namespace

int reap(pid_t pid) {
  int st = 0;
  while (::waitpid(pid, &st, 0) < 0) {
    if (errno != EINTR) return -1000;
  }
  if (WIFEXITED(st)) return WEXITSTATUS(st);
  if (WIFSIGNALED(st)) return -WTERMSIG(st);
  return -1000;
}

ChildResult run_unjucks(const std::vector<std::string>& args, const ChildOptions& opts) {
  // Output through files: no pipe-buffer deadlock and no extra thread.
  char out_name[] = "/tmp/unjucks-hard-out-XXXXXX";
  char err_name[] = "/tmp/unjucks-hard-err-XXXXXX";
  int out_fd = ::mkstemp(out_name);
  int err_fd = ::mkstemp(err_name);
  ::unlink(out_name);
  ::unlink(err_name);
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(out_fd, 1);
    ::dup2(err_fd, 2);
    exec_child(args, opts);
  }
  ChildResult r;
  r.status = reap(pid);
  ::lseek(out_fd, 0, SEEK_SET);
  ::lseek(err_fd, 0, SEEK_SET);
  r.out = drain(out_fd);
  r.err = drain(err_fd);
  ::close(out_fd);
  ::close(err_fd);
  return r;
}

pid_t spawn_unjucks(const std::vector<std::string>& args, const std::string& cwd) {
  pid_t pid = ::fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_RDWR);
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ChildOptions o;
    o.cwd = cwd;
    exec_child(args, o);
  }
  return pid;
}

std::vector<std::string> temp_files(const fs::path& dir) {
  std::vector<std::string> out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    long pid = 0;
    if (gen::is_temp_name(it->path().filename().string(), &pid)) out.push_back(it->path().string());
  }
  return out;
}

}  // namespace unjucks::hardening
