#include "batch/path_claims.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "text/fnv1a.h"

namespace unjucks::batch {
namespace {

constexpr char kMagic[8] = {'U', 'N', 'J', 'C', 'L', 'M', '0', '2'};
// magic, spill slots, spill entries, front slots, front entries, padding; then the front's
// image, then the spill table.
constexpr uint64_t kHeader = 64;
constexpr uint64_t kSlot = 16;
// The smallest spill table a claims file may have (a damaged header is refused below it).
constexpr uint64_t kMinSlots = uint64_t{1} << 10;

uint64_t mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

bool pread_all(int fd, void* buf, size_t n, uint64_t off) {
  auto* p = static_cast<char*>(buf);
  while (n > 0) {
    ssize_t r = ::pread(fd, p, n, static_cast<off_t>(off));
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return false;
    if (r == 0) {  // past the end of a sparse file: zeros
      std::memset(p, 0, n);
      return true;
    }
    p += r;
    n -= static_cast<size_t>(r);
    off += static_cast<uint64_t>(r);
  }
  return true;
}

bool pwrite_all(int fd, const void* buf, size_t n, uint64_t off) {
  const auto* p = static_cast<const char*>(buf);
  while (n > 0) {
    ssize_t r = ::pwrite(fd, p, n, static_cast<off_t>(off));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    p += r;
    n -= static_cast<size_t>(r);
    off += static_cast<uint64_t>(r);
  }
  return true;
}

// An unnamed file in $TMPDIR (or /tmp): gone when closed.
int anonymous_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string d = dir != nullptr && *dir != '\0' ? dir : "/tmp";
  int fd = ::open(d.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  std::string tmpl = d + "/unjucks-claims-XXXXXX";
  fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd >= 0) ::unlink(tmpl.c_str());
  return fd;
}

}  // namespace

PathClaims::PathClaims(size_t front_slots, size_t spill_slots)
    : front_slots_(front_slots), initial_slots_(std::max<uint64_t>(spill_slots, kMinSlots)) {}

PathClaims::~PathClaims() {
  if (fd_ >= 0) ::close(fd_);
}

void PathClaims::FreeDeleter::operator()(uint64_t* p) const { std::free(p); }

uint64_t PathClaims::spill_base() const { return kHeader + front_slots_ * kSlot; }

size_t PathClaims::memory_bytes() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return kBlock + (front_ ? front_slots_ * kSlot : 0);
}

// calloc: the pages are the system's zero pages until a slot on them is written.
bool PathClaims::front_ready_locked() {
  if (!front_) front_.reset(static_cast<uint64_t*>(std::calloc(front_slots_, kSlot)));
  return front_ != nullptr;
}

bool PathClaims::front_find_locked(uint64_t fp, uint64_t* slot, uint64_t* rec) const {
  const uint64_t mask = front_slots_ - 1;
  for (uint64_t j = fp & mask;; j = (j + 1) & mask) {
    uint64_t f = front_[2 * j];
    if (f == fp) {
      *rec = front_[2 * j + 1];
      *slot = j;
      return true;
    }
    if (f == 0) {
      *slot = j;
      return false;
    }
  }
}

bool PathClaims::write_front_locked() {
  if (!front_) return true;
  return pwrite_all(fd_, front_.get(), front_slots_ * kSlot, kHeader);
}

uint64_t PathClaims::fingerprint(std::string_view path) {
  // FNV-1a over the bytes, then a finalizer so every bit depends on every byte; 0 is "empty".
  uint64_t h = mix(text::fnv1a(path) ^ path.size());
  return h == 0 ? 1 : h;
}

