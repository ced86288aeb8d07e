// JSON Lines and JSON array inputs: split into one record text per line / per element.
#include "batch/json_records.h"

#include <fmt/format.h>

namespace unjucks::batch {
namespace {

bool is_space(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

void trim(std::string* s) {
  size_t b = 0, e = s->size();
  while (b < e && is_space(static_cast<unsigned char>((*s)[b]))) ++b;
  while (e > b && is_space(static_cast<unsigned char>((*s)[e - 1]))) --e;
  if (b != 0 || e != s->size()) *s = s->substr(b, e - b);
}

}  // namespace

JsonLinesReader::JsonLinesReader(std::unique_ptr<ByteInput> in, ReaderLimits limits)
    : in_(std::move(in)), limits_(limits) {
  format_ = DataFormat::kJsonLines;
  in_->skip_bom();
}

bool JsonLinesReader::next(Record* rec) {
  for (;;) {
    if (in_->peek() < 0) {
      bytes_read_ = in_->consumed();
      if (!in_->io_error().empty() && !io_reported_) {
        io_reported_ = true;
        *rec = Record{++number_, in_->line(), "", in_->io_error()};
        return true;
      }
      return false;
    }
    uint64_t line = in_->line();
    std::string text;
    bool too_large = false;
    for (int c = in_->get(); c >= 0 && c != '\n'; c = in_->get()) {
      if (text.size() >= limits_.max_record_bytes) {
        too_large = true;
        continue;
      }
      text.push_back(static_cast<char>(c));
    }
    bytes_read_ = in_->consumed();
    if (too_large) {
      *rec = Record{++number_, line, "",
                    fmt::format("the record is larger than {} bytes", limits_.max_record_bytes)};
      return true;
    }
    trim(&text);
    if (text.empty()) continue;  // blank lines separate nothing
    *rec = Record{++number_, line, std::move(text), ""};
    return true;
  }
}

JsonArrayReader::JsonArrayReader(std::unique_ptr<ByteInput> in, ReaderLimits limits)
    : in_(std::move(in)), limits_(limits) {
  format_ = DataFormat::kJsonArray;
  in_->skip_bom();
}

void JsonArrayReader::skip_space() {
  while (is_space(in_->peek())) in_->get();
}

bool JsonArrayReader::fail(Record* rec, uint64_t line, std::string message) {
  done_ = true;
  bytes_read_ = in_->consumed();
  if (!in_->io_error().empty()) message = in_->io_error();
  *rec = Record{++number_, line, "", std::move(message)};
  return true;
}

bool JsonArrayReader::next_element(Record* rec) {
  if (done_) return false;
  if (!started_) {
    started_ = true;
    skip_space();
    if (in_->peek() < 0 && in_->io_error().empty()) {
      // Empty is not JSON (render --data and --vars say so too); no records is "[]".
      return fail(rec, in_->line(),
                  "the data is empty, which is not JSON (an array of no records is [])");
    }
    if (in_->peek() != '[') return fail(rec, in_->line(), "the data is not a JSON array");
    in_->get();
    skip_space();
    if (in_->peek() == ']') {
      in_->get();
      return finish(rec);
    }
  }
  skip_space();
  uint64_t line = in_->line();
  std::string text;
  bool too_large = false;
  size_t depth = 0;
  bool in_string = false;
  for (;;) {
    int c = in_->get();
    if (c < 0) {
      return fail(rec, line,
                  in_string ? "unterminated string in the JSON array" : "unterminated JSON array");
    }
    if (!in_string && depth == 0 && (c == ',' || c == ']')) {
      if (c == ']') closed_ = true;
      break;
    }
    if (in_string) {
      if (c == '\\') {
        int escaped = in_->get();
        if (escaped < 0) return fail(rec, line, "unterminated string in the JSON array");
        if (!too_large) {
          text.push_back('\\');
          text.push_back(static_cast<char>(escaped));
        }
        continue;
      }
      if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      --depth;
    }
    if (text.size() >= limits_.max_record_bytes) {
      too_large = true;
    } else if (!too_large) {
      text.push_back(static_cast<char>(c));
    }
  }
  bytes_read_ = in_->consumed();
  trim(&text);
  if (too_large) {
    *rec = Record{++number_, line, "",
                  fmt::format("the record is larger than {} bytes", limits_.max_record_bytes)};
  } else if (text.empty()) {
    *rec = Record{++number_, line, "", "empty element in the JSON array"};
  } else {
    *rec = Record{++number_, line, std::move(text), ""};
  }
  if (closed_) pending_finish_ = true;
  return true;
}

// After the closing ']': only white space may follow.
bool JsonArrayReader::finish(Record* rec) {
  skip_space();
  bytes_read_ = in_->consumed();
  if (in_->peek() >= 0) return fail(rec, in_->line(), "unexpected text after the JSON array");
  done_ = true;
  return false;
}

bool JsonArrayReader::next(Record* rec) {
  if (pending_finish_) {
    pending_finish_ = false;
    return finish(rec);
  }
  return next_element(rec);
}

}  // namespace unjucks::batch
