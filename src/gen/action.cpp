#include "gen/action.h"

#include <fmt/format.h>

#include <map>
#include <memory>
#include <set>
#include <string_view>

#include "gen/ejs_hint.h"
#include "gen/frontmatter.h"
#include "gen/inject.h"
#include "gen/js_regex.h"
#include "gen/paths.h"
#include "gen/shell.h"
#include "gen/template_pool.h"
#include "gen/yaml_values.h"

namespace unjucks::gen {
namespace {

// How long an action waits for another process (or batch worker) that is changing a file this
// action injects into or overwrites, before refusing it.
constexpr int kLockTimeoutMs = 30'000;
// How much of a template file is looked at for a NUL byte (git's binary-file heuristic).
constexpr size_t kBinarySniff = 8000;

// Errors of a part of a file (header or body) carry lines of that part; move them to the file's.
void shift_error(tpl::TemplateError& e, const std::string& name, uint32_t first_line) {
  tpl::Error& err = e.error();
  if (first_line > 1 && err.line > 0 && err.template_name == name) {
    err.line += first_line - 1;
    e.refresh();
  }
}

tpl::TemplatePtr compile_part(tpl::Environment& env, std::string source, const std::string& name,
                              uint32_t first_line) {
  try {
    return compile_pooled(env, std::move(source), name);  // through the template cache
  } catch (tpl::TemplateError& e) {
    shift_error(e, name, first_line);
    throw;
  }
}

void add_referenced(tpl::Environment& env, const tpl::TemplatePtr& t,
                    std::vector<std::string>* out) {
  if (!t) return;
  for (std::string& v : env.referenced_variables(*t)) {
    if (std::find(out->begin(), out->end(), v) == out->end()) out->push_back(std::move(v));
  }
}

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// True when a component of `path` is ".git" (in any case: some file systems ignore it).
bool in_git_folder(std::string_view path) {
  for (size_t i = 0; i <= path.size();) {
    size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    std::string_view seg = path.substr(i, j - i);
    if (seg.size() == 4 && seg[0] == '.' && (seg[1] | 0x20) == 'g' && (seg[2] | 0x20) == 'i' &&
        (seg[3] | 0x20) == 't') {
      return true;
    }
    i = j + 1;
  }
  return false;
}

struct Op {
  ReportEntry entry;
  std::string target;
  uint32_t mode = 0644;
  std::unique_ptr<PendingFile> pending;
  std::string dry_content;
  bool has_content = false;  // this op holds the newest content of `target`
  bool is_shell = false;
  bool is_write = false;    // a (non-injection) write of `target`, skipped or not
  bool optimistic = false;  // planned as a new file without looking
  // The target did not exist when planned (or was planned as new by an earlier op of this
  // action): put in place only where nothing has its name (commit_new), so a file that appears
  // meanwhile is never replaced without --force.
  bool must_be_new = false;
  std::string sh;
  std::string sh_input;
  bool sh_ignore_exit = false;
};

class Planner {
 public:
  Planner(tpl::Environment& env, tpl::Context& ctx, Disk& tdisk, Disk& odisk,
          const RunOptions& opts, bool optimistic, RunResult* result)
      : env_(env),
        ctx_(ctx),
        tdisk_(tdisk),
        odisk_(odisk),
        opts_(opts),
        optimistic_(optimistic && !opts.dry),
        r_(*result) {}

  // Plans every template; false when the action must stop (r_.status/error set) or be planned
  // again without optimism (replan()).
  bool plan(const CompiledAction& action) {
    uses_attributes_ = std::find(action.referenced.begin(), action.referenced.end(),
                                 "attributes") != action.referenced.end();
    for (const CompiledTemplate& t : action.templates) {
      if (!plan_one(t)) return false;
    }
    // An optimistic plan has not looked at every target: plan again, looking, so that the
    // errors reported are those looking finds.
    if (file_errors_ && optimistic_) {
      replan_ = true;
      return false;
    }
    return true;
  }

