#include "gen/discover.h"

#include <algorithm>
#include <memory>
#include <set>

#include "gen/ignore_rules.h"
#include "gen/js_regex.h"
#include "gen/paths.h"
#include "gen/yaml_values.h"

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

// Folders below an action folder.
constexpr int kMaxDepth = 32;

// An entry of a templates folder, looked at before anything reads it.
struct Entry {
  FileType type = FileType::Missing;  // File or Dir (anything else is refused)
  std::string real;                   // where it is, every symbolic link resolved
};

// Looks at `path`, whose folder is really at `parent_real`. A symbolic link is followed only
// when where it leads is inside the templates folder `root` (real): one leading out
// (`keys -> ~/.ssh`) or nowhere is refused, and so is anything that is neither a regular file
// nor a folder (a FIFO, a device, a socket), so that a generator cloned from elsewhere can
// copy nothing into the output but itself, and no read can block.
bool inspect(Disk& disk, const std::string& root, const std::string& path,
             const std::string& parent_real, Entry* out, std::string* err) {
  FileInfo info = disk.lstat(path);
  out->real = parent_real + "/" + base_name(path);
  if (info.type == FileType::Symlink) {
    std::string target;
    if (!disk.real_path(path, &out->real)) {
      disk.read_link(path, &target);
      *err = "refusing " + path + ": it is a symbolic link to " + target + ", which does not exist";
      return false;
    }
    if (!is_inside(out->real, root)) {
      *err = "refusing " + path + ": it is a symbolic link to " + out->real +
             ", outside the templates folder " + root +
             " (copy what it points to into the templates folder instead)";
      return false;
    }
    info = disk.stat(out->real);
  }
  if (info.type == FileType::Missing) {
    *err = "cannot read " + path + ": it disappeared";
    return false;
  }
  if (info.type != FileType::File && info.type != FileType::Dir) {
    *err = "refusing " + path +
           ": it is neither a regular file nor a folder (a FIFO, a device or a socket)";
    return false;
  }
  out->type = info.type;
  return true;
}

bool read_meta_files(Disk& disk, const std::string& root, const std::string& dir,
                     const std::string& dir_real, MetaInfo* meta, std::string* err) {
  for (const char* name : kMetaFiles) {
    std::string path = dir + "/" + name;
    if (!disk.lstat(path).exists()) continue;
    Entry e;
    if (!inspect(disk, root, path, dir_real, &e, err)) return false;
    if (e.type != FileType::File) continue;
    std::string text;
    if (!disk.read(path, &text, err, ReadLimit{kMaxConfigBytes, "", true})) return false;
    YamlError why;
    if (!parse_meta(text, meta, &why)) {
      *err = located_message(path, why);
      return false;
    }
  }
  return true;
}

// The walk of an action folder: every file under it (`rel` from the action folder), but those
// a .hygenignore leaves out (Hygen's hooks are found whatever it says, so that unjucks can say
// it does not run them). Each folder is walked once: a symbolic link back into a folder walked
// already (a cycle, or a second way into it) is refused, so the walk ends, and in time linear
// in what the folder holds.
struct Walk {
  Disk& disk;
  const std::string& root;  // the templates folder, real
  std::vector<std::string>* out;
  IgnoreRules rules;
  std::set<std::string> seen;  // real paths of the folders walked

  bool visit_dir(const std::string& dir, const std::string& real, const std::string& rel, int depth,
                 std::string* err) {
    if (depth > kMaxDepth) {
      *err = "refusing " + dir + ": folders nest deeper than " + std::to_string(kMaxDepth) +
             " levels below the action folder";
      return false;
    }
    if (!seen.insert(real).second) {
      *err = "refusing " + dir + ": it leads to " + real +
             ", a folder of this action already walked (a symbolic link cycle, or a second "
             "link to one folder)";
      return false;
    }
    std::vector<std::string> names;
    if (!disk.list_dir(dir, &names, err)) return false;
    if (std::find(names.begin(), names.end(), ".hygenignore") != names.end()) {
      const std::string path = dir + "/.hygenignore";
      Entry e;
      if (!inspect(disk, root, path, real, &e, err)) return false;
      std::string text;
      if (e.type == FileType::File) {
        if (!disk.read(path, &text, err, ReadLimit{IgnoreRules::kMaxFileBytes, "", true})) {
          return false;
        }
        rules.add(text, rel);
      }
    }
    for (const std::string& n : names) {
      if (is_junk_file(n)) continue;
      std::string path = dir + "/" + n;
      std::string r = rel.empty() ? n : rel + "/" + n;
      Entry e;
      if (!inspect(disk, root, path, real, &e, err)) {
        // What a .hygenignore leaves out is never read, whatever it is.
        if (rules.ignored(r, disk.stat(path).type == FileType::Dir)) continue;
        return false;
      }
      if (e.type == FileType::Dir) {
        if (!rules.ignored(r, true) && !visit_dir(path, e.real, r, depth + 1, err)) return false;
      } else if (!rules.ignored(r, false) || (rel.empty() && is_hook_file(n))) {
        out->push_back(r);
      }
    }
    return true;
  }
};

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

namespace {

// The templates folder with its symbolic links resolved: what every entry must stay inside.
bool real_root(const TemplateSet& set, std::string* out, std::string* err) {
  if (!set.disk->real_path(set.root, out)) {
    *err = "cannot read the templates folder " + set.root;
    return false;
  }
  return true;
}

}  // namespace

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
  std::string root_real;
  if (!real_root(set, &root_real, err)) return false;
  Entry e;
  if (!inspect(*set.disk, root_real, out->dir, root_real, &e, err)) return false;
  if (!read_meta_files(*set.disk, root_real, out->dir, e.real, &out->meta, err)) return false;
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
  std::string root_real;
  if (!real_root(set, &root_real, err)) return false;
  Entry gen_dir, dir;
  if (!inspect(*set.disk, root_real, gen.dir, root_real, &gen_dir, err) ||
      !inspect(*set.disk, root_real, out->dir, gen_dir.real, &dir, err)) {
    return false;
  }
  MetaInfo own;
  if (!read_meta_files(*set.disk, root_real, out->dir, dir.real, &own, err)) return false;
  if (!own.description.empty()) meta.description = own.description;
  merge_variables(&meta.variables, own.variables);
  out->description = meta.description;
  out->variables = std::move(meta.variables);

  std::vector<std::string> files;
  Walk walk{*set.disk, root_real, &files, {}, {}};
  if (!walk.visit_dir(out->dir, dir.real, "", 0, err)) return false;
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
