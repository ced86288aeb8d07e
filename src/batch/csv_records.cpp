#include "batch/csv_records.h"

#include <fmt/format.h>

#include "gen/config.h"
#include "gen/variables.h"

namespace unjucks::batch {

CsvReader::CsvReader(std::unique_ptr<ByteInput> in, ReaderLimits limits)
    : in_(std::move(in)), limits_(limits) {
  format_ = DataFormat::kCsv;
  in_->skip_bom();
}

CsvReader::Row CsvReader::read_row(std::vector<std::string>* fields) {
  fields->clear();
  if (in_->peek() < 0) return Row::kEnd;
  size_t bytes = 0;
  bool too_large = false;
  std::string field;
  auto push = [&](int c) {
    if (++bytes > limits_.max_record_bytes) {
      too_large = true;
    } else {
      field.push_back(static_cast<char>(c));
    }
  };
  for (;;) {
    // One field.
    field.clear();
    int c = in_->peek();
    if (c == '"') {
      in_->get();
      for (;;) {
        c = in_->get();
        if (c < 0) return Row::kUnterminated;
        if (c == '"') {
          if (in_->peek() != '"') break;
          in_->get();
        }
        push(c);
      }
      // Text between the closing quote and the separator is kept (lenient, like most readers).
      for (c = in_->peek(); c >= 0 && c != ',' && c != '\n'; c = in_->peek()) {
        in_->get();
        if (c != '\r') push(c);
      }
    } else {
      for (c = in_->peek(); c >= 0 && c != ',' && c != '\n'; c = in_->peek()) push(in_->get());
      if (!field.empty() && field.back() == '\r' && (c == '\n' || c < 0)) field.pop_back();
    }
    fields->push_back(field);
    c = in_->get();  // ',' or '\n' or the end
    if (c != ',') break;
  }
  if (too_large) return Row::kTooLarge;
  if (fields->size() == 1 && (*fields)[0].empty()) return Row::kBlank;
  return Row::kRow;
}

bool CsvReader::next(Record* rec) {
  if (done_) return false;
  if (!started_) {
    started_ = true;
    uint64_t line = in_->line();
    Row r;
    do {
      line = in_->line();
      r = read_row(&header_);
    } while (r == Row::kBlank);
    if (r == Row::kEnd) {
      done_ = true;
      if (in_->io_error().empty()) return false;
      *rec = Record{++number_, line, "", in_->io_error()};
      return true;
    }
    if (r != Row::kRow) {
      done_ = true;
      *rec = Record{++number_, line, "", "the CSV header cannot be read"};
      return true;
    }
  }
  for (;;) {
    uint64_t line = in_->line();
    Row r = read_row(&fields_);
    bytes_read_ = in_->consumed();
    switch (r) {
      case Row::kBlank:
        continue;
      case Row::kEnd:
        done_ = true;
        if (in_->io_error().empty()) return false;
        *rec = Record{++number_, line, "", in_->io_error()};
        return true;
      case Row::kUnterminated:
        done_ = true;
        *rec = Record{++number_, line, "", "unterminated quoted field"};
        return true;
      case Row::kTooLarge:
        *rec = Record{++number_, line, "",
                      fmt::format("the row is larger than {} bytes", limits_.max_record_bytes)};
        return true;
      case Row::kRow:
        break;
    }
    if (fields_.size() != header_.size()) {
      *rec = Record{++number_, line, "",
                    fmt::format("the row has {} field{}, the header has {}", fields_.size(),
                                fields_.size() == 1 ? "" : "s", header_.size())};
      return true;
    }
    gen::Json obj = gen::Json::object();
    for (size_t i = 0; i < fields_.size(); ++i) {
      // An empty cell is no value: the variable's default (or `default()`) applies.
      if (fields_[i].empty()) continue;
      gen::set_var(&obj, header_[i], gen::typed_scalar(fields_[i]));
    }
    std::string text;
    try {
      text = obj.dump();
    } catch (const std::exception&) {
      *rec = Record{++number_, line, "", "the row is not valid UTF-8"};
      return true;
    }
    *rec = Record{++number_, line, std::move(text), ""};
    return true;
  }
}

}  // namespace unjucks::batch