  // Files of the plan cannot be written (file_error): nothing is, the errors are reported.
  bool has_file_errors() const { return file_errors_; }

  // The errors of the files (when the action stopped because of them).
  std::vector<ReportEntry> error_entries() const {
    std::vector<ReportEntry> out;
    for (const Op& op : ops_) {
      if (op.entry.kind == EntryKind::Error) out.push_back(op.entry);
    }
    return out;
  }

  // An optimistic guess was wrong, or a file planned as new appeared before it was put in
  // place: a target planned as new exists (or is planned twice).
  bool replan() const { return replan_; }
  // The target that exists after all (for the message when replanning does not help).
  const std::string& appeared() const { return appeared_; }

  void rollback() {
    for (Op& op : ops_) {
      if (op.pending) op.pending->discard();
      op.pending.reset();
    }
    for (auto it = created_dirs_.rbegin(); it != created_dirs_.rend() && !opts_.keep_folders;
         ++it) {
      odisk_.remove_dir(*it);
    }
    created_dirs_.clear();
  }

  // Whether the plan holds locks on files it changes (until it is applied or rolled back).
  bool holds_locks() const { return !locks_.empty(); }

  // The targets this plan writes (not injections), each once.
  std::vector<std::string> written_targets() const {
    std::vector<std::string> out;
    for (const Op& op : ops_) {
      if (op.is_write && std::find(out.begin(), out.end(), op.target) == out.end()) {
        out.push_back(op.target);
      }
    }
    return out;
  }

  enum class Applied : uint8_t { kDone, kReplan, kFailed };

  // Puts every file in place, keeps them all, then runs the shell commands. kReplan when a file
  // planned as new exists after all (replan()); kFailed when a file cannot be put in place (its
  // entry says why). Either way what was put in place so far is taken back first: new files
  // removed, replaced files put back.
  Applied apply() {
    std::vector<PendingFile*> placed;
    auto take_back = [&placed] {
      for (auto it = placed.rbegin(); it != placed.rend(); ++it) (*it)->undo();
    };
    for (Op& op : ops_) {
      if (!op.pending || !op.must_be_new) continue;
      std::string err;
      switch (op.pending->commit_new(&err)) {
        case CommitResult::Done:
          placed.push_back(op.pending.get());
          break;
        case CommitResult::Exists:
          take_back();
          replan_ = true;
          appeared_ = op.entry.path;
          return Applied::kReplan;
        case CommitResult::Failed:
          take_back();
          commit_failed(&op, std::move(err));
          return Applied::kFailed;
      }
    }
    for (Op& op : ops_) {
      if (!op.pending || op.must_be_new) continue;
      std::string err;
      if (!op.pending->commit(&err)) {
        take_back();
        commit_failed(&op, std::move(err));
        return Applied::kFailed;
      }
      placed.push_back(op.pending.get());
    }
    for (PendingFile* f : placed) f->keep();
    for (Op& op : ops_) {
      if (!op.is_shell) continue;
      if (opts_.dry) {
        op.entry.detail = "dry run: not run";
      } else if (!opts_.allow_shell) {
        op.entry.detail = "not run: pass --allow-shell to run it";
      } else {
        std::string err;
        int rc = run_shell(op.sh, op.sh_input, opts_.dest, &err);
        if (rc != 0 && !(rc > 0 && op.sh_ignore_exit)) {
          op.entry.kind = EntryKind::Error;
          op.entry.detail = rc < 0 ? err : fmt::format("command exited with status {}", rc);
          r_.status = 1;
        } else if (rc != 0) {
          op.entry.detail = fmt::format("exited with status {}, ignored", rc);
        }
      }
    }
    for (Op& op : ops_) r_.entries.push_back(std::move(op.entry));
    return Applied::kDone;
  }

