// The order Hygen 6.2.11 runs an action's templates in: their paths sorted with JavaScript's
// localeCompare (ICU's root collation under Node's en-US), where punctuation comes before digits
// and digits before letters, letters compare without case first and lowercase goes before
// uppercase only between otherwise equal names (a < B < b). unjucks sorts bytewise; the
// migration says where the two orders differ in a way that matters.
#pragma once

#include <string_view>

namespace unjucks::migrate {

// <0, 0 or >0 as a.localeCompare(b). Exact for ASCII (checked against Node on random names);
// other bytes sort after the letters in byte order (an approximation).
int hygen_compare(std::string_view a, std::string_view b);

}  // namespace unjucks::migrate
