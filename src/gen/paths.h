// Output paths: the name a template file gives its output, and the check that every output path
// stays inside the destination directory (no "..", no absolute path elsewhere, no symlink out).
#pragma once

#include <string>
#include <string_view>

#include "gen/disk.h"

namespace unjucks::gen {

// Drops a template ending from a file name: ".njk", ".ejs.t" or ".t" ("a.ts.njk" -> "a.ts").
std::string strip_template_ending(std::string_view rel_path);

// Lexically normalises a '/'-separated path: removes "." and empty segments and resolves ".."
// against earlier segments. A leading '/' is kept. Returns false when ".." climbs above the start
// of a relative path or above "/".
bool normalize_path(std::string_view path, std::string* out);

// True when `path` is `root` or below it (both normalised and absolute).
bool is_inside(std::string_view path, std::string_view root);

// What resolve_inside saw of the resolved path on its walk, so that its caller need not look
// again: the final component's lstat (not a symlink, so stat would say the same), and whether
// its parent is a directory the walk saw, or `dest` itself (which the walk does not look at).
struct PathFacts {
  bool leaf_known = false;
  FileInfo leaf;
  bool parent_is_dir = false;
  bool parent_is_dest = false;
};

// Resolves `out_path` (relative to `dest`, or absolute) to an absolute path inside `dest`,
// following symlinks of existing components; `dest` must be absolute and canonical. On refusal
// returns false with a reason in `err` (the path escapes, a symlink points outside, or a name
// is longer than the 255 bytes file systems allow). The result has no symlink in it (those that
// stay inside are resolved): a disk confined to `dest` (RealDisk::anchor) then reaches it
// following none, so a symlink that appears after this check makes the write fail instead of
// leading it elsewhere.
// `facts`, when given, receives what the walk learnt. With `look_at_leaf` false the final
// component is not looked at (a caller that will create it with a call that fails when it
// exists): the walk then stops at its parent, and `facts->leaf_known` is true only when a
// missing folder above it says that it is missing too.
bool resolve_inside(Disk& disk, const std::string& dest, std::string_view out_path,
                    std::string* resolved, std::string* err, PathFacts* facts = nullptr,
                    bool look_at_leaf = true);

// `path` relative to `base` when it is inside it, else `path` itself (for messages).
std::string display_path(const std::string& path, const std::string& base);

}  // namespace unjucks::gen
