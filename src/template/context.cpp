// Context: variables in an arena, and JSON text converted straight into arena values.
//
// The JSON reader drives nlohmann-json's SAX parser (iterative) with a handler that is iterative
// too: open containers are frames on an explicit stack and their children wait on one shared
// value stack, so an array or object is allocated once, at its exact size, when it closes.
// Nesting deeper than kMaxJsonDepth is an error instead of a crash.
#include "template/context.h"

#include <cstring>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "template/output.h"

namespace unjucks::tpl {

namespace {

// Deepest nesting of arrays/objects accepted in JSON input. The parser itself would go deeper,
// but the values are later walked by code (printing, dump, comparisons) that may recurse.
constexpr size_t kMaxJsonDepth = 10'000;
// Object keys repeat (arrays of records): keys up to this length are stored once per parse.
constexpr size_t kInternMaxKeyLength = 64;
constexpr size_t kInternMaxKeys = 4096;

using Json = nlohmann::json;

std::string where(std::string_view text, size_t offset) {
  if (offset > text.size()) offset = text.size();
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1) +
         " (byte " + std::to_string(offset) + ")";
}

[[noreturn]] void fail(std::string_view text, size_t offset, std::string_view what) {
  throw std::runtime_error("invalid JSON at " + where(text, offset) + ": " + std::string(what));
}

size_t first_non_space(std::string_view text) {
  size_t i = 0;
  // A UTF-8 byte order mark is skipped by the parser too.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < text.size() &&
         (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
    ++i;
  }
  return i;
}

class ValueBuilder {
 public:
  enum class Failure { None, Syntax, TooDeep, TooLarge };

  explicit ValueBuilder(mem::Arena& arena) : arena_(arena) {}

  Value result() const { return result_; }
  Failure failure() const { return failure_; }
  size_t error_offset() const { return error_offset_; }
  const std::string& error_message() const { return error_message_; }

  // --- the SAX interface nlohmann::json::sax_parse calls ---
  bool null() { return add(Value::null()); }
  bool boolean(bool b) { return add(Value::boolean(b)); }
  // Every number is a double, as in JavaScript. (nlohmann reads "-0" as the integer 0, so it
  // comes out as +0; both print "0".)
  bool number_integer(Json::number_integer_t n) {
    return add(Value::number(static_cast<double>(n)));
  }
  bool number_unsigned(Json::number_unsigned_t n) {
    return add(Value::number(static_cast<double>(n)));
  }
  bool number_float(Json::number_float_t n, const Json::string_t&) { return add(Value::number(n)); }
  bool string(Json::string_t& s) {
    if (s.size() > std::numeric_limits<uint32_t>::max()) return too_large();
    return add(Value::string(arena_.copy(s)).with_plain(!needs_escaping(s)));
  }
  bool binary(Json::binary_t&) { return false; }  // not produced by the JSON reader

  bool start_object(std::size_t) { return open(); }
  bool key(Json::string_t& k) {
    keys_.push_back(intern(k));
    return true;
  }
  bool end_object() {
    Frame f = frames_.back();
    frames_.pop_back();
    size_t n = values_.size() - f.values_start;
    if (n > std::numeric_limits<uint32_t>::max()) return too_large();
    ObjectObj* o = ObjectObj::make(arena_, static_cast<uint32_t>(n));
    const std::string_view* keys = keys_.data() + f.keys_start;
    const Value* values = values_.data() + f.values_start;
    bool index_keys = false;  // JavaScript orders integer-like keys first: ObjectObj::set does
    uint64_t ignored;
    for (size_t i = 0; i < n && !index_keys; ++i)
      index_keys = ObjectObj::is_index_key(keys[i], &ignored);
    if (n < ObjectObj::kIndexFrom && !index_keys) {
      // Small objects (the common records) are written directly; a repeated key keeps its first
      // position and takes the last value, as JSON.parse does.
      ObjectObj::Entry* e = o->entries;
      for (size_t i = 0; i < n; ++i) {
        uint32_t k = 0;
        while (k < o->size && !same_key(e[k].key, keys[i])) ++k;
        if (k == o->size) e[o->size++].key = keys[i];
        e[k].value = values[i];
      }
    } else {
      for (size_t i = 0; i < n; ++i) o->set(arena_, keys[i], values[i]);  // builds the index
    }
    values_.resize(f.values_start);
    keys_.resize(f.keys_start);
    return add(Value::object(o));
  }

  bool start_array(std::size_t) { return open(); }
  bool end_array() {
    Frame f = frames_.back();
    frames_.pop_back();
    size_t n = values_.size() - f.values_start;
    if (n > std::numeric_limits<uint32_t>::max()) return too_large();
    ArrayObj* a = ArrayObj::make(arena_, static_cast<uint32_t>(n));
    if (n) std::memcpy(static_cast<void*>(a->items), &values_[f.values_start], n * sizeof(Value));
    a->size = static_cast<uint32_t>(n);
    values_.resize(f.values_start);
    return add(Value::array(a));
  }

  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    failure_ = Failure::Syntax;
    error_offset_ = position > 0 ? position - 1 : 0;
    error_message_ = json_error_detail(e.what());
    return false;
  }

