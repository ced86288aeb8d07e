#include "gen/discover.h"

#include <algorithm>
#include <memory>

#include "gen/ignore_rules.h"
#include "gen/js_regex.h"
#include "gen/paths.h"

namespace unjucks::gen {
namespace {

// Files no action ever means as templates (Hygen ignores the same ones): the desktop's and the
// file manager's leftovers.
constexpr const char* kJunkFiles[] = {".DS_Store",   ".Spotlight-V100", ".Trashes",
                                      "ehthumbs.db", "Thumbs.db",       ".hygenignore"};

bool is_junk_file(const std::string& name) {
  return std::find_if(std::begin(kJunkFiles), std::end(kJunkFiles),
                      [&](const char* j) { return name == j; }) != std::end(kJunkFiles);
}

constexpr const char* kMetaFiles[] = {"config.yml", "config.yaml", "meta.yml",
                                      "meta.yaml",  "prompt.yml",  "prompt.yaml"};

bool read_meta_files(Disk& disk, const std::string& dir, MetaInfo* meta, std::string* err) {
  for (const char* name : kMetaFiles) {
    std::string path = dir + "/" + name;
    if (disk.stat(path).type != FileType::File) continue;
    std::string text;
    if (!disk.read(path, &text, err)) return false;
    std::string why;
    if (!parse_meta(text, meta, &why)) {
      *err = path + ": " + why;
      return false;
    }
  }
  return true;
}

// Every file under `dir` (`rel` from the action folder), but those a .hygenignore leaves out
// (Hygen's hooks are found whatever it says, so that unjucks can say it does not run them).
// False with `err` for a .hygenignore that cannot be read or is too large.
bool collect_files(Disk& disk, const std::string& dir, const std::string& rel,
                   std::vector<std::string>* out, int depth, IgnoreRules* rules, std::string* err) {
  std::vector<std::string> names;
  std::string ignored_err;
  if (depth > 32 || !disk.list_dir(dir, &names, &ignored_err)) return true;
  if (std::find(names.begin(), names.end(), ".hygenignore") != names.end()) {
    const std::string path = dir + "/.hygenignore";
    if (disk.stat(path).size > IgnoreRules::kMaxFileBytes) {
      *err = path + " is larger than " + std::to_string(IgnoreRules::kMaxFileBytes >> 20) + " MiB";
      return false;
    }
    std::string text;
    if (!disk.read(path, &text, err)) return false;
    rules->add(text, rel);
  }
  for (const std::string& n : names) {
    if (is_junk_file(n)) continue;
    std::string path = dir + "/" + n;
    std::string r = rel.empty() ? n : rel + "/" + n;
    FileType t = disk.stat(path).type;
    if (t == FileType::Dir) {
      if (!rules->ignored(r, true) && !collect_files(disk, path, r, out, depth + 1, rules, err)) {
        return false;
      }
    } else if (t == FileType::File) {
      if (!rules->ignored(r, false) || (rel.empty() && is_hook_file(n))) out->push_back(r);
    }
  }
  return true;
}

}  // namespace

bool is_meta_file(const std::string& name) {
  return std::find_if(std::begin(kMetaFiles), std::end(kMetaFiles),
                      [&](const char* m) { return name == m; }) != std::end(kMetaFiles);
}

bool is_hook_file(const std::string& name) {
  return name == "prompt.js" || name == "index.js" || name == "prompt.cjs" || name == "index.cjs" ||
         name == "prompt.ts" || name == "index.ts";
}

std::string find_templates_dir(Disk& disk, const std::string& cwd, const std::string& explicit_dir,
                               const std::string& env_dir, std::string* err, const char* env_name) {
  for (const std::string* given : {&explicit_dir, &env_dir}) {
    if (given->empty()) continue;
    std::string path;
    normalize_path(given->starts_with("/") ? *given : cwd + "/" + *given, &path);
    if (disk.stat(path).type != FileType::Dir) {
      *err = "templates folder " + *given +
             (given == &env_dir ? std::string(" (from ") + env_name + ")" : std::string()) +
             " does not exist";
      return "";
    }
    return path;
  }
  std::string dir = cwd;
  for (;;) {
    for (const char* name : {"_templates", "templates"}) {
      std::string path = (dir == "/" ? "" : dir) + "/" + name;
      if (disk.stat(path).type == FileType::Dir) return path;
    }
    if (dir == "/" || dir.empty()) return "";
    dir = parent_dir(dir);
  }
}

std::string find_project_config(Disk& disk, const std::string& cwd) {
  std::string dir = cwd;
  for (;;) {
    for (const char* name : {"unjucks.config.yml", "unjucks.config.yaml"}) {
      std::string path = (dir == "/" ? "" : dir) + "/" + name;
      if (disk.stat(path).type == FileType::File) return path;
    }
    if (dir == "/" || dir.empty()) return "";
    dir = parent_dir(dir);
  }
}

std::vector<std::string> list_generators(const TemplateSet& set) {
  std::vector<std::string> names, out;
  std::string err;
  if (!set.disk->list_dir(set.root, &names, &err)) return out;
  for (const std::string& n : names) {
    if (n.starts_with(".")) continue;
    if (set.disk->stat(set.root + "/" + n).type == FileType::Dir) out.push_back(n);
  }
  return out;
}

bool load_generator(const TemplateSet& set, const std::string& name, GeneratorInfo* out,
                    std::string* err) {
  out->name = name;
  out->dir = set.root + "/" + name;
  out->builtin = set.builtin;
  if (name.empty() || name.starts_with(".") || name.find('/') != std::string::npos ||
      set.disk->stat(out->dir).type != FileType::Dir) {
    *err = "no generator named '" + name + "'";
    return false;
  }
  if (!read_meta_files(*set.disk, out->dir, &out->meta, err)) return false;
  std::vector<std::string> names;
  if (!set.disk->list_dir(out->dir, &names, err)) return false;
  out->actions.clear();
  for (const std::string& n : names) {
    if (n.starts_with(".")) continue;
    if (set.disk->stat(out->dir + "/" + n).type == FileType::Dir) out->actions.push_back(n);
  }
  return true;
}

bool load_action(const TemplateSet& set, const std::string& generator, const std::string& action,
                 ActionInfo* out, std::string* err) {
  GeneratorInfo gen;
  if (!load_generator(set, generator, &gen, err)) return false;
  if (std::find(gen.actions.begin(), gen.actions.end(), action) == gen.actions.end()) {
    std::string known;
    for (const std::string& a : gen.actions) known += (known.empty() ? "" : ", ") + a;
    *err = "generator '" + generator + "' has no action '" + action + "'" +
           (known.empty() ? std::string() : " (it has: " + known + ")");
    return false;
  }
  out->generator = generator;
  out->name = action;
  out->dir = gen.dir + "/" + action;
  out->builtin = set.builtin;
  MetaInfo meta;
  meta.description = gen.meta.description;
  meta.variables = gen.meta.variables;
  if (auto it = gen.meta.actions.find(action); it != gen.meta.actions.end()) {
    if (!it->second.description.empty()) meta.description = it->second.description;
    merge_variables(&meta.variables, it->second.variables);
  }
  MetaInfo own;
  if (!read_meta_files(*set.disk, out->dir, &own, err)) return false;
  if (!own.description.empty()) meta.description = own.description;
  merge_variables(&meta.variables, own.variables);
  out->description = meta.description;
  out->variables = std::move(meta.variables);

  std::vector<std::string> files;
  IgnoreRules ignore;
  if (!collect_files(*set.disk, out->dir, "", &files, 0, &ignore, err)) return false;
  std::sort(files.begin(), files.end());
  out->templates.clear();
  out->hooks.clear();
  for (std::string& f : files) {
    if (is_meta_file(f)) continue;
    if (is_hook_file(f)) {
      out->hooks.push_back(out->dir + "/" + f);
      continue;
    }
    out->templates.push_back(std::move(f));
  }
  std::vector<std::string> gen_files;
  if (set.disk->list_dir(gen.dir, &gen_files, err)) {
    for (const std::string& f : gen_files) {
      if (is_hook_file(f)) out->hooks.push_back(gen.dir + "/" + f);
    }
  }
  err->clear();
  return true;
}

ActionRef split_action_ref(const std::string& text) {
  size_t colon = text.find(':');
  if (colon == std::string::npos) return {text, ""};
  return {text.substr(0, colon), text.substr(colon + 1)};
}

bool select_templates(ActionInfo* info, const std::string& subaction, std::string* err) {
  if (subaction.empty()) return true;
  std::string why;
  std::unique_ptr<JsRegex> re = JsRegex::compile(subaction, "", &why);
  if (!re) {
    *err = "'" + info->name + ":" + subaction + "': '" + subaction +
           "' is not a valid regular expression: " + why;
    return false;
  }
  std::vector<std::string> kept;
  for (std::string& t : info->templates) {
    if (re->matches("/" + t)) kept.push_back(std::move(t));
  }
  if (kept.empty()) {
    std::string all;
    for (const std::string& t : info->templates) all += (all.empty() ? "" : ", ") + t;
    *err = "no template of " + info->generator + " " + info->name + " matches '" + subaction + "'" +
           (all.empty() ? std::string() : " (it has: " + all + ")");
    return false;
  }
  info->templates = std::move(kept);
  return true;
}

}  // namespace unjucks::gen
