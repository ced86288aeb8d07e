#include "migrate/migrate_plan.h"

#include <algorithm>
#include <map>
#include <set>

#include "gen/discover.h"
#include "gen/ignore_rules.h"
#include "migrate/ejs_lexer.h"
#include "migrate/hygen_frontmatter.h"
#include "migrate/hygen_order.h"
#include "migrate/prompt_converter.h"
#include "template/environment.h"
#include "template/error.h"
#include "template/loader.h"

namespace unjucks::migrate {
namespace {

// Hygen leaves out every file whose path ends with one of these (render.js's `ignores`).
constexpr const char* kHygenIgnored[] = {"prompt.js",    "index.js",  "prompt.ts",       "index.ts",
                                         ".hygenignore", ".DS_Store", ".Spotlight-V100", ".Trashes",
                                         "ehthumbs.db",  "Thumbs.db"};
// Hygen's hook files in the order it looks for them (prompt.js's `hooksfiles`): it runs the
// first one that exists.
constexpr const char* kHooks[] = {"index.js", "index.ts", "prompt.cjs", "prompt.js", "prompt.ts"};
// Junk unjucks never takes for a template either.
constexpr const char* kJunk[] = {".DS_Store",   ".Spotlight-V100", ".Trashes",
                                 "ehthumbs.db", "Thumbs.db",       ".hygenignore"};
constexpr size_t kBinarySniff = 8000;
constexpr int kMaxDepth = 32;

std::string base_of(const std::string& rel) {
  size_t s = rel.rfind('/');
  return s == std::string::npos ? rel : rel.substr(s + 1);
}
std::string dir_of(const std::string& rel) {
  size_t s = rel.rfind('/');
  return s == std::string::npos ? "" : rel.substr(0, s);
}
template <size_t N>
bool among(const char* const (&list)[N], const std::string& s) {
  return std::find_if(std::begin(list), std::end(list), [&](const char* x) { return s == x; }) !=
         std::end(list);
}

// A .gitignore rule that matches exactly `rel` (relative to the .hygenignore's folder).
std::string ignore_rule(const std::string& rel) {
  std::string out = "/";
  for (char c : rel) {
    if (c == '*' || c == '?' || c == '[' || c == '\\' || c == '!' || c == '#') out += '\\';
    out += c;
  }
  if (!out.empty() && out.back() == ' ') out.insert(out.size() - 1, "\\");
  return out;
}

struct ActionFile {
  std::string rel;  // from the action folder
  bool ignored = false;
  bool symlink = false;
};

struct TemplateOrder {
  std::string hygen;    // name in Hygen (relative to the action)
  std::string unjucks;  // name after the migration
  std::string to;
  bool inject = false;
};

class Planner {
 public:
  Planner(gen::Disk& disk, const MigrateOptions& opts, MigratePlan* plan)
      : disk_(disk),
        opts_(opts),
        plan_(*plan),
        env_(generator_options(), std::make_unique<tpl::MapLoader>()) {}

  bool run(std::string* err) {
    std::vector<std::string> names;
    if (!disk_.list_dir(opts_.root, &names, err)) return false;
    for (const std::string& hygen_js :
         {opts_.root + "/.hygen.js", parent(opts_.root) + "/.hygen.js"}) {
      if (disk_.stat(hygen_js).type == gen::FileType::File) {
        note("", hygen_js == opts_.root + "/.hygen.js" ? ".hygen.js" : "../.hygen.js", 0, 0,
             "Hygen's JavaScript configuration (helpers, templates folder): unjucks does not run "
             "it; templates that call its helpers are listed where they do");
      }
    }
    for (const std::string& g : names) {
      std::string gdir = opts_.root + "/" + g;
      gen::FileType t = disk_.stat(gdir).type;
      if (t == gen::FileType::File) {
        plan_.files.push_back(g);
        continue;
      }
      if (t != gen::FileType::Dir) continue;
      summary(g);
      std::vector<std::string> entries;
      if (!disk_.list_dir(gdir, &entries, err)) return false;
      for (const std::string& a : entries) {
        std::string adir = gdir + "/" + a;
        gen::FileType at = disk_.stat(adir).type;
        if (at == gen::FileType::File) {
          plan_.files.push_back(g + "/" + a);
        } else if (at == gen::FileType::Dir && !action(g, a, err)) {
          return false;
        }
      }
    }
    return true;
  }