 private:
  struct Frame {
    size_t values_start;
    size_t keys_start;
  };

  bool add(Value v) {
    if (frames_.empty()) {
      result_ = v;
    } else {
      values_.push_back(v);
    }
    return true;
  }

  bool open() {
    if (frames_.size() >= kMaxJsonDepth) {
      failure_ = Failure::TooDeep;
      return false;
    }
    frames_.push_back({values_.size(), keys_.size()});
    return true;
  }

  // Interned keys are equal exactly when they share their bytes; others are compared.
  static bool same_key(std::string_view a, std::string_view b) {
    return a.size() == b.size() &&
           (a.data() == b.data() || std::memcmp(a.data(), b.data(), a.size()) == 0);
  }

  bool too_large() {
    failure_ = Failure::TooLarge;
    return false;
  }

  std::string_view intern(std::string_view k) {
    if (k.size() > kInternMaxKeyLength) return arena_.copy(k);
    auto it = interned_.find(k);
    if (it != interned_.end()) return it->second;
    std::string_view copy = arena_.copy(k);
    if (interned_.size() < kInternMaxKeys) interned_.emplace(copy, copy);
    return copy;
  }

  mem::Arena& arena_;
  std::vector<Frame> frames_;
  std::vector<Value> values_;           // children of the open containers, in order
  std::vector<std::string_view> keys_;  // keys of the open objects' children
  std::unordered_map<std::string_view, std::string_view> interned_;
  Value result_;
  Failure failure_ = Failure::None;
  size_t error_offset_ = 0;
  std::string error_message_;
};

Value parse_into(mem::Arena& arena, std::string_view text) {
  ValueBuilder builder(arena);
  bool ok =
      Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::json::input_format_t::json,
                      /*strict=*/true);
  if (ok) return builder.result();
  switch (builder.failure()) {
    case ValueBuilder::Failure::TooDeep: {
      size_t at = json_too_deep_at(text, kMaxJsonDepth);
      fail(text, at == std::string_view::npos ? 0 : at,
           "nesting deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    }
    case ValueBuilder::Failure::TooLarge:
      fail(text, 0, "a string or container larger than 4 GiB");
    case ValueBuilder::Failure::Syntax:
      fail(text, builder.error_offset(), builder.error_message());
    case ValueBuilder::Failure::None:
      break;
  }
  fail(text, 0, "parse failed");
}

}  // namespace

size_t json_too_deep_at(std::string_view text, size_t limit) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

std::string json_error_detail(std::string_view what) {
  // "[json.exception.parse_error.101] parse error at line 1, column 5: " and then the detail.
  if (what.starts_with("[json.exception.")) {
    size_t at = what.find("column ");
    size_t colon = what.find(": ", at == std::string_view::npos ? 0 : at);
    if (colon == std::string_view::npos) colon = what.find("] ");
    what.remove_prefix(colon == std::string_view::npos ? 0 : colon + 2);
  }
  // "syntax error while parsing value - " (or "syntax error - ").
  if (what.starts_with("syntax error")) {
    size_t dash = what.find(" - ");
    if (dash != std::string_view::npos) what.remove_prefix(dash + 3);
  }
  std::string out;
  // "; last read: '<bytes>'" up to "; expected" or the end.
  size_t last = what.find("; last read: '");
  if (last == std::string_view::npos) {
    out = std::string(what);
  } else {
    size_t expected = what.find("'; expected ", last);
    out = std::string(what.substr(0, last));
    if (expected != std::string_view::npos) out += std::string(what.substr(expected + 1));
  }
  if (out.starts_with("attempting to parse an empty input")) return "the text is empty";
  return out.empty() ? "not valid JSON" : out;
}

Context::Context() : vars_(ObjectObj::make(arena_)) {}

void Context::inherit(const Context& base) {
  for (const ObjectObj::Entry& e : *base.vars_) vars_->set(arena_, e.key, e.value);
}

void Context::set(std::string_view key, Value v) {
  if (vars_->find(key) != nullptr) {
    vars_->set(arena_, key, v);  // the stored key is kept
  } else {
    vars_->set(arena_, arena_.copy(key), v);
  }
}

void Context::merge_json(std::string_view json_text) {
  Value v = parse_into(arena_, json_text);
  if (!v.is_object()) {
    fail(json_text, first_non_space(json_text), "the context must be a JSON object");
  }
  for (const ObjectObj::Entry& e : *v.as_object()) vars_->set(arena_, e.key, e.value);
}

Value Context::parse_json(std::string_view json_text) { return parse_into(arena_, json_text); }

}  // namespace unjucks::tpl
