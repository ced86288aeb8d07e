// Waiting for files to change (inotify), for `unjucks render --watch`. Folders are watched, not
// files, so an editor that saves by writing a new file and renaming it over the old one (vim,
// most IDEs) is seen too, and so is a file that appears. Changes come back debounced: after the
// first one, until the folders have been quiet for a short while, as one set of paths.
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <vector>

namespace unjucks::cli {

class FileWatch {
 public:
  FileWatch();
  ~FileWatch();
  FileWatch(const FileWatch&) = delete;
  FileWatch& operator=(const FileWatch&) = delete;

  // False (with errno) when inotify is not available.
  bool ok() const { return fd_ >= 0; }
  // Watches the folder `dir` (absolute); again for a folder already watched does nothing.
  // False when it cannot be watched (gone, no permission, out of watches).
  bool watch_dir(const std::string& dir);

  enum class Wait { kChanged, kStopped, kError };
  // Blocks until something in a watched folder changes (then gathers changes until `quiet`
  // passes without one, at most `longest`), or until `stop_fd` becomes readable. The changed
  // paths (folder + "/" + name) go to `changed`.
  Wait wait(int stop_fd, std::set<std::string>* changed,
            std::chrono::milliseconds quiet = std::chrono::milliseconds(80),
            std::chrono::milliseconds longest = std::chrono::milliseconds(1000));

 private:
  bool read_events(std::set<std::string>* changed);
  int fd_ = -1;
  struct Watch {
    int wd;
    std::string dir;
  };
  std::vector<Watch> watches_;
};

}  // namespace unjucks::cli
