#include "cli/now_option.h"

#include <chrono>
#include <cstdlib>

#include "text/dayjs.h"

namespace unjucks::cli {

namespace {

// "1705315800", "-5", "@1705315800": whole seconds.
bool seconds(std::string_view s, double* ms) {
  if (!s.empty() && s.front() == '@') s.remove_prefix(1);
  bool negative = !s.empty() && s.front() == '-';
  if (negative) s.remove_prefix(1);
  if (s.empty() || s.size() > 15) return false;
  double v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *ms = (negative ? -v : v) * 1000;
  return true;
}

}  // namespace

bool resolve_now(std::string_view flag, double* ms, std::string* err) {
  if (!flag.empty()) {
    if (seconds(flag, ms)) return true;
    if (auto t = text::dayjs::parse(flag)) {
      *ms = *t;
      return true;
    }
    *err = "--now " + std::string(flag) +
           ": expected a date (2024-01-15, 2024-01-15T10:30:00Z) or seconds since 1970";
    return false;
  }
  const char* epoch = std::getenv("SOURCE_DATE_EPOCH");
  if (epoch != nullptr && *epoch != '\0') {
    if (!seconds(epoch, ms) || *epoch == '@') {
      *err = "SOURCE_DATE_EPOCH=" + std::string(epoch) + ": expected whole seconds since 1970";
      return false;
    }
    return true;
  }
  auto now = std::chrono::system_clock::now().time_since_epoch();
  *ms = static_cast<double>(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
  return true;
}

}  // namespace unjucks::cli
