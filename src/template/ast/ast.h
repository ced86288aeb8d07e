// The syntax tree. Every node lives in its template's arena (trivially destructible, no owning
// pointers); names are views into the source. Each node records the byte offset it starts at;
// line and column are derived only when an error is reported.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>

#include "template/render/runtime.h"
#include "template/value/value.h"

namespace unjucks::tpl::ast {

enum class NodeType : uint8_t {
  // expressions
  Literal,
  Symbol,
  Lookup,
  Call,
  Filter,
  Neg,
  Pos,
  Not,
  Add,
  Sub,
  Mul,
  Div,
  FloorDiv,
  Mod,
  Pow,
  Concat,
  And,
  Or,
  In,
  Is,
  Compare,
  InlineIf,
  Array,
  Group,
  Dict,
  Caller,
  Capture,
  Slice,
  // statements
  Data,
  Emit,
  If,
  For,
  Set,
  Macro,
  Include,
  Import,
  FromImport,
  Extends,
  Block,
  Switch,
};

struct Node {
  NodeType type;
  uint32_t pos;
};

template <typename T>
struct List {
  T* data = nullptr;
  uint32_t size = 0;
  T* begin() const { return data; }
  T* end() const { return data + size; }
  T& operator[](uint32_t i) const { return data[i]; }
  bool empty() const { return size == 0; }
};

using Body = List<Node*>;

struct KwArg {
  std::string_view name;
  Node* value;
};

struct Literal : Node {
  Value value;
};
struct Symbol : Node {
  std::string_view name;
  mutable std::atomic<uint32_t> hint;  // inline cache: index in the context's variables
};
struct Lookup : Node {
  Node* target;
  Node* key;
  // Inline cache: where the key was found last time in an object (objects built from the same
  // JSON shape keep their keys in the same order). Relaxed atomic: templates are shared between
  // render threads; a stale hint is only a miss.
  mutable std::atomic<uint32_t> hint;
};
struct Call : Node {
  Node* callee;
  List<Node*> args;
  List<KwArg> kwargs;
};
struct Filter : Node {
  std::string_view name;
  FilterFn fn;  // nullptr when unknown: an error only if evaluated (as Nunjucks)
  Node* target;
  List<Node*> args;
  List<KwArg> kwargs;
};
struct Unary : Node {  // Neg, Pos, Not
  Node* target;
};
struct Binary : Node {  // arithmetic, Concat, And, Or, In
  Node* left;
  Node* right;
};
struct Is : Node {
  Node* target;
  std::string_view test;
  TestFn fn;  // nullptr when unknown
  List<Node*> args;
  List<KwArg> kwargs;
};
enum class CmpOp : uint8_t { Eq, StrictEq, Ne, StrictNe, Lt, Gt, Le, Ge };
struct CompareOperand {
  CmpOp op;
  Node* expr;
};
struct Compare : Node {
  Node* first;
  List<CompareOperand> ops;
};
struct InlineIf : Node {
  Node* cond;
  Node* body;
  Node* else_;  // may be null: yields ""
};
struct Aggregate : Node {  // Array, Group
  List<Node*> items;
};
struct DictPair {
  std::string_view key;
  Node* value;
};
struct Dict : Node {
  List<DictPair> pairs;
};
struct Slice : Node {  // jinja-compat a[start:stop:step]
  Node* target;
  Node* start;  // may be null
  Node* stop;
  Node* step;
};

struct Macro;
struct Caller : Node {  // the body of a {% call %} block, a macro defined in place
  Macro* macro;
};
struct Capture : Node {  // the output of a body as a string (set blocks, filter blocks)
  Body body;
};

struct Data : Node {
  std::string_view text;
};
struct Emit : Node {
  Node* expr;
};
struct If : Node {
  Node* cond;
  Body body;
  Body else_;
};
struct For : Node {
  List<std::string_view> names;
  Node* iter;
  Body body;
  Body else_;
  bool has_else;
};
struct Set : Node {
  List<std::string_view> targets;
  Node* value;  // null for the block form
  Body body;
};
struct MacroParam {
  std::string_view name;
  Node* default_value;  // null: a positional parameter
};
struct Macro : Node {
  std::string_view name;
  List<std::string_view> args;    // positional parameter names
  List<KwArg> kwargs;             // keyword parameters with defaults, in order
  Body body;
  bool is_caller;
};
struct Include : Node {
  Node* tmpl;
  bool ignore_missing;
};
struct Import : Node {
  Node* tmpl;
  std::string_view alias;
  bool with_context;
};
struct ImportName {
  std::string_view name;
  std::string_view alias;
  uint32_t pos;
};
struct FromImport : Node {
  Node* tmpl;
  List<ImportName> names;
  bool with_context;
};
struct Extends : Node {
  Node* tmpl;
};
struct Block : Node {
  std::string_view name;
  Body body;
};
struct Case {
  Node* cond;
  Body body;
};
struct Switch : Node {
  Node* expr;
  List<Case> cases;
  Body default_;
  bool has_default;
};

}  // namespace unjucks::tpl::ast