 private:
  std::string render(const tpl::Template& t, const std::string& name, uint32_t first_line) {
    try {
      return env_.render_to_string(t, ctx_);
    } catch (tpl::TemplateError& e) {
      shift_error(e, name, first_line);
      throw;
    }
  }

  void render_into(const tpl::Template& t, const std::string& name, uint32_t first_line,
                   tpl::Output& out) {
    try {
      env_.render(t, ctx_, out);
    } catch (tpl::TemplateError& e) {
      shift_error(e, name, first_line);
      throw;
    }
  }

  bool fail(int status, std::string message) {
    r_.status = status;
    r_.error = std::move(message);
    return false;
  }

  // A file of the action cannot be written: planning goes on (to report every such file), and
  // then nothing is written.
  void file_error(const CompiledTemplate& t, std::string path, std::string why) {
    Op op;
    op.entry.kind = EntryKind::Error;
    op.entry.path = std::move(path);
    op.entry.detail = std::move(why);
    op.entry.template_name = t.display;
    ops_.push_back(std::move(op));
    r_.status = 1;
    file_errors_ = true;
  }

  void commit_failed(Op* op, std::string why) {
    op->entry.kind = EntryKind::Error;
    op->entry.detail = std::move(why);
    r_.status = 1;
  }

  // A set-user-ID or set-group-ID file is written only with --allow-setid (a generator run as
  // root would otherwise make set-id programs). `from_chmod`: the mode is the template's
  // `chmod:`, else the existing file's, which it keeps.
  bool setid_refused(const CompiledTemplate& t, const std::string& shown, uint32_t mode,
                     bool from_chmod) {
    if ((mode & 06000) == 0 || opts_.allow_setid) return false;
    file_error(t, shown,
               from_chmod ? fmt::format("chmod {:o} makes a set-user-ID or set-group-ID file: "
                                        "refused (pass --allow-setid to allow it)",
                                        mode)
                          : fmt::format("the file is set-user-ID or set-group-ID (mode {:o}) and "
                                        "would stay so: refused (pass --allow-setid to allow it)",
                                        mode));
    return true;
  }

  // Git runs hooks from its folder and reads its config there: a generator writing into one is
  // allowed, and said.
  void warn_if_in_git_folder(const std::string& shown) {
    if (!in_git_folder(shown) || !git_warned_.insert(shown).second) return;
    r_.warnings.push_back(shown +
                          " is inside a .git folder (git runs hooks and reads its settings from "
                          "there): written as the generator asks; check that it means it");
  }

  // The newest content of a target planned earlier in this action.
  bool pending_content(size_t idx, std::string* out, std::string* err) {
    Op& op = ops_[idx];
    if (opts_.dry) {
      *out = op.dry_content;
      return true;
    }
    if (!op.pending->finish(err)) return false;
    return odisk_.read(op.pending->temp_path(), out, err);
  }

  // Records that op `idx` now holds the newest content of its target.
  void take_over(const std::string& target) {
    auto it = latest_.find(target);
    if (it != latest_.end()) {
      Op& prev = ops_[it->second];
      if (prev.pending) prev.pending->discard();
      prev.pending.reset();
      prev.has_content = false;
    }
    latest_[target] = ops_.size() - 1;
    ops_.back().has_content = true;
  }

  bool load_from(const CompiledTemplate& t, const std::string& from, tpl::TemplatePtr* body) {
    std::string path;
    std::string full = opts_.templates_root + "/" + from;
    if (from.starts_with("/") || !normalize_path(full, &path) ||
        !is_inside(path, opts_.templates_root)) {
      return fail(1, t.display + ": from: " + from + " is outside the templates folder");
    }
    // Through a symbolic link, the file must still be inside (as include's loader checks).
    std::string real, real_root;
    if (tdisk_.real_path(path, &real) && tdisk_.real_path(opts_.templates_root, &real_root) &&
        !is_inside(real, real_root)) {
      return fail(1, t.display + ": from: " + from + " resolves outside the templates folder " +
                         "(through a symbolic link, to " + real + ")");
    }
    std::string source, err;
    const ReadLimit limit{env_.options().limits.max_template_bytes, "template-size", true};
    if (!tdisk_.read(path, &source, &err, limit)) return fail(1, t.display + ": from: " + err);
    *body = compile_part(env_, std::move(source), path, 1);
    from_templates_.push_back(*body);
    return true;
  }