 private:
  // The options unjucks' generators render with (gen/config.h's defaults).
  static tpl::Options generator_options() {
    tpl::Options o;
    o.autoescape = false;
    o.trim_blocks = true;
    o.lstrip_blocks = true;
    return o;
  }

  static std::string parent(const std::string& dir) {
    size_t s = dir.rfind('/');
    return s == 0 || s == std::string::npos ? "/" : dir.substr(0, s);
  }

  GeneratorSummary& summary(const std::string& g) {
    for (GeneratorSummary& s : plan_.generators) {
      if (s.name == g) return s;
    }
    plan_.generators.push_back({g, 0, 0, 0});
    return plan_.generators.back();
  }

  void note(const std::string& generator, const std::string& file, uint32_t line, uint32_t col,
            std::string message) {
    plan_.attention.push_back({file, line, col, std::move(message), generator});
    if (!generator.empty()) ++summary(generator).attention;
  }

  void note_at(const std::string& generator, const std::string& file, std::string_view text,
               const Attention& a) {
    LineCol lc = line_col(text, a.offset);
    note(generator, file, lc.line, lc.col, a.message);
  }

  bool walk(const std::string& dir, const std::string& rel, int depth, gen::IgnoreRules* rules,
            std::vector<ActionFile>* out, std::string* err) {
    std::vector<std::string> names;
    if (depth > kMaxDepth) return true;
    if (!disk_.list_dir(dir, &names, err)) return false;
    if (std::find(names.begin(), names.end(), ".hygenignore") != names.end()) {
      std::string text;
      if (disk_.stat(dir + "/.hygenignore").size <= gen::IgnoreRules::kMaxFileBytes &&
          disk_.read(dir + "/.hygenignore", &text, err)) {
        rules->add(text, rel);
      }
      err->clear();
    }
    for (const std::string& n : names) {
      std::string path = dir + "/" + n;
      std::string r = rel.empty() ? n : rel + "/" + n;
      gen::FileType t = disk_.stat(path).type;
      bool link = disk_.lstat(path).type == gen::FileType::Symlink;
      if (t == gen::FileType::Dir && !link) {
        if (!walk(path, r, depth + 1, rules, out, err)) return false;
      } else if (t == gen::FileType::File) {
        out->push_back({r, rules->ignored(r, false), link});
      }
    }
    return true;
  }

  bool read(const std::string& path, std::string* text) {
    std::string err;
    return disk_.read(path, text, &err);
  }

  void prompt_hook(const std::string& g, const std::string& arel, const std::string& dir,
                   const std::string& hook, const std::set<std::string>& present) {
    std::string file = arel + "/" + hook;
    if (hook.ends_with(".ts")) {
      note(g, file, 0, 0,
           "a TypeScript hook: JavaScript that unjucks does not run (give its "
           "questions in prompt.yml)");
      return;
    }
    std::string text;
    if (!read(dir + "/" + hook, &text)) {
      note(g, file, 0, 0, "cannot be read");
      return;
    }
    ConvertedPrompt cp = convert_prompt_js(text, hook);
    if (!cp.ok) {
      for (const Attention& a : cp.attention) note_at(g, file, text, a);
      return;
    }
    if (present.count("prompt.yml") || present.count("prompt.yaml")) {
      note(g, file, 0, 0, "prompt.yml exists already: merge these questions into it by hand");
      return;
    }
    FileChange c;
    c.kind = FileChange::Kind::Prompt;
    c.from = file;
    c.to = arel + "/prompt.yml";
    c.before = std::move(text);
    c.after = std::move(cp.yaml);
    c.mode = disk_.stat(dir + "/" + hook).mode;
    c.generator = g;
    plan_.changes.push_back(std::move(c));
  }