bool PathClaims::open(const std::string& path, bool resume, std::string* err) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (fd_ >= 0) ::close(fd_);
  fd_ = ::open(path.c_str(),
               resume ? (O_RDWR | O_CLOEXEC) : (O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC), 0644);
  if (fd_ < 0) {
    *err = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  path_ = path;
  if (!resume) {
    slots_ = initial_slots_;
    count_ = 0;
    return write_header_locked() ||
           (*err = "cannot write " + path + ": " + std::strerror(errno), false);
  }
  char header[kHeader];
  uint64_t slots = 0, count = 0;
  struct stat st {};
  if (!pread_all(fd_, header, kHeader, 0) || std::memcmp(header, kMagic, 8) != 0) {
    *err = "cannot resume: " + path + " is not a claims file";
    return false;
  }
  uint64_t front_slots = 0, front_count = 0;
  std::memcpy(&slots, header + 8, 8);
  std::memcpy(&count, header + 16, 8);
  std::memcpy(&front_slots, header + 24, 8);
  std::memcpy(&front_count, header + 32, 8);
  if (slots < kMinSlots || (slots & (slots - 1)) != 0 || count > slots ||
      front_slots != front_slots_ || front_count > front_slots || ::fstat(fd_, &st) != 0 ||
      static_cast<uint64_t>(st.st_size) > spill_base() + slots * kSlot) {
    *err = "cannot resume: " + path + " is damaged";
    return false;
  }
  slots_ = slots;
  count_ = count;
  front_count_ = front_count;
  if (front_count_ > 0 &&
      (!front_ready_locked() || !pread_all(fd_, front_.get(), front_slots_ * kSlot, kHeader))) {
    *err = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  return true;
}

bool PathClaims::write_header_locked() {
  char header[kHeader] = {};
  std::memcpy(header, kMagic, 8);
  std::memcpy(header + 8, &slots_, 8);
  std::memcpy(header + 16, &count_, 8);
  std::memcpy(header + 24, &front_slots_, 8);
  std::memcpy(header + 32, &front_count_, 8);
  return pwrite_all(fd_, header, kHeader, 0);
}

bool PathClaims::ensure_open_locked(std::string* err) {
  if (fd_ >= 0) return true;
  fd_ = anonymous_file();
  if (fd_ < 0) {
    *err = std::string("cannot create the output-path table: ") + std::strerror(errno);
    return false;
  }
  slots_ = initial_slots_;
  count_ = 0;
  return write_header_locked();
}

bool PathClaims::write_slot(uint64_t index, uint64_t fp, uint64_t rec) {
  uint64_t buf[2] = {fp, rec};
  return pwrite_all(fd_, buf, sizeof buf, spill_base() + index * kSlot);
}

bool PathClaims::find_locked(uint64_t fp, uint64_t* slot, uint64_t* rec, bool* io_error) {
  // Linear probing, reading a block of slots at a time.
  uint64_t buf[kBlock / sizeof(uint64_t)];
  constexpr uint64_t kPerBlock = kBlock / kSlot;
  uint64_t mask = slots_ - 1;
  uint64_t j = fp & mask;
  for (uint64_t probed = 0; probed < slots_;) {
    uint64_t n = std::min<uint64_t>(kPerBlock, slots_ - j);
    if (!pread_all(fd_, buf, n * kSlot, spill_base() + j * kSlot)) {
      *io_error = true;
      return false;
    }
    for (uint64_t k = 0; k < n; ++k, ++probed) {
      uint64_t f = buf[2 * k];
      if (f == 0) {
        *slot = j + k;
        return false;
      }
      if (f == fp) {
        *slot = j + k;
        *rec = buf[2 * k + 1];
        return true;
      }
    }
    j = (j + n) & mask;
  }
  *io_error = true;  // full: cannot happen below the load limit
  return false;
}

bool PathClaims::grow_locked(std::string* err) {
  // Rebuild into a new file twice the size, then swap it in (rename over the named file).
  int old_fd = fd_;
  uint64_t old_slots = slots_;
  int new_fd = -1;
  std::string temp;
  if (path_.empty()) {
    new_fd = anonymous_file();
  } else {
    temp = path_ + ".grow";
    new_fd = ::open(temp.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  }
  if (new_fd < 0) {
    *err = std::string("cannot grow the output-path table: ") + std::strerror(errno);
    return false;
  }
  fd_ = new_fd;
  slots_ = old_slots * 2;
  uint64_t count = count_;
  count_ = 0;
  bool ok = true;
  uint64_t buf[kBlock / sizeof(uint64_t)];
  constexpr uint64_t kPerBlock = kBlock / kSlot;
  for (uint64_t i = 0; ok && i < old_slots; i += kPerBlock) {
    uint64_t n = std::min(kPerBlock, old_slots - i);
    if (!pread_all(old_fd, buf, n * kSlot, spill_base() + i * kSlot)) {
      ok = false;
      break;
    }
    for (uint64_t k = 0; ok && k < n; ++k) {
      if (buf[2 * k] == 0) continue;
      uint64_t slot = 0, rec = 0;
      bool io = false;
      if (find_locked(buf[2 * k], &slot, &rec, &io) || io) {
        ok = !io;
        continue;
      }
      ok = write_slot(slot, buf[2 * k], buf[2 * k + 1]);
      ++count_;
    }
  }
  ok = ok && count_ == count && write_header_locked() && write_front_locked();
  if (ok && !path_.empty()) ok = ::rename(temp.c_str(), path_.c_str()) == 0;
  if (!ok) {
    *err = std::string("cannot grow the output-path table: ") + std::strerror(errno);
    ::close(new_fd);
    if (!temp.empty()) ::unlink(temp.c_str());
    fd_ = old_fd;
    slots_ = old_slots;
    count_ = count;
    return false;
  }
  ::close(old_fd);
  return true;
}

ClaimResult PathClaims::claim(const std::vector<std::string>& paths, uint64_t record,
                              uint64_t* other_record, std::string* path, const MayTake& may_take,
                              std::vector<Taken>* taken) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string err;
  if (!error_.empty() || !ensure_open_locked(&err)) {
    if (error_.empty()) error_ = err;
    *path = error_;
    return ClaimResult::kError;
  }
  auto io_failure = [&] {
    if (error_.empty()) {
      error_ = std::string("cannot use the output-path table: ") + std::strerror(errno);
    }
    *path = error_;
    return ClaimResult::kError;
  };
  if (!front_ready_locked()) {
    errno = ENOMEM;
    return io_failure();
  }
  // The front takes new paths while it is under its load limit; the spill table the rest.
  const uint64_t front_max = front_slots_ / 8 * 5;
  const bool spills = front_count_ + paths.size() > front_max;
  // Room in the spill table for every path first (growing moves its slots), then one probe
  // per path: a conflict stops before anything is written.
  while (spills && (count_ + paths.size()) * 2 > slots_) {
    if (!grow_locked(&err)) {
      error_ = err;
      *path = err;
      return ClaimResult::kError;
    }
  }
  struct Fresh {
    uint64_t fp;
    uint64_t spill_slot;  // the spill table's empty slot for it, when probed (count_ > 0)
    bool probed;
  };
  // A slot that is there already and becomes this record's: released, or taken over.
  struct Reuse {
    bool front;
    uint64_t slot;
    uint64_t owner;  // 0: released
    const std::string* path;
  };
  Fresh one[4];
  std::vector<Fresh> many;
  Fresh* fresh = one;
  if (paths.size() > 4) {
    many.resize(paths.size());
    fresh = many.data();
  }
  std::vector<Reuse> reuse;
  size_t n = 0;
  for (const std::string& p : paths) {
    uint64_t fp = fingerprint(p);
    uint64_t slot = 0, rec = 0;
    bool io = false;
    bool in_front = front_find_locked(fp, &slot, &rec);
    bool found = in_front || (count_ > 0 && find_locked(fp, &slot, &rec, &io));
    if (io) return io_failure();
    if (found) {
      if (rec == record) continue;  // already this record's
      if (rec != 0 && !(may_take && may_take(rec))) {
        *other_record = rec;
        *path = p;
        return ClaimResult::kConflict;
      }
      bool again = false;  // the same path twice in `paths`
      for (const Reuse& r : reuse) again = again || (r.front == in_front && r.slot == slot);
      if (!again) reuse.push_back(Reuse{in_front, slot, rec, &p});
      continue;
    }
    bool duplicate = false;  // the same path twice in `paths`
    for (size_t k = 0; k < n; ++k) duplicate = duplicate || fresh[k].fp == fp;
    if (!duplicate) fresh[n++] = Fresh{fp, slot, count_ > 0};
  }
  for (const Reuse& r : reuse) {
    if (r.front) {
      front_[2 * r.slot + 1] = record;
    } else {
      // The fingerprint stays: rewrite the record number only.
      if (!pwrite_all(fd_, &record, sizeof record, spill_base() + r.slot * kSlot + 8)) {
        return io_failure();
      }
    }
    if (r.owner != 0 && taken != nullptr) taken->push_back(Taken{r.owner, *r.path});
  }
  bool spilled = false;  // an insert into the spill table may take a slot another one found
  for (size_t k = 0; k < n; ++k) {
    uint64_t slot = 0, rec = 0;
    if (front_count_ < front_max) {
      front_find_locked(fresh[k].fp, &slot, &rec);  // probed again: earlier ones took slots
      front_[2 * slot] = fresh[k].fp;
      front_[2 * slot + 1] = record;
      ++front_count_;
      continue;
    }
    slot = fresh[k].spill_slot;
    if (spilled || !fresh[k].probed) {
      bool io = false;
      find_locked(fresh[k].fp, &slot, &rec, &io);
      if (io) return io_failure();
    }
    if (!write_slot(slot, fresh[k].fp, record)) return io_failure();
    ++count_;
    spilled = true;
  }
  return ClaimResult::kClaimed;
}

bool PathClaims::release(const std::vector<std::string>& paths, uint64_t record) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (fd_ < 0 || !front_ || !error_.empty()) return error_.empty();
  for (const std::string& p : paths) {
    uint64_t fp = fingerprint(p);
    uint64_t slot = 0, rec = 0;
    bool io = false;
    if (front_find_locked(fp, &slot, &rec)) {
      if (rec == record) front_[2 * slot + 1] = 0;
      continue;
    }
    if (count_ == 0) continue;
    if (find_locked(fp, &slot, &rec, &io) && rec == record) {
      const uint64_t none = 0;
      io = !pwrite_all(fd_, &none, sizeof none, spill_base() + slot * kSlot + 8);
    }
    if (io) {
      error_ = std::string("cannot use the output-path table: ") + std::strerror(errno);
      return false;
    }
  }
  return true;
}

bool PathClaims::sync(std::string* err) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (fd_ < 0) return true;
  if (!write_header_locked() || !write_front_locked()) {
    *err = "cannot write " + (path_.empty() ? std::string("the output-path table") : path_) + ": " +
           std::strerror(errno);
    return false;
  }
  return true;
}

void PathClaims::remove() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!path_.empty()) ::unlink(path_.c_str());
}

size_t PathClaims::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return front_count_ + count_;
}

}  // namespace unjucks::batch