  bool plan_one(const CompiledTemplate& t) {
    Frontmatter fm;
    // Hygen's `attributes`: the body sees its template's rendered frontmatter.
    if (uses_attributes_) ctx_.set("attributes", ctx_.parse_json("{}"));
    if (t.header) {
      // What the header's {{ }} print is kept apart from its text: values cannot add keys.
      std::vector<tpl::ValueSpan> values;
      tpl::StringOutput header_out;
      header_out.record_values(&values);
      render_into(*t.header, t.display, t.header_line, header_out);
      std::string yaml = header_out.take();
      FrontmatterError fe;
      if (!parse_frontmatter(yaml, &fm, &fe, values)) {
        uint32_t line = fe.line ? t.header_line + fe.line - 1 : t.header_line;
        return fail(2, fmt::format("{}:{}:{}: error: frontmatter: {}", t.display, line,
                                   fe.col ? fe.col : 1, fe.message));
      }
      for (const std::string& k : fm.unknown_keys) {
        r_.warnings.push_back(t.display + ": unknown frontmatter key '" + k + "' (ignored)");
      }
      if (uses_attributes_) {
        Json attrs;
        YamlError ye;
        if (yaml_text_to_json(yaml, &attrs, &ye) && attrs.is_object()) {
          ctx_.set("attributes", ctx_.parse_json(attrs.dump()));
        }
      }
    }
    tpl::TemplatePtr body = t.body;
    std::string body_name = t.display;
    uint32_t body_line = t.body_line;
    std::optional<std::string> body_text;  // rendered once when needed as text
    if (t.binary) body_text = t.raw;
    if (!fm.from.empty()) {
      if (!load_from(t, fm.from, &body)) return false;
      body_name = opts_.templates_root + "/" + fm.from;
      body_line = 1;
    }
    bool shell_only = !fm.sh.empty() && !fm.to.has_value();
    auto body_string = [&]() -> const std::string& {
      if (!body_text) body_text = render(*body, body_name, body_line);
      return *body_text;
    };

    if (!shell_only) {
      std::string out_rel = fm.to ? trim(*fm.to) : trim(render(*t.file_name, t.display, 1));
      if (out_rel.find_first_of("\n\r") != std::string::npos) {
        std::string shown = out_rel;
        for (char& c : shown) {
          if (c == '\n' || c == '\r') c = '?';
        }
        return fail(1, t.display + ": refusing to write " + shown +
                           ": the path has a line break (from a value?)");
      }
      if (out_rel.empty()) {
        Op op;
        op.entry.kind = EntryKind::Skipped;
        op.entry.path = t.display;
        op.entry.detail = "'to' is empty";
        op.entry.template_name = t.display;
        ops_.push_back(std::move(op));
        return true;
      }
      // A plain write (not forced, injected or conditional) may be planned as a new file
      // without looking at the target (see RunOptions::optimistic_create).
      const bool plain_write =
          !fm.inject && !opts_.force && !fm.force && (fm.skip_if.empty() || fm.skip_if == "false");
      std::string target, err;
      PathFacts facts;
      if (!resolve_inside(odisk_, opts_.dest, out_rel, &target, &err, &facts,
                          !(optimistic_ && plain_write))) {
        return fail(1, t.display + ": " + err);
      }
      std::string shown = display_path(target, opts_.dest);
      warn_if_in_git_folder(shown);
      auto latest = latest_.find(target);
      bool planned = latest != latest_.end();
      if (planned && ops_[latest->second].optimistic) {
        // Written twice in one action: what the first write found matters to the second.
        replan_ = true;
        return false;
      }
      // A run killed earlier may have left temporaries beside this target.
      if (!opts_.dry) odisk_.remove_stale_temps(parent_dir(target));
      const bool optimistic = optimistic_ && plain_write && !planned && !facts.leaf_known;
      FileInfo info = optimistic ? FileInfo{} : facts.leaf_known ? facts.leaf : odisk_.stat(target);
      const bool folder_exists = facts.parent_is_dir || (facts.parent_is_dest && opts_.dest_is_dir);
      if (!planned && info.exists() && info.type != FileType::File) {
        file_error(t, shown, "not a regular file");
        return true;
      }
      // An existing file this action may change is locked from the read to the rename, so two
      // runs changing it at once cannot lose an update (the lock is released when the action
      // is done).
      bool may_change = fm.inject || opts_.force || fm.force;
      if (may_change && !planned && info.exists() && !opts_.dry && !locks_.count(target)) {
        std::unique_ptr<FileLock> lock = odisk_.lock_file(target, kLockTimeoutMs, &err);
        if (!lock) {
          file_error(t, shown, err);
          return true;
        }
        locks_.emplace(target, std::move(lock));
        info = odisk_.stat(target);  // what the previous holder left
        if (info.type != FileType::File) {
          file_error(t, shown, "not a regular file");
          return true;
        }
      }
      if (may_change && !planned && info.exists() && !odisk_.writable(target)) {
        file_error(t, shown, "permission denied: the file is read-only (left unchanged)");
        return true;
      }
      bool exists = planned || info.exists();
      uint32_t old_mode = planned ? ops_[latest->second].mode : info.mode;
      Op op;
      op.target = target;
      op.entry.path = shown;
      op.entry.template_name = t.display;
      op.entry.message = fm.message;
      op.must_be_new = planned ? ops_[latest->second].must_be_new : !info.exists();
      if (fm.inject) {
        if (!exists) {
          file_error(t, shown, "cannot inject: the file does not exist");
          return true;
        }
        std::string current;
        bool ok = planned ? pending_content(latest->second, &current, &err)
                          : odisk_.read(target, &current, &err);
        if (!ok) {
          file_error(t, shown, err);
          return true;
        }
        InjectResult ir = inject(current, body_string(), fm.inject_spec);
        if (ir.status == InjectResult::Status::Error) {
          file_error(t, shown, ir.reason);
          return true;
        }
        if (ir.status == InjectResult::Status::Skipped) {
          op.entry.kind = EntryKind::Skipped;
          op.entry.detail = ir.reason;
          ops_.push_back(std::move(op));
        } else {
          op.entry.kind = EntryKind::Injected;
          op.mode = fm.chmod.value_or(old_mode);
          if (setid_refused(t, shown, op.mode, fm.chmod.has_value())) return true;
          if (opts_.dry) {
            op.entry.diff = ir.diff;
            op.dry_content = std::move(ir.content);
          } else {
            op.pending = odisk_.create_temp(target, op.mode, &err);
            if (!op.pending) return fail(1, err);
            op.pending->out().write(ir.content);
            if (!op.pending->finish(&err)) return fail(1, err);
          }
          ops_.push_back(std::move(op));
          take_over(target);
        }
      } else {
        op.is_write = true;
        std::string skip_reason;
        if (fm.skip_if == "true") {
          skip_reason = "skip_if";
        } else if (!fm.skip_if.empty() && fm.skip_if != "false" && exists) {
          std::string current;
          bool ok = planned ? pending_content(latest->second, &current, &err)
                            : odisk_.read(target, &current, &err);
          auto rx = JsRegex::compile(fm.skip_if, "", &err);
          if (!rx) return fail(2, t.display + ": skip_if: " + err);
          if (ok && rx->matches(current)) skip_reason = "skip_if matched";
        }
        if (skip_reason.empty() && exists && fm.unless_exists) skip_reason = "exists";
        if (skip_reason.empty() && exists && !(opts_.force || fm.force)) {
          skip_reason = "exists, use --force to overwrite";
        }
        if (!skip_reason.empty()) {
          op.entry.kind = EntryKind::Skipped;
          op.entry.detail = skip_reason;
          ops_.push_back(std::move(op));
        } else {
          op.optimistic = optimistic;
          op.entry.kind = exists ? EntryKind::Forced : EntryKind::Added;
          op.mode = fm.chmod.value_or(exists ? old_mode : odisk_.default_file_mode());
          if (setid_refused(t, shown, op.mode, fm.chmod.has_value())) return true;
          if (opts_.dry) {
            op.dry_content = body_string();
          } else if (body_text) {
            if (!open_pending(&op, target, folder_exists)) return false;
            op.pending->out().write(*body_text);
            if (!op.pending->finish(&err)) return fail(1, err);
          } else {
            if (!open_pending(&op, target, folder_exists)) return false;
            render_into(*body, body_name, body_line, op.pending->out());
            if (!op.pending->finish(&err)) return fail(1, err);
          }
          ops_.push_back(std::move(op));
          take_over(target);
        }
      }
    }
    if (!fm.sh.empty()) {
      Op op;
      op.is_shell = true;
      op.entry.kind = EntryKind::Shell;
      op.entry.path = fm.sh;
      op.entry.template_name = t.display;
      op.sh = fm.sh;
      op.sh_input = body_string();
      op.sh_ignore_exit = fm.sh_ignore_exit;
      if (shell_only) op.entry.message = fm.message;
      ops_.push_back(std::move(op));
    }
    return true;
  }

