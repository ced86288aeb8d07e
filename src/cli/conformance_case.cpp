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
  explicit CappedOutput(uint64_t cap) : cap_bytes_(cap), str_(4096, '\0') {
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

// Runs the case in a forked child that sends back one status byte and the text. The parent
// waits at most settings.timeout_s, then kills the child.
CaseOutcome run_forked(const ConformanceCase& c, const RunSettings& settings) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return run_here(c, settings);
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return run_here(c, settings);
  }
  if (pid == 0) {
    ::close(fds[0]);
    CaseOutcome o = run_here(c, settings);
    char status = o.status == CaseOutcome::Status::Rendered ? 'R'
                  : o.status == CaseOutcome::Status::Failed ? 'F'
                                                            : 'B';
    bool ok = write_all(fds[1], std::string_view(&status, 1)) && write_all(fds[1], o.text);
    ::_exit(ok ? 0 : 3);
  }
  ::close(fds[1]);

  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + std::chrono::duration<double>(settings.timeout_s);
  std::string data;
  bool timed_out = false;
  char buf[65536];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    int r = ::poll(&p, 1, static_cast<int>(left.count()));
    if (r < 0 && errno == EINTR) continue;
    if (r == 0) continue;  // the deadline check above ends the wait
    ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    data.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  if (timed_out) ::kill(pid, SIGKILL);
  int wstatus = 0;
  while (::waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }

  char buf_msg[64];
  if (timed_out) {
    std::snprintf(buf_msg, sizeof buf_msg, "timed out after %.1f s (killed)", settings.timeout_s);
    return {CaseOutcome::Status::Broken, buf_msg};
  }
  if (WIFSIGNALED(wstatus)) {
    int sig = WTERMSIG(wstatus);
    return {CaseOutcome::Status::Broken,
            "crashed: signal " + std::to_string(sig) + " (" + ::strsignal(sig) + ")"};
  }
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0 || data.empty()) {
    return {CaseOutcome::Status::Broken,
            "the child process exited with status " + std::to_string(WEXITSTATUS(wstatus))};
  }
  CaseOutcome o;
  o.status = data[0] == 'R'   ? CaseOutcome::Status::Rendered
             : data[0] == 'F' ? CaseOutcome::Status::Failed
                              : CaseOutcome::Status::Broken;
  o.text = data.substr(1);
  return o;
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

CaseOutcome run_case(const ConformanceCase& c, const RunSettings& settings) {
  return settings.isolate ? run_forked(c, settings) : run_here(c, settings);
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
