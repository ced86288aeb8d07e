// Hygen's `.hygenignore`: files of an action folder that are not templates, written as
// .gitignore rules (Hygen reads them with ignore-walk). A `.hygenignore` in a folder applies to
// that folder and everything under it:
//   # comment          blank lines and comments are skipped (`\#` is a literal #)
//   *.md               no '/' (but a trailing one): matches a name at any depth below
//   /notes.txt, a/b    a '/' at the start or inside: relative to the .hygenignore's folder
//   build/             a trailing '/': folders only (and so everything in them)
//   !keep.md           negation: a later match un-ignores (not inside an ignored folder)
//   *, ?, [a-z], **    globs: '*' and '?' stay within a name, '**' spans folders
// The last rule that matches decides.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace unjucks::gen {

class IgnoreRules {
 public:
  // Longer lines are not rules (each check costs up to a pattern's length times a name's), and
  // a larger .hygenignore is not read (discover.cpp says so).
  static constexpr size_t kMaxPatternBytes = 4096;
  static constexpr size_t kMaxFileBytes = 1 << 20;
  // Adds the rules of one .hygenignore found in `base` (a folder relative to the action
  // folder, "" for the action folder itself).
  void add(std::string_view text, const std::string& base);
  // Whether `rel` (relative to the action folder) is ignored; `is_dir` for folders.
  bool ignored(const std::string& rel, bool is_dir) const;
  bool empty() const { return rules_.empty(); }

 private:
  struct Rule {
    std::string base;     // the folder the rule came from ("" or "a/b")
    std::string pattern;  // without '!', the leading '/' and the trailing '/'
    bool negate = false;
    bool dir_only = false;
    bool anchored = false;  // had a '/' at the start or inside
  };
  std::vector<Rule> rules_;
};

// Glob match of a whole path, '/'-separated: '*' and '?' within a segment, '[...]' classes
// ('!' or '^' negates, ranges), '\' escapes, and '**' as a whole segment for any number of
// segments (at the end: one or more, what is inside).
bool glob_match(std::string_view pattern, std::string_view path);

}  // namespace unjucks::gen
