// The JSON inputs of a batch: JSON Lines (one record per non-blank line) and a JSON array (one
// record per element, split by a scanner that tracks strings and nesting without recursion, so
// deep nesting costs a counter, not stack).
#pragma once

#include <memory>

#include "batch/byte_input.h"
#include "batch/record_reader.h"

namespace unjucks::batch {

class JsonLinesReader final : public RecordReader {
 public:
  JsonLinesReader(std::unique_ptr<ByteInput> in, ReaderLimits limits);
  bool next(Record* rec) override;

 private:
  std::unique_ptr<ByteInput> in_;
  ReaderLimits limits_;
  uint64_t number_ = 0;
  bool io_reported_ = false;
};

class JsonArrayReader final : public RecordReader {
 public:
  JsonArrayReader(std::unique_ptr<ByteInput> in, ReaderLimits limits);
  bool next(Record* rec) override;

 private:
  bool next_element(Record* rec);
  void skip_space();
  bool fail(Record* rec, uint64_t line, std::string message);
  bool finish(Record* rec);

  std::unique_ptr<ByteInput> in_;
  ReaderLimits limits_;
  uint64_t number_ = 0;
  bool started_ = false;
  bool closed_ = false;          // the closing ']' was read
  bool pending_finish_ = false;  // check what follows it on the next call
  bool done_ = false;
};

}  // namespace unjucks::batch
