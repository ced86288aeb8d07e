// Paths below a directory, opened without following symlinks. The destination's files are
// reached from a descriptor of the destination, one component at a time, each refused when it is
// a symlink: a path checked by gen::resolve_inside (which follows the symlinks that stay inside
// and refuses the others) cannot lead a write or a read elsewhere when a folder of it is swapped
// for a symlink between the check and the use (issue 13 D1).
#pragma once

#include <string>
#include <string_view>

namespace unjucks::gen {

// Opens `rel` ('/'-separated, relative, normalised; empty for `root` itself) below the directory
// descriptor `root` with open(2) `flags` (O_CLOEXEC is added) and `mode`. No component is
// followed if it is a symlink: an intermediate one, or a final one without O_PATH | O_NOFOLLOW,
// fails with ELOOP (with O_PATH | O_NOFOLLOW a final symlink is opened itself, as lstat sees it);
// ".." fails with EXDEV. Uses openat2(RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS) (Linux 5.6+) unless
// `walk`, or the kernel does not have it: then openat(O_PATH | O_NOFOLLOW | O_DIRECTORY) per
// component. -1 with errno on failure.
int open_beneath(int root, std::string_view rel, int flags, unsigned mode, bool walk);

// UNJUCKS_NO_OPENAT2=1: use the component walk even where openat2 exists (tests of that path).
bool walk_requested();

// A directory descriptor, closed at the end when it is owned (the anchor's own is not).
class DirFd {
 public:
  DirFd() = default;
  DirFd(int fd, bool owned) : fd_(fd), owned_(owned) {}
  DirFd(DirFd&& o) noexcept : fd_(o.fd_), owned_(o.owned_) { o.fd_ = -1; }
  DirFd& operator=(DirFd&& o) noexcept;
  DirFd(const DirFd&) = delete;
  DirFd& operator=(const DirFd&) = delete;
  ~DirFd() { reset(); }
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void reset();

 private:
  int fd_ = -1;
  bool owned_ = false;
};

// Where a RealDisk resolves its paths: the anchor (an absolute directory `path` and a
// descriptor `fd` of it; none when `fd` is -1), below which every path is opened with
// open_beneath from `fd`; any other path is opened by name, as the system resolves it.
struct Anchor {
  const std::string* path = nullptr;
  int fd = -1;
  bool walk = false;

  // True when `p` (absolute, normalised) is the anchor or below it; `rel` gets the part below
  // ("" for the anchor itself).
  bool below(const std::string& p, std::string_view* rel) const;
  // open(2) of `p`: confined below the anchor (see open_beneath), by name elsewhere.
  int open(const std::string& p, int flags, unsigned mode = 0) const;
  // The directory `dir` as a descriptor to work in with the *at() calls: the anchor's own for the
  // anchor itself, else a new O_PATH one. Invalid with errno on failure.
  DirFd open_dir(const std::string& dir) const;
};

}  // namespace unjucks::gen
