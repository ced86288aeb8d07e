// What now() returns in a run of generate, batch or render: --now (ISO 8601 date or date-time,
// or seconds since 1970 as an integer or @integer), else SOURCE_DATE_EPOCH (integer seconds, as
// reproducible builds define it), else the clock when the run starts. One value for the whole
// run, so every file of a batch shows the same time.
#pragma once

#include <string>
#include <string_view>

namespace unjucks::cli {

// Milliseconds since 1970 (UTC). False with `err` for a value that is not a time.
bool resolve_now(std::string_view flag, double* ms, std::string* err);

}  // namespace unjucks::cli