  bool action(const std::string& g, const std::string& a, std::string* err) {
    const std::string dir = opts_.root + "/" + g + "/" + a;
    const std::string arel = g + "/" + a;
    std::vector<ActionFile> files;
    gen::IgnoreRules rules;
    if (!walk(dir, "", 0, &rules, &files, err)) return false;
    std::set<std::string> present;
    for (const ActionFile& f : files) {
      present.insert(f.rel);
      plan_.files.push_back(arel + "/" + f.rel);
    }
    // Hygen runs the first hook file it finds.
    std::string used_hook;
    for (const char* h : kHooks) {
      if (!present.count(h)) continue;
      if (used_hook.empty()) {
        used_hook = h;
        prompt_hook(g, arel, dir, h, present);
      } else {
        note(g, arel + "/" + h, 0, 0,
             "Hygen runs only " + used_hook +
                 " of this action: this hook "
                 "is never run");
      }
    }
    if (present.count("prompt.cjs") == 0 && present.count("index.cjs")) {
      note(g, arel + "/index.cjs", 0, 0, "not a hook Hygen runs (it is left as it is)");
    }
    std::vector<std::string> ignore;
    std::vector<TemplateOrder> order;
    std::set<std::string> targets;
    size_t changes_before = plan_.changes.size();
    for (const ActionFile& f : files) {
      const std::string base = base_of(f.rel);
      const bool at_root = f.rel == base;
      if (f.ignored || base.ends_with(".orig") || among(kJunk, base)) continue;
      if (f.symlink) {
        // Writing the converted text would replace the link with a file.
        note(g, arel + "/" + f.rel, 0, 0,
             "a symbolic link: not converted (convert the file it "
             "points to)");
        continue;
      }
      if (at_root && (gen::is_meta_file(base) || among(kHooks, base) || base == "index.cjs")) {
        continue;
      }
      if (std::any_of(std::begin(kHygenIgnored), std::end(kHygenIgnored),
                      [&](const char* s) { return f.rel.ends_with(s); })) {
        ignore.push_back(f.rel);  // Hygen never renders it; unjucks would
        continue;
      }
      std::string path = dir + "/" + f.rel;
      std::string text;
      if (!read(path, &text)) {
        note(g, arel + "/" + f.rel, 0, 0, "cannot be read");
        continue;
      }
      if (std::string_view(text).substr(0, kBinarySniff).find('\0') != std::string_view::npos) {
        continue;  // copied as it is by unjucks; Hygen would have mangled it anyway
      }
      if (classify_template(base, text) == Dialect::Nunjucks) continue;
      template_file(g, arel, dir, f.rel, std::move(text), present, &ignore, &order, &targets);
    }
    check_order(g, arel, &order);
    bool backups = opts_.backup && plan_.changes.size() > changes_before;
    if (!ignore.empty() || backups) ignore_file(g, arel, dir, ignore, backups, present);
    return true;
  }

  void template_file(const std::string& g, const std::string& arel, const std::string& dir,
                     const std::string& rel, std::string text, const std::set<std::string>& present,
                     std::vector<std::string>* ignore, std::vector<TemplateOrder>* order,
                     std::set<std::string>* targets) {
    const std::string file = arel + "/" + rel;
    ConvertedTemplate ct = convert_hygen_template(text, opts_.convert);
    if (!ct.ok) {
      for (const Attention& a : ct.attention) note_at(g, file, text, a);
      return;
    }
    if (ct.generates_nothing) {
      ignore->push_back(rel);
      return;
    }
    HygenFrontmatter fm = split_hygen_frontmatter(text);
    std::string base = base_of(rel);
    std::string new_base = base;
    if (new_base.ends_with(".ejs.t")) new_base = new_base.substr(0, new_base.size() - 6) + ".njk";
    if (find_ejs_syntax(new_base) != std::string::npos) {
      ConvertOptions raw;
      raw.exact_escaping = false;  // Hygen never renders file names: nothing to match
      ConvertedTemplate name = convert_ejs_text(new_base, raw);
      if (!name.ok || name.text.find('/') != std::string::npos) {
        note(g, file, 0, 0,
             "the EJS in this file name cannot be written as a Nunjucks file name" +
                 (name.ok ? std::string(" (it would hold a '/')")
                          : ": " + name.attention[0].message));
        return;
      }
      ct.tags += name.tags;
      new_base = name.text;
    }
    std::string dir_rel = dir_of(rel);
    std::string new_rel = dir_rel.empty() ? new_base : dir_rel + "/" + new_base;
    if (new_rel != rel && (present.count(new_rel) || targets->count(new_rel))) {
      note(g, file, 0, 0, new_base + " exists already: converted under its own name");
      new_rel = rel;
    }
    if (ct.text != text) {
      // What is written must compile: a converter bug must not reach the user's files.
      try {
        env_.compile(ct.text, file);
      } catch (const tpl::TemplateError& e) {
        note(g, file, 0, 0,
             std::string("the converted template does not compile (a bug of the "
                         "converter; please report it): ") +
                 e.what());
        return;
      }
    }
    targets->insert(new_rel);
    order->push_back({rel, new_rel, fm.to, fm.inject});
    if (new_rel == rel && ct.text == text) return;
    FileChange c;
    c.kind = FileChange::Kind::Template;
    c.from = file;
    c.to = arel + "/" + new_rel;
    c.before = std::move(text);
    c.after = std::move(ct.text);
    c.mode = disk_.stat(dir + "/" + rel).mode;
    c.tags = ct.tags;
    c.generator = g;
    plan_.changes.push_back(std::move(c));
  }

