// Fuzz target: the batch data reader (CSV, JSON Lines, JSON arrays). Input: one byte that picks
// the format (low 2 bits: auto, JSON Lines, JSON array, CSV) and the chunk size (the other 6
// bits: 1..64 bytes, so records straddle chunk boundaries everywhere), then the data. Every
// input must come back as a finite sequence of records, each either text or an error; a CSV row
// must come back as valid JSON (the reader builds that text itself).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "batch/record_reader.h"
#include "fuzz_input.h"

using namespace unjucks;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static constexpr batch::DataFormat kFormats[] = {
      batch::DataFormat::kAuto, batch::DataFormat::kJsonLines, batch::DataFormat::kJsonArray,
      batch::DataFormat::kCsv};
  batch::ReaderLimits limits;
  limits.chunk_bytes = 1 + (data[0] >> 2);
  limits.max_record_bytes = 2048;  // small, so the over-limit paths are reached too
  auto reader = batch::records_from_string(std::string(fuzz::as_view(data + 1, size - 1)),
                                           kFormats[data[0] & 3], limits);
  batch::Record rec;
  uint64_t count = 0, last_line = 0;
  while (reader->next(&rec)) {
    ++count;
    // Each record is one step forward: numbered in order, lines never go back, and there
    // cannot be more records than bytes (plus the one error that ends a broken input).
    if (rec.number != count || rec.line < last_line || count > size + 1) __builtin_trap();
    last_line = rec.line;
    if (!rec.error.empty() && !rec.json.empty()) __builtin_trap();
    if (rec.error.empty() && reader->format() == batch::DataFormat::kCsv &&
        !nlohmann::json::accept(rec.json))
      __builtin_trap();
  }
  if (reader->bytes_read() > size) __builtin_trap();
  return 0;
}
