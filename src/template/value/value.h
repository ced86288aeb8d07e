// The runtime value of the template engine: a 16-byte tagged union.
//
// Strings, arrays and objects point into memory that outlives the value: the template's source
// or arena (literals), the context's arena (input data) or the per-render arena (temporaries).
// Nothing here owns memory and nothing is ever destroyed piece by piece.
#pragma once

#include <cstdint>
#include <string_view>

#include "mem/arena.h"

namespace unjucks::tpl {

struct ArrayObj;
struct ObjectObj;
struct Callable;
struct RegexObj;

enum class Kind : uint8_t { Undefined, Null, Bool, Number, String, Array, Object, Callable, Regex };

class Value {
 public:
  constexpr Value() : kind_(Kind::Undefined), safe_(false), plain_(false), len_(0), u_{nullptr} {}

  static constexpr Value undefined() { return Value(); }
  static constexpr Value null() {
    Value v;
    v.kind_ = Kind::Null;
    return v;
  }
  static Value boolean(bool b) {
    Value v;
    v.kind_ = Kind::Bool;
    v.u_.b = b;
    return v;
  }
  static Value number(double n) {
    Value v;
    v.kind_ = Kind::Number;
    v.u_.n = n;
    return v;
  }
  // The bytes must outlive the value (see the header comment).
  static Value string(std::string_view s, bool safe = false) {
    Value v;
    v.kind_ = Kind::String;
    v.safe_ = safe;
    v.len_ = static_cast<uint32_t>(s.size());
    v.u_.s = s.data();
    return v;
  }
  static Value array(ArrayObj* a) {
    Value v;
    v.kind_ = Kind::Array;
    v.u_.a = a;
    return v;
  }
  static Value object(ObjectObj* o) {
    Value v;
    v.kind_ = Kind::Object;
    v.u_.o = o;
    return v;
  }
  static Value callable(Callable* c) {
    Value v;
    v.kind_ = Kind::Callable;
    v.u_.c = c;
    return v;
  }
  static Value regex(const RegexObj* r) {
    Value v;
    v.kind_ = Kind::Regex;
    v.u_.r = r;
    return v;
  }

  Kind kind() const { return kind_; }
  bool is_undefined() const { return kind_ == Kind::Undefined; }
  bool is_null() const { return kind_ == Kind::Null; }
  bool is_nullish() const { return kind_ == Kind::Undefined || kind_ == Kind::Null; }
  bool is_bool() const { return kind_ == Kind::Bool; }
  bool is_number() const { return kind_ == Kind::Number; }
  bool is_string() const { return kind_ == Kind::String; }
  bool is_array() const { return kind_ == Kind::Array; }
  bool is_object() const { return kind_ == Kind::Object; }
  bool is_callable() const { return kind_ == Kind::Callable; }
  bool is_regex() const { return kind_ == Kind::Regex; }

  bool as_bool() const { return u_.b; }
  double as_number() const { return u_.n; }
  std::string_view as_string() const { return {u_.s, len_}; }
  ArrayObj* as_array() const { return u_.a; }
  ObjectObj* as_object() const { return u_.o; }
  Callable* as_callable() const { return u_.c; }
  const RegexObj* as_regex() const { return u_.r; }

  // A "safe" string is one that autoescaping leaves alone (Nunjucks' SafeString).
  bool safe() const { return safe_; }
  // A "plain" string is known to have none of the characters autoescaping replaces, so it is
  // written as is (data read once and written many times is looked at once). False means
  // unknown; only a string's creator that has looked sets it.
  bool plain() const { return plain_; }
  Value with_plain(bool p) const {
    Value v = *this;
    if (kind_ == Kind::String) v.plain_ = p;
    return v;
  }
  Value with_safe(bool s) const {
    Value v = *this;
    if (kind_ == Kind::String) v.safe_ = s;
    return v;
  }

  // Identity of the heap part (for JavaScript's === on objects).
  const void* identity() const { return u_.p; }

 private:
  Kind kind_;
  bool safe_;
  bool plain_;
  uint32_t len_;
  union U {
    const void* p;
    bool b;
    double n;
    const char* s;
    ArrayObj* a;
    ObjectObj* o;
    Callable* c;
    const RegexObj* r;
  } u_;
};
static_assert(sizeof(Value) == 16, "Value must stay 16 bytes");

// A growable array living in an arena.
struct ArrayObj {
  Value* items = nullptr;
  uint32_t size = 0;
  uint32_t cap = 0;
  // Named properties beside the elements, or null: a regular expression match's `index`,
  // `input` and `groups`. Looked up by name; printing, dump and iteration see only the elements
  // (as JavaScript's join, JSON.stringify and for...of do).
  ObjectObj* props = nullptr;

  static ArrayObj* make(mem::Arena& arena, uint32_t reserve = 0);
  void push(mem::Arena& arena, Value v) {
    if (size == cap) grow(arena);
    items[size++] = v;
  }
  Value at(uint32_t i) const { return i < size ? items[i] : Value(); }
  const Value* begin() const { return items; }
  const Value* end() const { return items + size; }

 private:
  void grow(mem::Arena& arena);
};

// A regular expression literal (r/source/flags): JavaScript syntax, compiled where it is used.
struct RegexObj {
  std::string_view source;
  std::string_view flags;  // any of g i m y s u
  // JavaScript's lastIndex, read and written by exec/test/match of a global or sticky
  // expression. Such a literal is copied into the render's arena each time it is evaluated (a
  // new object, as in JavaScript), so the template's own copy is never written.
  mutable double last_index = 0;
};

// An insertion-ordered string-keyed map living in an arena (JavaScript objects keep key order).
// Small objects are scanned; past kIndexFrom entries an open-addressing index is kept.
struct ObjectObj {
  struct Entry {
    std::string_view key;
    Value value;
  };
  Entry* entries = nullptr;
  uint32_t size = 0;
  uint32_t cap = 0;
  uint32_t* index = nullptr;  // slots hold entry index + 1; 0 = empty
  uint32_t index_cap = 0;
  static constexpr uint32_t kIndexFrom = 12;

  static ObjectObj* make(mem::Arena& arena, uint32_t reserve = 0);
  const Value* find(std::string_view key) const;
  Value get(std::string_view key) const {
    const Value* v = find(key);
    return v ? *v : Value();
  }
  // The key's bytes must outlive the object; copy them into the arena first when unsure.
  void set(mem::Arena& arena, std::string_view key, Value v);
  // Appends a key known not to be present and not integer-like (no lookup, no reordering).
  void append_unique(mem::Arena& arena, std::string_view key, Value v) {
    if (size == cap) grow(arena);
    entries[size++] = Entry{key, v};
    if (size >= kIndexFrom) rebuild_index(arena);
  }
  // Removes a key (used by the rare filters that need it); keeps order.
  void erase(std::string_view key);
  const Entry* begin() const { return entries; }
  const Entry* end() const { return entries + size; }
  // A canonical array index ("0", "17", not "01"), as JavaScript orders it before other keys.
  static bool is_index_key(std::string_view k, uint64_t* value);

 private:
  void grow(mem::Arena& arena);
  void rebuild_index(mem::Arena& arena);
};

}  // namespace unjucks::tpl
