// The batch's progress while it runs: on a terminal, one line redrawn 5 times a second (a bar
// when the input's size is known, records and files done, rate, time left, memory in use);
// otherwise a plain line every few seconds, for logs. Runs on its own thread, reading the
// runner's snapshot().
#pragma once

#include <condition_variable>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "batch/batch_runner.h"

namespace unjucks::batch {

struct ProgressOptions {
  bool terminal = false;
  std::chrono::milliseconds interval{5000};  // 200 ms on a terminal
};

// One progress line (without a line end), for the display and its tests.
std::string format_progress(const BatchTotals& t, size_t rss_bytes, bool terminal);

class ProgressDisplay {
 public:
  ProgressDisplay(std::function<BatchTotals()> snapshot, std::FILE* out, ProgressOptions opts,
                  std::function<void()> on_tick = nullptr);
  ~ProgressDisplay();  // stop()s
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;
  // Stops the thread and, on a terminal, clears the line.
  void stop();

 private:
  void loop();
  std::function<BatchTotals()> snapshot_;
  std::function<void()> on_tick_;
  std::FILE* out_;
  ProgressOptions opts_;
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace unjucks::batch
