// The records of a batch, read one at a time from JSON Lines, a JSON array or CSV with a
// header, from a file or from stdin ("-"). The input is read in 64 KiB chunks and never held
// whole: the reader keeps one record (plus its chunk) in memory, whatever the input's size.
//
// The reader splits; it does not interpret. A JSON record comes back as its own text (the
// worker that runs it parses it, in parallel with the other workers); a CSV row comes back
// converted to a JSON object whose values are typed like command-line values ("true" -> true,
// "42" -> 42, "007" stays a string; gen::typed_scalar), so `--data rows.csv` and
// `generate ... --key value` agree; an empty cell sets nothing.
//
// Errors: a record that cannot be read (a CSV row with the wrong number of fields, a JSON
// Lines record over the size limit) comes back with `error` set and reading goes on after it.
// An input whose structure is broken beyond the current record (an unterminated JSON array or
// string, an unterminated CSV quote) ends with one error record. I/O errors end the input the
// same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace unjucks::batch {

enum class DataFormat : uint8_t { kAuto, kJsonLines, kJsonArray, kCsv };

// "jsonl"/"ndjson", "json", "csv" (also accepted: "auto"). False for anything else.
bool parse_data_format(std::string_view name, DataFormat* out);
std::string_view data_format_name(DataFormat format);

struct Record {
  uint64_t number = 0;  // 1-based position among the records of the input
  uint64_t line = 0;    // the line it starts on (1-based)
  std::string json;     // the record's text: a JSON value (an object, unless the input is wrong)
  std::string error;    // set when the record could not be read; `json` is then empty
};

struct ReaderLimits {
  size_t max_record_bytes = size_t{64} << 20;  // one record (a line, an array element, a row)
  size_t chunk_bytes = size_t{64} << 10;
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  // The next record; false at the end of the input (then `rec` is untouched).
  virtual bool next(Record* rec) = 0;
  DataFormat format() const { return format_; }
  // Bytes consumed so far, and the input's size when known (a regular file; 0 otherwise):
  // the progress display's fraction.
  uint64_t bytes_read() const { return bytes_read_; }
  uint64_t total_bytes() const { return total_bytes_; }
  void set_total_bytes(uint64_t n) { total_bytes_ = n; }

 protected:
  DataFormat format_ = DataFormat::kJsonLines;
  uint64_t bytes_read_ = 0;
  uint64_t total_bytes_ = 0;
};

// Opens `path` ("-" is stdin). With kAuto the format comes from the extension (.jsonl, .ndjson,
// .json, .csv), else from the first bytes ('[' array, '{' JSON Lines, otherwise CSV).
// Null with `err` when the file cannot be opened.
std::unique_ptr<RecordReader> open_records(const std::string& path, DataFormat format,
                                           std::string* err, ReaderLimits limits = {});
// Reads from an open descriptor (not closed by the reader unless `owns_fd`).
std::unique_ptr<RecordReader> records_from_fd(int fd, bool owns_fd, DataFormat format,
                                              std::string_view name_hint, ReaderLimits limits = {});
// Reads from memory (tests, fuzzing).
std::unique_ptr<RecordReader> records_from_string(std::string data, DataFormat format,
                                                  ReaderLimits limits = {});

}  // namespace unjucks::batch
