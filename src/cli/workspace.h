// What every generator command needs to know about where it runs: the working directory, the
// project config (unjucks.config.yml), the user's templates folder and the embedded generators,
// and which of them serves a given generator.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "gen/builtin.h"
#include "gen/config.h"
#include "gen/discover.h"
#include "gen/disk.h"
#include "gen/memory_disk.h"
#include "template/options.h"

namespace unjucks::cli {

struct WorkspaceOptions {
  std::string templates;  // --templates
  bool builtin = false;   // --builtin: only the embedded generators
  std::string now;        // --now (cli/now_option.h)
};

class Workspace {
 public:
  // Reads the project config and finds the templates folder. False with `err` on bad input.
  bool open(const WorkspaceOptions& opts, std::string* err);

  const std::string& cwd() const { return cwd_; }
  // Templates, configs, variable files: paths as the system resolves them.
  gen::RealDisk& disk() { return disk_; }
  // The destination's disk (sharing disk()'s write buffers), confined to it by
  // open_destination(): below it no symlink is followed (gen::RealDisk::anchor).
  gen::RealDisk& out_disk() { return out_disk_; }
  // The destination `dest` (relative to the working directory; "" for it), absolute and
  // canonical in `abs`: created when missing (unless `dry`), and out_disk() confined to it when
  // it exists. False with `err`.
  bool open_destination(const std::string& dest, bool dry, std::string* abs, std::string* err);
  const gen::ProjectConfig& project() const { return project_; }
  // The project's engine options, with now() fixed for the run (--now, SOURCE_DATE_EPOCH or
  // the clock at open()).
  tpl::Options engine_options() const;

  // The user's templates (nullopt when there is no folder or with --builtin).
  const std::optional<gen::TemplateSet>& user() const { return user_; }
  const gen::TemplateSet& builtin();
  // The set that has `generator`: the user's first, then the embedded one; null if neither.
  const gen::TemplateSet* find_generator(const std::string& generator);
  // How a template's path is shown in messages: relative to cwd, or "builtin:..."
  std::string display_dir(const gen::TemplateSet& set, const std::string& dir) const;

 private:
  std::string cwd_;
  gen::RealDisk disk_;
  gen::RealDisk out_disk_{&disk_.buffer_pool()};
  gen::ProjectConfig project_;
  std::optional<gen::TemplateSet> user_;
  std::unique_ptr<gen::MemoryDisk> builtin_disk_;
  std::optional<gen::TemplateSet> builtin_;
  double now_ms_ = 0;
};

// The current directory, canonical ("" if it cannot be read).
std::string current_dir();
// An absolute, canonical form of `path` (relative to `cwd`) when it exists, else normalised.
std::string absolute_path(const std::string& cwd, const std::string& path);

}  // namespace unjucks::cli
