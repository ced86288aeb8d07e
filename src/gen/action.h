// Running one action: compile every template of it (header, body and file name), then plan
// (render everything, decide what happens to each target, check that each can be written,
// stream new content into temporary files beside the targets) and only when all of it
// succeeded, apply (put every file in place, then run shell commands). A template that fails to
// render, or a file that cannot be written, leaves nothing behind: a failure while putting the
// files in place takes back those already put there.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "gen/discover.h"
#include "gen/disk.h"
#include "gen/report.h"
#include "template/context.h"
#include "template/environment.h"

namespace unjucks::gen {

struct CompiledTemplate {
  std::string rel;          // path relative to the action folder
  std::string display;      // for messages: "_templates/gen/action/rel"
  tpl::TemplatePtr header;  // null when the file has no frontmatter
  tpl::TemplatePtr body;
  tpl::TemplatePtr file_name;  // the output path from `rel` (endings dropped)
  uint32_t header_line = 0;
  uint32_t body_line = 1;
  // A binary file (a NUL byte in its first 8000 bytes, git's rule): never rendered, copied
  // verbatim to the path its own name gives; `header` and `body` are null.
  bool binary = false;
  std::string raw;
  // The file line of EJS tags that look like a Hygen template not converted to Nunjucks
  // (gen/ejs_hint.h), or 0: the commands say so.
  uint32_t ejs_line = 0;
};

struct CompiledAction {
  ActionInfo info;
  std::vector<CompiledTemplate> templates;
  std::vector<std::string> referenced;  // variables any template reads, in order of first use
};

// Reads and compiles every template. Throws tpl::TemplateError (line numbers are those of the
// template file); returns false with `err` when a file cannot be read.
bool compile_action(tpl::Environment& env, Disk& disk, const ActionInfo& info,
                    const std::string& display_prefix, CompiledAction* out, std::string* err);

struct RunOptions {
  std::string dest;            // absolute and canonical
  std::string templates_root;  // for `from:`
  bool force = false;
  bool dry = false;
  bool allow_shell = false;
  // The caller has made sure that `dest` is an existing directory (files directly in it then
  // need no check of their folder).
  bool dest_is_dir = false;
  // Called once the whole action is planned and before anything is committed, with the
  // absolute targets it writes (skipped writes included, injections not). Returning false
  // (with a message) rolls the action back: nothing is written. `batch` uses it to refuse two
  // records writing one path.
  std::function<bool(const std::vector<std::string>& targets, std::string* err)> claim;
  // New files are put in place without looking for them first: a write that is not forced,
  // injected or conditional (skip_if) is linked in with a call that fails when the target
  // exists, and if one does, what this action did is taken back and it is planned again,
  // looking (the outcome is the same either way; a file created costs one system call less).
  bool optimistic_create = true;
  // Files may be set-user-ID or set-group-ID (a `chmod:` with those bits, or an existing such
  // file changed, which keeps its mode); refused otherwise (--allow-setid).
  bool allow_setid = false;
};

struct RunResult {
  int status = 0;     // 0 ok, 1 user error, 2 template error (as the CLI's exit codes)
  std::string error;  // the message when the whole action failed
  // What was done; when nothing was written, only the files' errors (if the action failed
  // because of one or more files rather than as a whole).
  std::optional<tpl::Error> template_error;  // when a template failed: where
  std::vector<ReportEntry> entries;
  std::vector<std::string> warnings;
  bool nothing_written = false;  // the action failed and wrote nothing (all-or-nothing)
};

// Renders and writes. `template_disk` holds the templates, `out_disk` the destination.
RunResult run_action(tpl::Environment& env, const CompiledAction& action, tpl::Context& ctx,
                     Disk& template_disk, Disk& out_disk, const RunOptions& opts);

}  // namespace unjucks::gen
