#include "batch/progress.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace unjucks::batch {
namespace {

TEST(Progress, TerminalLineHasBarRateEtaAndMemory) {
  BatchTotals t;
  t.succeeded = 990;
  t.failed = 10;
  t.files_written = 1980;
  t.bytes_read = 250;
  t.total_bytes = 1000;
  t.seconds = 2.0;
  std::string line = format_progress(t, 5 * 1048576, true);
  EXPECT_EQ(line,
            "[#####...............]  25% 1000 records (10 failed) · 1980 files · 500/s · ETA 0:06 "
            "· 5.0 MiB");
}

TEST(Progress, PlainLineWithoutAKnownSize) {
  BatchTotals t;
  t.succeeded = 42;
  t.files_written = 42;
  t.seconds = 1.0;
  EXPECT_EQ(format_progress(t, 1048576, false),
            "batch: 42 records done (0 failed), 42 files, 42 records/s, ETA --:--, RSS 1.0 MiB");
}

TEST(Progress, DisplayPrintsPlainLinesUntilStopped) {
  char* buf = nullptr;
  size_t size = 0;
  std::FILE* out = open_memstream(&buf, &size);
  std::atomic<int> ticks{0};
  {
    ProgressOptions po;
    po.interval = std::chrono::milliseconds(5);
    ProgressDisplay d([] { return BatchTotals{}; }, out, po, [&] { ++ticks; });
    while (ticks < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    d.stop();
  }
  std::fclose(out);
  std::string text(buf, size);
  std::free(buf);
  EXPECT_GE(ticks, 3);
  EXPECT_NE(text.find("batch: 0 records done"), std::string::npos);
  EXPECT_EQ(text.back(), '\n');
}

}  // namespace
}  // namespace unjucks::batch
