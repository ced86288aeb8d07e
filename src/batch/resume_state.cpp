#include "batch/resume_state.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "gen/bounded_read.h"
#include "template/context.h"
#include "text/fnv1a.h"

namespace unjucks::batch {
namespace {

// A state file is a few kilobytes (the records done out of order are few); a larger one is not
// one this program wrote.
constexpr uint64_t kMaxStateBytes = uint64_t{64} << 20;

// `s` with every character a file name should not have replaced by '_'; when any was, a hash
// of the original follows, so that two names differing only there (`new:html` and `new_html`,
// Hygen's subactions) stay apart.
std::string safe_name(const std::string& s) {
  std::string out;
  bool replaced = false;
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    out += ok ? c : '_';
    replaced |= !ok;
  }
  if (replaced) out += fmt::format("-{:016x}", text::fnv1a(s));
  return out;
}

bool write_all(int fd, const std::string& data) {
  size_t off = 0;
  while (off < data.size()) {
    ssize_t n = ::write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

void DoneSet::mark(uint64_t record) {
  if (record <= watermark_) return;
  if (record != watermark_ + 1) {
    above_.insert(record);
    return;
  }
  ++watermark_;
  while (!above_.empty() && *above_.begin() == watermark_ + 1) {
    above_.erase(above_.begin());
    ++watermark_;
  }
}

void DoneSet::restore(uint64_t watermark, std::set<uint64_t> above) {
  watermark_ = watermark;
  above_ = std::move(above);
  while (!above_.empty() && *above_.begin() <= watermark_ + 1) {
    watermark_ = std::max(watermark_, *above_.begin());
    above_.erase(above_.begin());
  }
}

std::string state_file_name(const BatchIdentity& id) {
  std::string name = ".unjucks-batch-" + safe_name(id.generator) + "-" + safe_name(id.action);
  if (!id.shard.empty()) {
    std::string s = id.shard;
    s.replace(s.find('/'), 1, "-of-");
    name += "-" + s;
  }
  return name + ".state";
}

bool save_state(const std::string& path, const BatchIdentity& id, const DoneSet& done,
                uint64_t processed, PathClaims& claims, std::string* err) {
  if (!claims.sync(err)) return false;
  nlohmann::json j;
  j["version"] = 1;
  j["generator"] = id.generator;
  j["action"] = id.action;
  j["data"] = id.data;
  j["data_size"] = id.data_size;
  j["data_mtime_ns"] = id.data_mtime_ns;
  j["shard"] = id.shard;
  j["watermark"] = done.watermark();
  j["above"] = done.above();
  j["processed"] = processed;
  std::string text = j.dump() + "\n";

  std::string temp = path + ".tmp-" + std::to_string(::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    *err = "cannot write " + temp + ": " + std::strerror(errno);
    return false;
  }
  bool ok = write_all(fd, text);  // no fsync: see PathClaims::sync
  int saved = errno;
  ::close(fd);
  if (!ok || ::rename(temp.c_str(), path.c_str()) != 0) {
    if (ok) saved = errno;
    ::unlink(temp.c_str());
    *err = "cannot write " + path + ": " + std::strerror(saved);
    return false;
  }
  return true;
}

bool load_state(const std::string& path, const BatchIdentity& expected, DoneSet* done,
                std::string* err) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) {
    *err = errno == ENOENT ? "nothing to resume: " + path + " does not exist"
                           : "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  // Written by this program: a regular file of a few kilobytes. Anything else is damage.
  std::string text;
  bool read = gen::read_fd_bounded(fd, path, gen::ReadLimit{kMaxStateBytes, "", true}, &text, err);
  ::close(fd);
  if (!read) {
    *err = "cannot resume: " + *err;
    return false;
  }
  size_t nl = text.find('\n');
  try {
    if (nl == std::string::npos) throw std::runtime_error("no header");
    nlohmann::json j = nlohmann::json::parse(text.substr(0, nl));
    if (j.at("version").get<int>() != 1) throw std::runtime_error("unknown version");
    BatchIdentity id;
    id.generator = j.at("generator").get<std::string>();
    id.action = j.at("action").get<std::string>();
    id.data = j.at("data").get<std::string>();
    id.data_size = j.at("data_size").get<uint64_t>();
    id.data_mtime_ns = j.at("data_mtime_ns").get<int64_t>();
    id.shard = j.at("shard").get<std::string>();
    if (!(id == expected)) {
      *err = "cannot resume: " + path + " is the state of another batch, or the data changed (" +
             id.generator + " " + id.action + " on " + id.data + ")";
      return false;
    }
    done->restore(j.at("watermark").get<uint64_t>(), j.at("above").get<std::set<uint64_t>>());
  } catch (const std::exception& e) {
    *err = "cannot resume: " + path + " is damaged (" + tpl::json_error_detail(e.what()) + ")";
    return false;
  }
  return true;
}

}  // namespace unjucks::batch
