#include "batch/progress.h"

#include <fmt/format.h>

#include "mem/memory_source.h"

namespace unjucks::batch {
namespace {

std::string duration(double seconds) {
  if (seconds < 0 || seconds > 360000) return "--:--";
  auto s = static_cast<long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

}  // namespace

std::string format_progress(const BatchTotals& t, size_t rss_bytes, bool terminal) {
  uint64_t processed = t.succeeded + t.failed;
  double rate = t.seconds > 0 ? static_cast<double>(processed) / t.seconds : 0;
  double mib = static_cast<double>(rss_bytes) / 1048576.0;
  double fraction = t.total_bytes > 0 ? static_cast<double>(t.bytes_read) / t.total_bytes : -1;
  std::string eta = "--:--";
  if (fraction > 0.001 && t.seconds > 0) eta = duration(t.seconds * (1 - fraction) / fraction);
  if (terminal) {
    std::string bar;
    if (fraction >= 0) {
      constexpr int kWidth = 20;
      int filled = static_cast<int>(fraction * kWidth);
      bar = "[" + std::string(static_cast<size_t>(filled), '#') +
            std::string(static_cast<size_t>(kWidth - filled), '.') +
            fmt::format("] {:3.0f}% ", fraction * 100);
    }
    return fmt::format("{}{} records ({} failed) · {} files · {:.0f}/s · ETA {} · {:.1f} MiB", bar,
                       processed, t.failed, t.files_written + t.files_injected, rate, eta, mib);
  }
  std::string read = fraction >= 0 ? fmt::format(", {:.0f}% read", fraction * 100) : "";
  return fmt::format(
      "batch: {} records done ({} failed), {} files, {:.0f} records/s{}, ETA {}, RSS {:.1f} MiB",
      processed, t.failed, t.files_written + t.files_injected, rate, read, eta, mib);
}

ProgressDisplay::ProgressDisplay(std::function<BatchTotals()> snapshot, std::FILE* out,
                                 ProgressOptions opts, std::function<void()> on_tick)
    : snapshot_(std::move(snapshot)), on_tick_(std::move(on_tick)), out_(out), opts_(opts) {
  thread_ = std::thread([this] { loop(); });
}

ProgressDisplay::~ProgressDisplay() { stop(); }

void ProgressDisplay::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
  if (opts_.terminal && out_ != nullptr) {
    std::fputs("\r\033[K", out_);
    std::fflush(out_);
  }
}

void ProgressDisplay::loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!cv_.wait_for(lock, opts_.interval, [this] { return stopping_; })) {
    lock.unlock();
    if (on_tick_) on_tick_();
    if (out_ != nullptr) {
      std::string line =
          format_progress(snapshot_(), mem::ProcessMemorySource::read_rss_bytes(), opts_.terminal);
      if (opts_.terminal) {
        std::fprintf(out_, "\r\033[K%s", line.c_str());
      } else {
        std::fprintf(out_, "%s\n", line.c_str());
      }
      std::fflush(out_);
    }
    lock.lock();
  }
}

}  // namespace unjucks::batch
