#include "batch/record_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "batch/csv_records.h"
#include "batch/json_records.h"

namespace unjucks::batch {
namespace {

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

DataFormat from_extension(std::string_view name) {
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return DataFormat::kJsonLines;
  if (ends_with(name, ".csv")) return DataFormat::kCsv;
  return DataFormat::kAuto;  // .json may hold an array or JSON Lines: look at the bytes
}

// `json_name`: the input's name ends in .json, so an empty one is an empty JSON text (an
// error), not an empty CSV file.
DataFormat sniff(ByteInput& in, bool json_name) {
  in.skip_bom();
  // Leading white space is consumed here; every reader skips it anyway (CSV counts blank lines
  // as nothing).
  while (in.peek() == ' ' || in.peek() == '\t' || in.peek() == '\r' || in.peek() == '\n') {
    in.get();
  }
  int c = in.peek();
  if (c == '[' || (c < 0 && json_name)) return DataFormat::kJsonArray;
  if (c == '{') return DataFormat::kJsonLines;
  return DataFormat::kCsv;
}

std::unique_ptr<RecordReader> make(std::unique_ptr<ByteInput> in, DataFormat format,
                                   ReaderLimits limits, bool json_name = false) {
  if (format == DataFormat::kAuto) format = sniff(*in, json_name);
  switch (format) {
    case DataFormat::kJsonArray:
      return std::make_unique<JsonArrayReader>(std::move(in), limits);
    case DataFormat::kCsv:
      return std::make_unique<CsvReader>(std::move(in), limits);
    default:
      return std::make_unique<JsonLinesReader>(std::move(in), limits);
  }
}

}  // namespace

bool parse_data_format(std::string_view name, DataFormat* out) {
  if (name == "auto") {
    *out = DataFormat::kAuto;
  } else if (name == "jsonl" || name == "ndjson") {
    *out = DataFormat::kJsonLines;
  } else if (name == "json") {
    *out = DataFormat::kJsonArray;
  } else if (name == "csv") {
    *out = DataFormat::kCsv;
  } else {
    return false;
  }
  return true;
}

std::string_view data_format_name(DataFormat format) {
  switch (format) {
    case DataFormat::kJsonLines:
      return "jsonl";
    case DataFormat::kJsonArray:
      return "json";
    case DataFormat::kCsv:
      return "csv";
    default:
      return "auto";
  }
}

std::unique_ptr<RecordReader> records_from_fd(int fd, bool owns_fd, DataFormat format,
                                              std::string_view name_hint, ReaderLimits limits) {
  if (format == DataFormat::kAuto) format = from_extension(name_hint);
  uint64_t total = 0;
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) total = static_cast<uint64_t>(st.st_size);
  auto in = std::make_unique<ByteInput>(fd, owns_fd, limits.chunk_bytes);
  auto reader = make(std::move(in), format, limits, ends_with(name_hint, ".json"));
  reader->set_total_bytes(total);
  return reader;
}

std::unique_ptr<RecordReader> open_records(const std::string& path, DataFormat format,
                                           std::string* err, ReaderLimits limits) {
  if (path == "-") return records_from_fd(0, false, format, "", limits);
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *err = "cannot open " + path + ": " + std::strerror(errno);
    return nullptr;
  }
  struct stat st;
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    *err = "cannot read " + path + ": it is a directory";
    return nullptr;
  }
  return records_from_fd(fd, true, format, path, limits);
}

std::unique_ptr<RecordReader> records_from_string(std::string data, DataFormat format,
                                                  ReaderLimits limits) {
  uint64_t total = data.size();
  auto reader = make(std::make_unique<ByteInput>(std::move(data)), format, limits);
  reader->set_total_bytes(total);
  return reader;
}

}  // namespace unjucks::batch
