#include "cli/file_watch.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

namespace unjucks::cli {
namespace {

constexpr uint32_t kEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE |
                             IN_ATTRIB | IN_MODIFY | IN_DELETE_SELF | IN_MOVE_SELF;

}  // namespace

FileWatch::FileWatch() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {}

FileWatch::~FileWatch() {
  if (fd_ >= 0) ::close(fd_);
}

bool FileWatch::watch_dir(const std::string& dir) {
  if (fd_ < 0) return false;
  for (const Watch& w : watches_) {
    if (w.dir == dir) return true;
  }
  int wd = ::inotify_add_watch(fd_, dir.c_str(), kEvents | IN_ONLYDIR);
  if (wd < 0) return false;
  // The kernel gives the same descriptor for a folder watched under two names: keep one.
  for (Watch& w : watches_) {
    if (w.wd == wd) {
      w.dir = dir;
      return true;
    }
  }
  watches_.push_back({wd, dir});
  return true;
}

bool FileWatch::read_events(std::set<std::string>* changed) {
  alignas(inotify_event) char buf[16384];
  for (;;) {
    ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n < 0) return errno == EAGAIN || errno == EINTR;
    if (n == 0) return true;
    for (ssize_t off = 0; off < n;) {
      const auto* e = reinterpret_cast<const inotify_event*>(buf + off);
      off += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
      if (e->mask & IN_IGNORED) {
        std::erase_if(watches_, [&](const Watch& w) { return w.wd == e->wd; });
        continue;
      }
      for (const Watch& w : watches_) {
        if (w.wd != e->wd) continue;
        // IN_Q_OVERFLOW and the folder's own events name the folder itself.
        changed->insert(e->len > 0 ? w.dir + "/" + e->name : w.dir);
      }
      if (e->mask & IN_Q_OVERFLOW) changed->insert("");
    }
  }
}

FileWatch::Wait FileWatch::wait(int stop_fd, std::set<std::string>* changed,
                                std::chrono::milliseconds quiet,
                                std::chrono::milliseconds longest) {
  using Clock = std::chrono::steady_clock;
  pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_fd, POLLIN, 0}};
  Clock::time_point first{};
  bool seen = false;
  for (;;) {
    int timeout = -1;
    if (seen) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(first + longest - Clock::now());
      timeout = static_cast<int>(std::max<int64_t>(0, std::min(quiet, left).count()));
    }
    int r = ::poll(fds, 2, timeout);
    if (r < 0) {
      if (errno == EINTR) continue;
      return Wait::kError;
    }
    if (fds[1].revents != 0) return Wait::kStopped;
    if (r == 0) return Wait::kChanged;  // quiet for long enough
    if (fds[0].revents & POLLIN) {
      size_t before = changed->size();
      if (!read_events(changed)) return Wait::kError;
      if (!seen && changed->size() > before) {
        seen = true;
        first = Clock::now();
      }
    } else if (fds[0].revents != 0) {
      return Wait::kError;
    }
    if (seen && Clock::now() - first >= longest) return Wait::kChanged;
  }
}

}  // namespace unjucks::cli
