#include "cli/error_output.h"

#include <unistd.h>

#include <atomic>

#include "gen/report.h"
#include "template/error.h"

namespace unjucks::cli {
namespace {

std::atomic<bool> g_json_errors{false};

constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kReset = "\x1b[0m";

}  // namespace

CliError template_error(const tpl::Error& e) {
  CliError c;
  c.kind = kErrorTemplate;
  c.message = e.message;
  c.suggestions = e.suggestions;
  c.template_name = e.template_name.empty() ? "(string)" : e.template_name;
  c.line = e.line;
  c.column = e.col;
  c.diagnostic = e.format();
  return c;
}

CliError diagnostic_error(const std::string& text) {
  CliError c;
  c.kind = kErrorTemplate;
  c.diagnostic = text;
  std::string first = text.substr(0, text.find('\n'));
  size_t at = first.find(": error: ");
  c.message = at == std::string::npos ? first : first.substr(at + 9);
  if (at == std::string::npos) return c;
  // name[:line:col]
  std::string where = first.substr(0, at);
  auto number = [](const std::string& s, uint32_t* out) {
    if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) {
      return false;
    }
    *out = static_cast<uint32_t>(std::stoul(s));
    return true;
  };
  size_t c2 = where.rfind(':');
  size_t c1 = c2 == std::string::npos || c2 == 0 ? std::string::npos : where.rfind(':', c2 - 1);
  if (c1 != std::string::npos && number(where.substr(c1 + 1, c2 - c1 - 1), &c.line) &&
      number(where.substr(c2 + 1), &c.column)) {
    where.resize(c1);
  } else {
    c.line = c.column = 0;
  }
  c.template_name = where;
  return c;
}

void set_json_errors(bool on) { g_json_errors.store(on); }
bool json_errors() { return g_json_errors.load(); }

gen::Json error_json(const CliError& e) {
  gen::Json j = gen::Json::object();
  j["kind"] = e.kind;
  j["message"] = e.message;
  j["suggestions"] = e.suggestions;
  if (!e.template_name.empty()) {
    j["template"] = e.template_name;
    j["line"] = e.line == 0 ? gen::Json(nullptr) : gen::Json(e.line);
    j["column"] = e.column == 0 ? gen::Json(nullptr) : gen::Json(e.column);
  }
  if (e.kind == kErrorMissingVariables) j["variables"] = e.variables;
  return j;
}

int report_error(const CliError& e, int exit_code) {
  std::fflush(stdout);
  if (json_errors()) {
    gen::Json j = gen::Json::object();
    j["ok"] = false;
    j["exitCode"] = exit_code;
    j["error"] = error_json(e);
    // Paths and messages are bytes; JSON needs UTF-8: invalid sequences become U+FFFD.
    std::string text = j.dump(2, ' ', false, gen::Json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return exit_code;
  }
  std::string text = e.diagnostic.empty() ? "unjucks: error: " + e.message : e.diagnostic;
  text = paint_error_label(std::move(text), color_for(stderr)) + "\n";
  std::fwrite(text.data(), 1, text.size(), stderr);
  return exit_code;
}

bool color_for(std::FILE* stream) { return gen::want_color(::isatty(::fileno(stream)) != 0); }

std::string paint_error_label(std::string text, bool color) {
  if (!color) return text;
  size_t at = text.find("error:");
  if (at == std::string::npos) return text;
  text.insert(at + 6, kReset);
  text.insert(at, kRed);
  return text;
}

}  // namespace unjucks::cli