  // `folder_exists`: the target's folder is known to exist (else it is created as needed).
  bool open_pending(Op* op, const std::string& target, bool folder_exists) {
    std::string err;
    if (!folder_exists && !odisk_.make_dirs(parent_dir(target), &created_dirs_, &err)) {
      return fail(1, err);
    }
    op->pending = odisk_.create_temp(target, op->mode, &err);
    if (!op->pending) return fail(1, err);
    return true;
  }

  tpl::Environment& env_;
  tpl::Context& ctx_;
  Disk& tdisk_;
  Disk& odisk_;
  const RunOptions& opts_;
  const bool optimistic_;
  bool replan_ = false;
  bool uses_attributes_ = false;  // a template reads `attributes`
  bool file_errors_ = false;
  std::string appeared_;
  std::set<std::string> git_warned_;
  RunResult& r_;
  std::vector<Op> ops_;
  std::map<std::string, size_t> latest_;
  std::vector<std::string> created_dirs_;
  std::vector<tpl::TemplatePtr> from_templates_;
  std::map<std::string, std::unique_ptr<FileLock>> locks_;  // held until the plan is done
};

}  // namespace

bool compile_action(tpl::Environment& env, Disk& disk, const ActionInfo& info,
                    const std::string& display_prefix, CompiledAction* out, std::string* err) {
  out->info = info;
  out->templates.clear();
  out->referenced.clear();
  const uint64_t max_bytes = env.options().limits.max_template_bytes;
  for (const std::string& rel : info.templates) {
    std::string source;
    std::string display = display_prefix.empty() ? rel : display_prefix + "/" + rel;
    // Refused before it is read: a huge file in a templates folder costs no memory.
    if (disk.stat(info.dir + "/" + rel).size > max_bytes) {
      *err = display + ": template is larger than the limit of " + std::to_string(max_bytes) +
             " bytes";
      return false;
    }
    // And while it is read (a file that grew, or became a FIFO, since it was looked at).
    if (!disk.read(info.dir + "/" + rel, &source, err,
                   ReadLimit{max_bytes, "template-size", true})) {
      return false;
    }
    CompiledTemplate ct;
    ct.rel = rel;
    ct.display = std::move(display);
    if (std::string_view(source).substr(0, kBinarySniff).find('\0') != std::string_view::npos) {
      ct.binary = true;
      ct.raw = std::move(source);
      ct.file_name = compile_part(env, strip_template_ending(rel), ct.display, 1);
      add_referenced(env, ct.file_name, &out->referenced);
      out->templates.push_back(std::move(ct));
      continue;
    }
    SplitTemplate sp = split_frontmatter(source);
    ct.header_line = sp.header_line;
    ct.body_line = sp.body_line;
    if (sp.has_header) {
      ct.header = compile_part(env, std::string(sp.header), ct.display, sp.header_line);
    }
    ct.body = compile_part(env, std::string(sp.body), ct.display, sp.body_line);
    ct.file_name = compile_part(env, strip_template_ending(rel), ct.display, 1);
    ct.ejs_line = find_unconverted_ejs(sp.header, sp.header_line, sp.body, sp.body_line,
                                       std::string_view(rel).ends_with(".ejs.t"));
    add_referenced(env, ct.header, &out->referenced);
    add_referenced(env, ct.file_name, &out->referenced);
    add_referenced(env, ct.body, &out->referenced);
    out->templates.push_back(std::move(ct));
  }
  return true;
}

namespace {

// Plans made before giving up when files planned as new keep turning out to exist: the
// optimistic one, then two that look first.
constexpr int kMaxAttempts = 3;

// One plan and its application; false when the plan must be redone (everything it did is
// undone by then), with the target that was in the way in `appeared`.
bool attempt(tpl::Environment& env, const CompiledAction& action, tpl::Context& ctx,
             Disk& template_disk, Disk& out_disk, const RunOptions& opts, bool optimistic,
             RunResult* r, std::string* appeared) {
  Planner planner(env, ctx, template_disk, out_disk, opts, optimistic, r);
  bool ok = false;
  try {
    ok = planner.plan(action) && !planner.has_file_errors();
  } catch (const tpl::TemplateError& e) {
    r->status = 2;
    r->error = e.what();
    r->template_error = e.error();
  }
  if (ok && opts.claim) {
    std::string err;
    if (!opts.claim(planner.written_targets(), planner.holds_locks(), &err)) {
      ok = false;
      r->status = 1;
      r->error = err;
    }
  }
  if (ok && planner.apply() == Planner::Applied::kDone) return true;
  planner.rollback();
  r->entries = planner.error_entries();
  r->nothing_written = true;
  *appeared = planner.appeared();
  return !planner.replan();
}

}  // namespace

RunResult run_action(tpl::Environment& env, const CompiledAction& action, tpl::Context& ctx,
                     Disk& template_disk, Disk& out_disk, const RunOptions& opts) {
  RunResult r;
  bool optimistic = opts.optimistic_create;
  for (int i = 1;; ++i, optimistic = false) {
    r = RunResult{};
    std::string appeared;
    if (attempt(env, action, ctx, template_disk, out_disk, opts, optimistic, &r, &appeared)) {
      return r;
    }
    // A file that was not there when the plan looked is there when it is put in place: another
    // process keeps creating it, or the destination folder was moved away under a batch (its
    // new files go into the folder it had opened). Stop rather than replace it.
    if (i == kMaxAttempts) {
      r = RunResult{};
      r.status = 1;
      r.nothing_written = true;
      r.error = appeared +
                " is in the way of a new file: it was not there when this action looked, and is "
                "when the file is put in place (another process makes it; or a folder this "
                "action makes has its name, or a name that differs only in case on this file "
                "system; or the destination moved). Not replaced; nothing of this action was "
                "written";
      return r;
    }
  }
}

}  // namespace unjucks::gen
