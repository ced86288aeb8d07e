// Limits set from text (render --limit KEY=VALUE, unjucks.config.yml `limits:`).
#include "template/options.h"

#include <gtest/gtest.h>

namespace unjucks::tpl {
namespace {

TEST(SetLimitTest, KeysInAnySpellingAndSizesWithUnits) {
  Limits l;
  std::string err;
  EXPECT_TRUE(set_limit(&l, "output-size", "64M", &err)) << err;
  EXPECT_EQ(l.max_output_bytes, uint64_t{64} << 20);
  EXPECT_TRUE(set_limit(&l, "maxOutputSize", "512k", &err)) << err;
  EXPECT_EQ(l.max_output_bytes, 512u * 1024);
  EXPECT_TRUE(set_limit(&l, "max_template_size", "2GiB", &err)) << err;
  EXPECT_EQ(l.max_template_bytes, uint64_t{2} << 30);
  EXPECT_TRUE(set_limit(&l, "loop-iterations", "1_000_000", &err)) << err;
  EXPECT_EQ(l.max_loop_iterations, 1'000'000u);
  EXPECT_TRUE(set_limit(&l, "maxCallDepth", "50", &err)) << err;
  EXPECT_EQ(l.max_call_depth, 50u);
  EXPECT_TRUE(set_limit(&l, "parse-depth", "100", &err)) << err;
  EXPECT_EQ(l.max_parse_depth, 100u);
  EXPECT_TRUE(set_limit(&l, "calls", "5000", &err)) << err;
  EXPECT_EQ(l.max_calls, 5000u);
  EXPECT_TRUE(set_limit(&l, "renderMemory", "64M", &err)) << err;
  EXPECT_EQ(l.max_render_bytes, uint64_t{64} << 20);
  EXPECT_EQ(l.max_data_bytes, uint64_t{64} << 20);  // the default
  EXPECT_TRUE(set_limit(&l, "maxDataSize", "1G", &err)) << err;
  EXPECT_EQ(l.max_data_bytes, uint64_t{1} << 30);
}

TEST(SetLimitTest, BadKeysAndValuesAreRefusedWithAReason) {
  Limits l;
  std::string err;
  EXPECT_FALSE(set_limit(&l, "speed", "1", &err));
  EXPECT_EQ(err,
            "unknown limit speed (known: parse-depth, call-depth, loop-iterations, calls, "
            "output-size, template-size, data-size, render-memory)");
  EXPECT_FALSE(set_limit(&l, "output-size", "0", &err));
  EXPECT_EQ(err, "limit output-size: expected a size such as 512K, 64M or 1G, got \"0\"");
  EXPECT_FALSE(set_limit(&l, "output-size", "-5", &err));
  EXPECT_FALSE(set_limit(&l, "output-size", "", &err));
  EXPECT_FALSE(set_limit(&l, "output-size", "M", &err));
  EXPECT_FALSE(set_limit(&l, "output-size", "99999999999999999999999", &err));
  EXPECT_FALSE(set_limit(&l, "loop-iterations", "10K", &err));  // units are for sizes
  EXPECT_FALSE(set_limit(&l, "call-depth", "1000000", &err));
  EXPECT_EQ(l.max_output_bytes, Limits{}.max_output_bytes);  // unchanged by failures
}

}  // namespace
}  // namespace unjucks::tpl
