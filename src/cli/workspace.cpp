#include "cli/workspace.h"

#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdlib>

#include "cli/now_option.h"
#include "gen/paths.h"
#include "gen/yaml_values.h"

namespace unjucks::cli {

std::string current_dir() {
  char buf[PATH_MAX];
  if (!::getcwd(buf, sizeof buf)) return "";
  return buf;
}

std::string absolute_path(const std::string& cwd, const std::string& path) {
  std::string joined = path.starts_with("/") ? path : cwd + "/" + path;
  char buf[PATH_MAX];
  if (::realpath(joined.c_str(), buf)) return buf;
  std::string norm;
  if (!gen::normalize_path(joined, &norm)) return joined;
  return norm;
}

bool Workspace::open(const WorkspaceOptions& opts, std::string* err) {
  if (!resolve_now(opts.now, &now_ms_, err)) return false;
  cwd_ = current_dir();
  if (cwd_.empty()) {
    *err = "cannot read the current directory";
    return false;
  }
  std::string config_path = gen::find_project_config(disk_, cwd_);
  std::string config_templates;
  if (!config_path.empty()) {
    std::string text;
    if (!disk_.read(config_path, &text, err, gen::ReadLimit{gen::kMaxConfigBytes, "", true})) {
      return false;
    }
    gen::YamlError why;
    if (!gen::parse_project_config(text, &project_, &why)) {
      *err = gen::located_message(config_path, why);
      return false;
    }
    project_.path = config_path;
    if (!project_.templates.empty()) {
      config_templates = project_.templates.starts_with("/")
                             ? project_.templates
                             : gen::parent_dir(config_path) + "/" + project_.templates;
    }
  }
  if (opts.builtin) return true;
  // HYGEN_TMPLS is Hygen's name for it: a project moving over keeps working.
  const char* env_name = "UNJUCKS_TEMPLATES";
  const char* env = std::getenv(env_name);
  if (env == nullptr || *env == '\0') env = std::getenv(env_name = "HYGEN_TMPLS");
  std::string env_dir = env ? env : "";
  std::string explicit_dir = opts.templates.empty() ? config_templates : opts.templates;
  std::string dir = gen::find_templates_dir(disk_, cwd_, explicit_dir, env_dir, err, env_name);
  if (!err->empty()) return false;
  if (!dir.empty()) {
    gen::TemplateSet set;
    set.disk = &disk_;
    set.root = absolute_path(cwd_, dir);
    user_ = set;
  }
  return true;
}

bool Workspace::open_destination(const std::string& dest, bool dry, std::string* abs,
                                 std::string* err) {
  *abs = absolute_path(cwd_, dest.empty() ? "." : dest);
  if (disk_.stat(*abs).type != gen::FileType::Dir) {
    if (dry) return true;  // nothing there to read; nothing will be written
    if (!disk_.make_dirs(*abs, nullptr, err)) return false;
    *abs = absolute_path(cwd_, *abs);
  }
  return out_disk_.anchor(*abs, err);
}

tpl::Options Workspace::engine_options() const {
  tpl::Options o;
  o.autoescape = project_.autoescape;
  o.trim_blocks = project_.trim_blocks;
  o.lstrip_blocks = project_.lstrip_blocks;
  o.limits = project_.limits;
  o.now_ms = now_ms_;
  return o;
}

const gen::TemplateSet& Workspace::builtin() {
  if (!builtin_) {
    builtin_disk_ = std::make_unique<gen::MemoryDisk>();
    builtin_ = gen::load_builtin(builtin_disk_.get());
  }
  return *builtin_;
}

const gen::TemplateSet* Workspace::find_generator(const std::string& generator) {
  for (int pass = 0; pass < 2; ++pass) {
    const gen::TemplateSet* set = pass == 0 ? (user_ ? &*user_ : nullptr) : &builtin();
    if (!set) continue;
    gen::GeneratorInfo info;
    std::string err;
    if (gen::load_generator(*set, generator, &info, &err)) return set;
    // One that is there but cannot be loaded (a bad config.yml, a symlink out of the templates
    // folder) is still the one meant: using it reports why, rather than "no generator".
    if (!generator.empty() && !generator.starts_with(".") &&
        generator.find('/') == std::string::npos &&
        set->disk->lstat(set->root + "/" + generator).exists()) {
      return set;
    }
  }
  return nullptr;
}

std::string Workspace::display_dir(const gen::TemplateSet& set, const std::string& dir) const {
  if (set.builtin) return "builtin:" + gen::display_path(dir, set.root);
  return gen::display_path(dir, cwd_);
}

}  // namespace unjucks::cli
