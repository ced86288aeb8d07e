// Carrying out a migration plan through gen::Disk: every file is written to a temporary file
// beside its target and renamed into place, so a file is either converted or left as it was,
// never half-written; a file being replaced (renamed, or prompt.js by prompt.yml) is removed only
// once what replaces it is in place, and with --backup kept as <name>.orig first.
#pragma once

#include <string>
#include <vector>

#include "gen/disk.h"
#include "migrate/migrate_plan.h"

namespace unjucks::migrate {

struct ApplyResult {
  std::vector<std::string> errors;  // one per change that could not be made
  size_t written = 0;               // files written
};

// Changes the folder itself.
ApplyResult apply_in_place(gen::Disk& disk, const MigrateOptions& opts, const MigratePlan& plan);

// Writes the converted folder to `out_dir` (absolute; it must not exist or be empty), the
// original untouched. Files the plan does not change are copied.
ApplyResult write_copy(gen::Disk& disk, const MigrateOptions& opts, const MigratePlan& plan,
                       const std::string& out_dir);

}  // namespace unjucks::migrate
