// CSV input (RFC 4180): a header row names the variables, every later row is one record.
// Fields may be quoted ("a, b", "say ""hi""", line breaks inside quotes); LF or CRLF line
// ends; a UTF-8 byte order mark is skipped; blank lines are skipped; an empty cell sets nothing
// (so the variable's default applies, as if the column were absent). Values are typed like
// command-line values (gen::typed_scalar), and a header with dashes also sets the camelCase
// name (gen::set_var), as `--with-tests` does.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "batch/byte_input.h"
#include "batch/record_reader.h"

namespace unjucks::batch {

class CsvReader final : public RecordReader {
 public:
  CsvReader(std::unique_ptr<ByteInput> in, ReaderLimits limits);
  bool next(Record* rec) override;

 private:
  enum class Row : uint8_t { kEnd, kRow, kBlank, kTooLarge, kUnterminated };
  // Reads one row's fields.
  Row read_row(std::vector<std::string>* fields);

  std::unique_ptr<ByteInput> in_;
  ReaderLimits limits_;
  std::vector<std::string> header_;
  std::vector<std::string> fields_;
  uint64_t number_ = 0;
  bool started_ = false;
  bool done_ = false;
};

}  // namespace unjucks::batch
