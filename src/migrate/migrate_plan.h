// What `unjucks migrate` does to a folder of Hygen generators, worked out before anything is
// written: every file to convert (EJS templates to Nunjucks, `.ejs.t` renamed `.njk`; prompt.js
// question lists to prompt.yml), the .hygenignore lines that keep unjucks from writing files Hygen
// never writes, and everything that needs a person (with file and line): JavaScript hooks and
// helpers, code with no exact Nunjucks counterpart, files that do not parse.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gen/disk.h"
#include "migrate/template_converter.h"

namespace unjucks::migrate {

struct MigrateOptions {
  std::string root;     // the templates folder (absolute)
  bool backup = false;  // keep each original beside it as <name>.orig
  ConvertOptions convert;
};

struct FileChange {
  enum class Kind : unsigned char {
    Template,  // an EJS template converted (maybe renamed)
    Prompt,    // prompt.js (index.js) replaced by prompt.yml
    Ignore,    // an action's .hygenignore written
  };
  Kind kind = Kind::Template;
  std::string from;  // relative to the root; "" when the file is new
  std::string to;    // relative to the root
  std::string before;
  std::string after;
  uint32_t mode = 0644;
  size_t tags = 0;
  std::string generator;
};

struct AttentionItem {
  std::string file;   // relative to the root
  uint32_t line = 0;  // 0: about the whole file
  uint32_t col = 0;
  std::string message;
  std::string generator;
};

struct GeneratorSummary {
  std::string name;
  size_t files = 0;  // files converted
  size_t tags = 0;   // EJS tags converted
  size_t attention = 0;
};

struct MigratePlan {
  std::vector<FileChange> changes;
  std::vector<AttentionItem> attention;
  std::vector<GeneratorSummary> generators;
  std::vector<std::string> files;  // every file under the root, relative (for --out)
  size_t files_converted() const;
  size_t tags_converted() const;
};

// Reads the folder and plans. False with `err` when the folder cannot be read at all.
bool plan_migration(gen::Disk& disk, const MigrateOptions& opts, MigratePlan* plan,
                    std::string* err);

}  // namespace unjucks::migrate
