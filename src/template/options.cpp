#include "template/options.h"

#include <cctype>
#include <limits>

namespace unjucks::tpl {
namespace {

// "maxOutputSize", "max-output-size", "output_size" -> "outputsize".
std::string normalise_key(std::string_view key) {
  std::string k;
  for (char c : key) {
    if (c == '-' || c == '_') continue;
    k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (k.starts_with("max")) k.erase(0, 3);
  return k;
}

bool parse_amount(std::string_view text, bool size, uint64_t max, uint64_t* out) {
  if (text.empty()) return false;
  uint64_t unit = 1;
  if (size) {
    char last = static_cast<char>(std::toupper(static_cast<unsigned char>(text.back())));
    if (last == 'B' && text.size() > 1) {  // "64MB", "64MiB" are fine too
      text.remove_suffix(1);
      if (!text.empty() && (text.back() == 'i' || text.back() == 'I')) text.remove_suffix(1);
      last = static_cast<char>(std::toupper(static_cast<unsigned char>(text.back())));
    }
    if (last == 'K' || last == 'M' || last == 'G') {
      unit = last == 'K' ? 1024 : last == 'M' ? 1024 * 1024 : uint64_t{1024} * 1024 * 1024;
      text.remove_suffix(1);
    }
  }
  if (text.empty()) return false;
  uint64_t v = 0;
  for (char c : text) {
    if (c == '_' || c == ',') continue;  // 100_000_000
    if (c < '0' || c > '9') return false;
    if (v > (std::numeric_limits<uint64_t>::max() - 9) / 10) return false;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  if (v == 0 || v > max / unit) return false;
  *out = v * unit;
  return true;
}

}  // namespace

bool set_limit(Limits* limits, std::string_view key, std::string_view value, std::string* err) {
  std::string k = normalise_key(key);
  uint64_t v = 0;
  auto bad = [&](std::string_view what) {
    *err = "limit " + std::string(key) + ": expected " + std::string(what) + ", got \"" +
           std::string(value) + "\"";
    return false;
  };
  constexpr uint64_t kDepthMax = 100'000;
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  if (k == "parsedepth") {
    if (!parse_amount(value, false, kDepthMax, &v)) return bad("a number from 1 to 100000");
    limits->max_parse_depth = static_cast<uint32_t>(v);
  } else if (k == "calldepth") {
    if (!parse_amount(value, false, kDepthMax, &v)) return bad("a number from 1 to 100000");
    limits->max_call_depth = static_cast<uint32_t>(v);
  } else if (k == "loopiterations" || k == "iterations") {
    if (!parse_amount(value, false, kMax, &v)) return bad("a positive number");
    limits->max_loop_iterations = v;
  } else if (k == "calls") {
    if (!parse_amount(value, false, kMax, &v)) return bad("a positive number");
    limits->max_calls = v;
  } else if (k == "outputsize" || k == "output" || k == "outputbytes") {
    if (!parse_amount(value, true, kMax, &v)) return bad("a size such as 512K, 64M or 1G");
    limits->max_output_bytes = v;
  } else if (k == "rendermemory" || k == "renderbytes") {
    if (!parse_amount(value, true, kMax, &v)) return bad("a size such as 512K, 64M or 1G");
    limits->max_render_bytes = v;
  } else if (k == "templatesize" || k == "templatebytes") {
    if (!parse_amount(value, true, kMax, &v)) return bad("a size such as 512K, 64M or 1G");
    limits->max_template_bytes = v;
  } else if (k == "datasize" || k == "databytes") {
    if (!parse_amount(value, true, kMax, &v)) return bad("a size such as 512K, 64M or 1G");
    limits->max_data_bytes = v;
  } else {
    *err = "unknown limit " + std::string(key) +
           " (known: parse-depth, call-depth, loop-iterations, calls, output-size, template-size, "
           "data-size, render-memory)";
    return false;
  }
  return true;
}

}  // namespace unjucks::tpl
