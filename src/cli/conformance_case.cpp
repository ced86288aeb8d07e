#include "cli/conformance_case.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <string_view>

#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"
#include "template/loader.h"
#include "template/output.h"

namespace unjucks::cli {

namespace {

using Json = nlohmann::ordered_json;

// Reads a boolean option; false with a reason in `why` when it is present but not a boolean.
bool read_bool(const Json& options, const char* key, bool& out, std::string& why) {
  auto it = options.find(key);
  if (it == options.end()) return true;
  if (!it->is_boolean()) {
    why = std::string("option '") + key + "' is not a boolean";
    return false;
  }
  out = it->get<bool>();
  return true;
}

bool read_tags(const Json& tags, tpl::Tags& out, std::string& why) {
  if (!tags.is_object()) {
    why = "option 'tags' is not an object";
    return false;
  }
  for (const auto& [key, value] : tags.items()) {
    std::string* field = nullptr;
    if (key == "blockStart") field = &out.block_start;
    if (key == "blockEnd") field = &out.block_end;
    if (key == "variableStart") field = &out.variable_start;
    if (key == "variableEnd") field = &out.variable_end;
    if (key == "commentStart") field = &out.comment_start;
    if (key == "commentEnd") field = &out.comment_end;
    if (field == nullptr) {
      why = "unsupported tag option '" + key + "'";
      return false;
    }
    if (!value.is_string() || value.get_ref<const std::string&>().empty()) {
      why = "tag option '" + key + "' is not a non-empty string";
      return false;
    }
    *field = value.get<std::string>();
  }
  return true;
}

bool read_options(const Json& options, tpl::Options& out, std::string& why) {
  if (!options.is_object()) {
    why = "'options' is not an object";
    return false;
  }
  for (const auto& [key, value] : options.items()) {
    if (key == "autoescape" || key == "throwOnUndefined" || key == "trimBlocks" ||
        key == "lstripBlocks" || key == "jinjaCompat" || key == "tags") {
      continue;
    }
    why = "unsupported option '" + key + "'";
    return false;
  }
  if (!read_bool(options, "autoescape", out.autoescape, why) ||
      !read_bool(options, "throwOnUndefined", out.throw_on_undefined, why) ||
      !read_bool(options, "trimBlocks", out.trim_blocks, why) ||
      !read_bool(options, "lstripBlocks", out.lstrip_blocks, why) ||
      !read_bool(options, "jinjaCompat", out.jinja_compat, why)) {
    return false;
  }
  auto tags = options.find("tags");
  return tags == options.end() || read_tags(*tags, out.tags, why);
}

void read_fields(const Json& j, ConformanceCase& c) {
  if (!j.is_object()) {
    c.invalid = "the case is not a JSON object";
    return;
  }
  auto str = [&](const char* key, std::string& out, bool required) {
    auto it = j.find(key);
    if (it == j.end()) {
      if (required && c.invalid.empty()) c.invalid = std::string("missing field '") + key + "'";
      return;
    }
    if (it->is_string()) {
      out = it->get<std::string>();
    } else if (c.invalid.empty()) {
      c.invalid = std::string("field '") + key + "' is not a string";
    }
  };
  std::string id;
  str("id", id, true);
  if (!id.empty()) c.id = id;
  str("name", c.name, false);
  str("template", c.source, true);
  str("path", c.path, false);
  if (!c.invalid.empty()) return;

  auto ctx = j.find("context");
  if (ctx == j.end() || !ctx->is_object()) {
    c.invalid = "field 'context' is missing or not an object";
    return;
  }
  c.context_json = ctx->dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);

  auto options = j.find("options");
  if (options == j.end()) {
    c.invalid = "missing field 'options'";
    return;
  }
  if (!read_options(*options, c.options, c.invalid)) return;

  if (auto t = j.find("templates"); t != j.end()) {
    if (!t->is_object()) {
      c.invalid = "field 'templates' is not an object";
      return;
    }
    for (const auto& [name, source] : t->items()) {
      if (!source.is_string()) {
        c.invalid = "template '" + name + "' is not a string";
        return;
      }
      c.templates.emplace(name, source.get<std::string>());
    }
  }

