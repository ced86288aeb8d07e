// The date functions of Unjucks' templates: now() (milliseconds since 1970, fixed for a run by
// --now or SOURCE_DATE_EPOCH), today() (the start of now's local day), timestamp() (now as
// YYYYMMDDHHmmss) and formatDate(date, format) (the filter as a function).
#pragma once

#include <string_view>

#include "template/value/value.h"

namespace unjucks::tpl {

// The function of that name, or undefined.
Value date_global(std::string_view name);

}  // namespace unjucks::tpl