  // Where Hygen's order and unjucks' differ for two templates that write the same file (or
  // inject), the result would differ: say so.
  void check_order(const std::string& g, const std::string& arel, std::vector<TemplateOrder>* t) {
    std::vector<TemplateOrder>& v = *t;
    std::sort(v.begin(), v.end(), [](const TemplateOrder& a, const TemplateOrder& b) {
      return hygen_compare(a.hygen, b.hygen) < 0;
    });
    for (size_t i = 0; i < v.size(); ++i) {
      for (size_t j = i + 1; j < v.size(); ++j) {
        if (v[i].unjucks < v[j].unjucks) continue;  // same order in both
        bool matters = v[i].inject || v[j].inject || (!v[i].to.empty() && v[i].to == v[j].to);
        if (!matters) continue;
        note(g, arel + "/" + v[j].hygen, 0, 0,
             "Hygen runs " + v[i].hygen + " before " + v[j].hygen +
                 " (it sorts names with localeCompare), unjucks in byte order (" + v[j].unjucks +
                 " first): they change the same file, rename one of them so both orders agree");
      }
    }
  }

  void ignore_file(const std::string& g, const std::string& arel, const std::string& dir,
                   const std::vector<std::string>& ignore, bool backups,
                   const std::set<std::string>& present) {
    std::string before;
    bool exists = present.count(".hygenignore") != 0;
    if (exists && !read(dir + "/.hygenignore", &before)) {
      note(g, arel + "/.hygenignore", 0, 0, "cannot be read");
      return;
    }
    std::set<std::string> lines;
    size_t p = 0;
    while (p < before.size()) {
      size_t e = before.find('\n', p);
      if (e == std::string::npos) e = before.size();
      std::string line = before.substr(p, e - p);
      if (line.ends_with('\r')) line.pop_back();
      lines.insert(line);
      p = e + 1;
    }
    std::string add;
    for (const std::string& rel : ignore) {
      std::string rule = ignore_rule(rel);
      if (!lines.count(rule)) add += rule + "\n";
    }
    if (backups && !lines.count("*.orig")) add += "*.orig\n";
    if (add.empty()) return;
    std::string after = before;
    if (!after.empty() && !after.ends_with('\n')) after += '\n';
    after += "# unjucks migrate: Hygen writes nothing from these (kept for reference)\n" + add;
    FileChange c;
    c.kind = FileChange::Kind::Ignore;
    c.from = exists ? arel + "/.hygenignore" : "";
    c.to = arel + "/.hygenignore";
    c.before = std::move(before);
    c.after = std::move(after);
    c.mode = exists ? disk_.stat(dir + "/.hygenignore").mode : disk_.default_file_mode();
    c.generator = g;
    plan_.changes.push_back(std::move(c));
  }

  gen::Disk& disk_;
  const MigrateOptions& opts_;
  MigratePlan& plan_;
  tpl::Environment env_;
};

}  // namespace

size_t MigratePlan::files_converted() const {
  size_t n = 0;
  for (const FileChange& c : changes) n += c.kind != FileChange::Kind::Ignore;
  return n;
}

size_t MigratePlan::tags_converted() const {
  size_t n = 0;
  for (const FileChange& c : changes) n += c.tags;
  return n;
}

bool plan_migration(gen::Disk& disk, const MigrateOptions& opts, MigratePlan* plan,
                    std::string* err) {
  *plan = MigratePlan{};
  Planner p(disk, opts, plan);
  if (!p.run(err)) return false;
  for (const FileChange& c : plan->changes) {
    if (c.kind == FileChange::Kind::Ignore) continue;
    for (GeneratorSummary& s : plan->generators) {
      if (s.name == c.generator) {
        ++s.files;
        s.tags += c.tags;
      }
    }
  }
  return true;
}

}  // namespace unjucks::migrate