  auto expected = j.find("expected");
  auto expected_error = j.find("expected_error");
  bool has_expected = expected != j.end();
  bool has_error = expected_error != j.end();
  if (has_expected == has_error) {
    c.invalid = "exactly one of 'expected' and 'expected_error' must be present";
  } else if (has_expected && !expected->is_string()) {
    c.invalid = "field 'expected' is not a string";
  } else if (has_error && *expected_error != true) {
    c.invalid = "field 'expected_error' is not true";
  } else if (has_expected) {
    c.expected = expected->get<std::string>();
  } else {
    c.expect_error = true;
  }
}

// Collects the output and fails the render once it passes `cap` bytes, whatever the engine's
// own limits do (they are checked at expressions, not at every piece of text).
class CappedOutput final : public tpl::Output {
 public:
  explicit CappedOutput(uint64_t cap) : cap_bytes_(cap), str_(std::min<uint64_t>(cap, 4096), '\0') {
    buf_ = str_.data();
    cap_ = str_.size();
  }
  std::string take() {
    str_.resize(size_);
    return std::move(str_);
  }

 private:
  void overflow(size_t need) override {
    if (size_ + need > cap_bytes_) {
      tpl::Error e;
      e.kind = tpl::ErrorKind::Limit;
      e.message =
          "output larger than the runner's limit of " + std::to_string(cap_bytes_) + " bytes";
      throw tpl::TemplateError(std::move(e));
    }
    str_.resize(std::min<uint64_t>(std::max(str_.size() * 2, size_ + need), cap_bytes_));
    buf_ = str_.data();
    cap_ = str_.size();
  }
  uint64_t cap_bytes_;
  std::string str_;
};

CaseOutcome run_here(const ConformanceCase& c, const RunSettings& settings) {
  if (!c.invalid.empty()) return {CaseOutcome::Status::Broken, "invalid case: " + c.invalid};
  tpl::Context ctx;
  try {
    ctx.merge_json(c.context_json);
  } catch (const std::exception& e) {
    return {CaseOutcome::Status::Broken, std::string("context: ") + e.what()};
  }
  try {
    tpl::Options options = c.options;
    options.limits.max_loop_iterations = settings.max_loop_iterations;
    options.limits.max_output_bytes = settings.max_output_bytes;
    tpl::Environment env(options, std::make_unique<tpl::MapLoader>(c.templates));
    tpl::TemplatePtr tmpl = env.compile(c.source, c.path);
    CappedOutput out(settings.max_output_bytes);
    env.render(*tmpl, ctx, out);
    return {CaseOutcome::Status::Rendered, out.take()};
  } catch (const tpl::TemplateError& e) {
    return {CaseOutcome::Status::Failed, e.error().format()};
  } catch (const std::exception& e) {
    // The engine reports every error as a TemplateError; anything else is a bug.
    return {CaseOutcome::Status::Broken,
            std::string("internal error (not a TemplateError): ") + e.what()};
  } catch (...) {
    return {CaseOutcome::Status::Broken, "internal error: unknown exception"};
  }
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// The worker protocol: for each case, in order, one status byte ('R', 'F', 'B'), the length
// of the text (8 bytes, native order) and the text.
[[noreturn]] void worker_main(int fd, const std::vector<ConformanceCase>& cases, size_t first,
                              const RunSettings& settings) {
  for (size_t i = first; i < cases.size(); ++i) {
    CaseOutcome o = run_here(cases[i], settings);
    char head[9];
    head[0] = o.status == CaseOutcome::Status::Rendered ? 'R'
              : o.status == CaseOutcome::Status::Failed ? 'F'
                                                        : 'B';
    uint64_t n = o.text.size();
    std::memcpy(head + 1, &n, sizeof n);
    if (!write_all(fd, std::string_view(head, sizeof head)) || !write_all(fd, o.text)) ::_exit(3);
  }
  ::_exit(0);
}

using Clock = std::chrono::steady_clock;

// Reads exactly n bytes before the deadline. False on timeout (timed_out set) or end of file.
bool read_exact(int fd, char* out, size_t n, Clock::time_point deadline, bool& timed_out) {
  while (n > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      return false;
    }
    pollfd p{fd, POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno != EINTR) return false;
    if (r <= 0) continue;
    ssize_t got = ::read(fd, out, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    out += got;
    n -= static_cast<size_t>(got);
  }
  return true;
}

// Why the worker stopped: it was killed after a timeout, died of a signal or exited.
std::string worker_death(pid_t pid, bool timed_out, double timeout_s) {
  if (timed_out) ::kill(pid, SIGKILL);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  if (timed_out) {
    char msg[64];
    std::snprintf(msg, sizeof msg, "timed out after %.1f s (killed)", timeout_s);
    return msg;
  }
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    return "crashed: signal " + std::to_string(sig) + " (" + ::strsignal(sig) + ")";
  }
  return "the worker process exited with status " + std::to_string(WEXITSTATUS(wstatus));
}

// Runs the cases in a forked worker process that reports each outcome through a pipe. A case
// that crashes the worker or outlives the timeout is failed; a new worker goes on with the next.
void run_in_workers(const std::vector<ConformanceCase>& cases, const RunSettings& settings,
                    const OutcomeSink& sink) {
  size_t next = 0;
  while (next < cases.size()) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) break;
    std::fflush(stdout);
    std::fflush(stderr);
    pid_t pid = ::fork();
    if (pid < 0) {
      ::close(fds[0]);
      ::close(fds[1]);
      break;
    }
    if (pid == 0) {
      ::close(fds[0]);
      worker_main(fds[1], cases, next, settings);
    }
    ::close(fds[1]);
    bool timed_out = false;
    for (; next < cases.size(); ++next) {
      auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(
                                         std::chrono::duration<double>(settings.timeout_s));
      char head[9];
      uint64_t n = 0;
      CaseOutcome o;
      if (!read_exact(fds[0], head, sizeof head, deadline, timed_out)) break;
      std::memcpy(&n, head + 1, sizeof n);
      o.text.resize(n);
      if (!read_exact(fds[0], o.text.data(), n, deadline, timed_out)) break;
      o.status = head[0] == 'R'   ? CaseOutcome::Status::Rendered
                 : head[0] == 'F' ? CaseOutcome::Status::Failed
                                  : CaseOutcome::Status::Broken;
      sink(next, o);
    }
    ::close(fds[0]);
    std::string death = worker_death(pid, timed_out, settings.timeout_s);
    if (next < cases.size()) sink(next++, {CaseOutcome::Status::Broken, death});
  }
  for (; next < cases.size(); ++next) sink(next, run_here(cases[next], settings));  // no fork
}

}  // namespace

ConformanceCase read_case(const nlohmann::ordered_json& j, size_t index) {
  ConformanceCase c;
  c.id = "#" + std::to_string(index);
  try {
    read_fields(j, c);
  } catch (const std::exception& e) {  // e.g. invalid UTF-8 met while re-serialising
    c.invalid = e.what();
  }
  return c;
}

void run_cases(const std::vector<ConformanceCase>& cases, const RunSettings& settings,
               const OutcomeSink& sink) {
  if (settings.isolate) {
    run_in_workers(cases, settings, sink);
  } else {
    for (size_t i = 0; i < cases.size(); ++i) sink(i, run_here(cases[i], settings));
  }
}

bool outcome_passes(const ConformanceCase& c, const CaseOutcome& o) {
  if (!c.invalid.empty()) return false;
  switch (o.status) {
    case CaseOutcome::Status::Rendered:
      return !c.expect_error && o.text == c.expected;
    case CaseOutcome::Status::Failed:
      return c.expect_error;
    case CaseOutcome::Status::Broken:
      return false;
  }
  return false;
}

}  // namespace unjucks::cli
