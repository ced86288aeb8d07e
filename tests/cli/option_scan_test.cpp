// The generator commands' option scanner: their own options out, the variables left.
#include "cli/option_scan.h"

#include <gtest/gtest.h>

namespace unjucks::cli {
namespace {

struct Parsed {
  std::string dest, jobs;
  bool force = false;
  int progress = -1;
  std::vector<std::string> rest;
  std::string err;
  bool ok = false;
  bool jobs_given = false;
};

Parsed scan(const std::vector<std::string>& args) {
  Parsed p;
  OptionScan o;
  o.value({"--dest", "-d"}, &p.dest);
  o.value({"-j", "--jobs"}, &p.jobs, /*attached=*/true);
  o.flag({"--force", "-f"}, &p.force);
  o.flag({"--no-progress"}, [&p] { p.progress = 0; });
  p.ok = o.scan(args, &p.rest, &p.err);
  p.jobs_given = o.given("--jobs");
  return p;
}

TEST(OptionScan, ValuesFlagsAndTheRest) {
  Parsed p = scan({"gen", "--dest", "out", "act", "--name", "x", "-f", "--no-progress"});
  ASSERT_TRUE(p.ok) << p.err;
  EXPECT_EQ(p.dest, "out");
  EXPECT_TRUE(p.force);
  EXPECT_EQ(p.progress, 0);
  EXPECT_EQ(p.rest, (std::vector<std::string>{"gen", "act", "--name", "x"}));
  EXPECT_FALSE(p.jobs_given);

  p = scan({"--dest=a=b", "-d", "c", "-j4"});
  EXPECT_EQ(p.dest, "c") << "the last one wins";
  EXPECT_EQ(p.jobs, "4");
  EXPECT_TRUE(p.jobs_given) << "given under another of its names";
  p = scan({"--jobs=2", "-jx"});
  EXPECT_EQ(p.jobs, "x");
}

TEST(OptionScan, AFlagWithAValueAndWhatFollowsDashDashAreVariables) {
  Parsed p = scan({"--force=yes", "--", "--dest", "d", "-f"});
  ASSERT_TRUE(p.ok);
  EXPECT_FALSE(p.force);
  EXPECT_TRUE(p.dest.empty());
  EXPECT_EQ(p.rest, (std::vector<std::string>{"--force=yes", "--", "--dest", "d", "-f"}));
  p = scan({"-dx"});  // -d does not take an attached value
  EXPECT_EQ(p.rest, std::vector<std::string>{"-dx"});
}

TEST(OptionScan, AMissingValueIsAnError) {
  Parsed p = scan({"a", "--dest"});
  EXPECT_FALSE(p.ok);
  EXPECT_EQ(p.err, "--dest needs a value");
  p = scan({"-j"});
  EXPECT_FALSE(p.ok);
  EXPECT_EQ(p.err, "-j needs a value");
}

}  // namespace
}  // namespace unjucks::cli
