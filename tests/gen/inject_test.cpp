#include "gen/inject.h"

#include <gtest/gtest.h>

namespace unjucks::gen {
namespace {

InjectSpec at(InjectWhere w, std::string anchor = "") {
  InjectSpec s;
  s.where = w;
  s.anchor = std::move(anchor);
  return s;
}

TEST(Inject, BeforeAndAfterMatchingLine) {
  const std::string file = "a\nb\nc\n";
  auto r = inject(file, "X\n", at(InjectWhere::Before, "^b"));
  ASSERT_EQ(r.status, InjectResult::Status::Injected);
  EXPECT_EQ(r.content, "a\nX\nb\nc\n");
  EXPECT_EQ(r.line, 2u);
  r = inject(file, "X\n", at(InjectWhere::After, "b"));
  EXPECT_EQ(r.content, "a\nb\nX\nc\n");
}

TEST(Inject, FirstAndLastLine) {
  auto r = inject("a\nb\n", "X\n", at(InjectWhere::Before, "a"));
  EXPECT_EQ(r.content, "X\na\nb\n");
  r = inject("a\nb\n", "X\n", at(InjectWhere::After, "b"));
  EXPECT_EQ(r.content, "a\nb\nX\n");
  r = inject("a\nb", "X\n", at(InjectWhere::After, "b"));  // no final newline: kept that way
  EXPECT_EQ(r.content, "a\nb\nX");
}

TEST(Inject, PrependAppendAtLine) {
  EXPECT_EQ(inject("a\nb\n", "X", at(InjectWhere::Prepend)).content, "X\na\nb\n");
  EXPECT_EQ(inject("a\nb\n", "X\n", at(InjectWhere::Append)).content, "a\nb\nX\n");
  EXPECT_EQ(inject("a\nb", "X\n", at(InjectWhere::Append)).content, "a\nb\nX");
  EXPECT_EQ(inject("", "X\n", at(InjectWhere::Append)).content, "X\n");
  InjectSpec s = at(InjectWhere::AtLine);
  s.at_line = 1;
  EXPECT_EQ(inject("a\nb\n", "X\n", s).content, "a\nX\nb\n");
  s.at_line = 3;
  auto r = inject("a\nb\n", "X\n", s);
  EXPECT_EQ(r.status, InjectResult::Status::Error);
  EXPECT_NE(r.reason.find("outside the file"), std::string::npos);
}

TEST(Inject, MissingAnchorIsAnError) {
  auto r = inject("a\nb\n", "X\n", at(InjectWhere::After, "^zzz$"));
  EXPECT_EQ(r.status, InjectResult::Status::Error);
  EXPECT_EQ(r.reason, "after anchor /^zzz$/ not found");
}

TEST(Inject, BadRegexIsAnError) {
  auto r = inject("a\n", "X\n", at(InjectWhere::After, "(unclosed"));
  EXPECT_EQ(r.status, InjectResult::Status::Error);
  EXPECT_NE(r.reason.find("invalid regular expression"), std::string::npos);
}

TEST(Inject, IdempotentWhenPresentOrSkipIf) {
  auto r = inject("a\nX\nb\n", "X\n", at(InjectWhere::After, "b"));
  EXPECT_EQ(r.status, InjectResult::Status::Skipped);
  EXPECT_EQ(r.reason, "already present");
  InjectSpec s = at(InjectWhere::After, "a");
  s.skip_if = "b$";
  r = inject("a\nb", "Y\n", s);
  EXPECT_EQ(r.status, InjectResult::Status::Skipped);
  EXPECT_EQ(r.reason, "skip_if matched");
  // Injecting the result again changes nothing.
  auto once = inject("a\nb\n", "X\n", at(InjectWhere::After, "a"));
  auto twice = inject(once.content, "X\n", at(InjectWhere::After, "a"));
  EXPECT_EQ(twice.status, InjectResult::Status::Skipped);
}

// Present means present as whole lines: a line that only contains the snippet does not count
// (parallel batches append "rec1" to an index that may already have "rec10").
TEST(Inject, PresentMeansWholeLines) {
  auto r = inject("# index\nrec10\n", "rec1\n", at(InjectWhere::Append));
  EXPECT_EQ(r.status, InjectResult::Status::Injected) << r.reason;
  EXPECT_EQ(r.content, "# index\nrec10\nrec1\n");
  r = inject("prefix\r\n", "fix\n", at(InjectWhere::Append));
  EXPECT_EQ(r.status, InjectResult::Status::Injected) << r.reason;
  r = inject("a\r\nrec1\r\nb\r\n", "rec1\n", at(InjectWhere::Append));
  EXPECT_EQ(r.status, InjectResult::Status::Skipped);
  r = inject("a\nrec1", "rec1\n", at(InjectWhere::Prepend));
  EXPECT_EQ(r.status, InjectResult::Status::Skipped);
  r = inject("x\ny\nz\n", "y\nz\n", at(InjectWhere::Prepend));
  EXPECT_EQ(r.status, InjectResult::Status::Skipped) << "several lines, present together";
  r = inject("x\ny\nzz\n", "y\nz\n", at(InjectWhere::Prepend));
  EXPECT_EQ(r.status, InjectResult::Status::Injected);
}

TEST(Inject, JavaScriptRegexFeatures) {
  // \d, non-greedy, lookahead, case-insensitive via (?i) are PCRE2 too; \u escapes are JS-only.
  EXPECT_EQ(inject("v1\nv22\n", "X\n", at(InjectWhere::Before, "^v\\d{2}$")).content,
            "v1\nX\nv22\n");
  EXPECT_EQ(inject("caf\xC3\xA9\n", "X\n", at(InjectWhere::After, "caf\\u00e9")).content,
            "caf\xC3\xA9\nX\n");
  // '$' without the m flag matches only at the very end, as in JavaScript.
  EXPECT_EQ(inject("ab\n", "X\n", at(InjectWhere::After, "b$")).status,
            InjectResult::Status::Injected);
}

TEST(Inject, MultiLineAnchor) {
  auto r = inject("a\nb\nc\n", "X\n", at(InjectWhere::After, "a\\nb"));
  EXPECT_EQ(r.content, "a\nb\nX\nc\n");
  r = inject("a\nb\nc\n", "X\n", at(InjectWhere::Before, "a\\nb"));
  EXPECT_EQ(r.content, "X\na\nb\nc\n");
}

TEST(Inject, EofLastAndCrlf) {
  InjectSpec s = at(InjectWhere::After, "a");
  s.eof_last = true;
  EXPECT_EQ(inject("a\nb\n", "X\n", s).content, "a\nX\n\nb\n");
  s.eof_last = false;
  EXPECT_EQ(inject("a\nb\n", "X\n", s).content, "a\nX\nb\n");
  EXPECT_EQ(inject("a\r\nb\r\n", "X\nY\n", at(InjectWhere::After, "a")).content,
            "a\r\nX\r\nY\r\nb\r\n");
}

TEST(Inject, EmptyBodySkips) {
  EXPECT_EQ(inject("a\n", "\n", at(InjectWhere::Append)).status, InjectResult::Status::Skipped);
}

TEST(Inject, DiffShowsContext) {
  auto r = inject("a\nb\nc\n", "X\n", at(InjectWhere::After, "b"));
  EXPECT_EQ(r.diff, "@@ -1,3 +1,4 @@\n a\n b\n+X\n c\n");
}

}  // namespace
}  // namespace unjucks::gen
