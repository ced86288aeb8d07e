// The built-in tests (`x is odd`, `x is divisibleby(3)`, ...), called through find_test().
//
// kNunjucksTable holds results recorded from Nunjucks 3.2.4 (node, `{{ v is t(args) }}`): rows
// [test, value, args, result], values as JSON with markers ({"$u": 1} undefined, {"$safe": "s"} a
// SafeString), result true/false or {"$err": "..."} when Nunjucks throws.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "mem/arena.h"
#include "template/render/runtime.h"
#include "template/value/value.h"

namespace unjucks::tpl {
namespace {

using Json = nlohmann::ordered_json;

class TestRuntime final : public Runtime {
 public:
  explicit TestRuntime(mem::Arena& arena) : Runtime(arena) {}
  [[noreturn]] void fail(std::string message) override { throw std::runtime_error(message); }
  Value call(const Value&, const CallArgs&) override {
    throw std::runtime_error("call: unsupported");
  }
};

Value from_json(Runtime& rt, const Json& j) {
  if (j.is_null()) return Value::null();
  if (j.is_boolean()) return Value::boolean(j.get<bool>());
  if (j.is_number()) return Value::number(j.get<double>());
  if (j.is_string()) return rt.str(j.get<std::string>());
  if (j.is_array()) {
    ArrayObj* a = rt.new_array();
    for (const Json& e : j) a->push(rt.arena(), from_json(rt, e));
    return Value::array(a);
  }
  if (j.contains("$u")) return Value();
  if (j.contains("$safe")) return rt.str(j["$safe"].get<std::string>(), true);
  ObjectObj* o = rt.new_object();
  for (const auto& [k, v] : j.items()) o->set(rt.arena(), rt.arena().copy(k), from_json(rt, v));
  return Value::object(o);
}

class TestsTest : public ::testing::Test {
 protected:
  bool is(std::string_view test, const Value& v, std::vector<Value> args = {}) {
    TestFn fn = find_test(test);
    if (!fn) throw std::runtime_error("no test " + std::string(test));
    return fn(rt_, v, CallArgs{args.data(), static_cast<uint32_t>(args.size()), nullptr, 0});
  }
  Value s(std::string_view text, bool safe = false) { return rt_.str(text, safe); }
  static Value n(double d) { return Value::number(d); }

  mem::Arena arena_;
  TestRuntime rt_{arena_};
};

const char* const kNunjucksTable = R"json([
    ["lower", "ΌΣΟΣ ΣΑ Σ", [], false],
    ["lower", "aΣ", [], false],
    ["lower", "aΣ.", [], false],
    ["lower", "aΣb", [], false],
    ["lower", "a'Σ", [], false],
    ["lower", "İstanbul", [], false],
    ["lower", "ǅǄǆ", [], false],
    ["lower", "ﬀ ŉ ǰ ß", [], true],
    ["lower", "ΐ", [], true],
    ["lower", "ᾳ ᾼ", [], false],
    ["lower", "𐐀𐐨", [], false],
    ["lower", "Ⓐⓐ", [], false],
    ["lower", "ɪ", [], true],
    ["lower", {"$safe": "aB<c d"}, [], false],
    ["lower", 0, [], {"$err": "TypeError: value.toLowerCase is not a function"}],
    ["lower", true, [], {"$err": "TypeError: value.toLowerCase is not a function"}],
    ["lower", null, [], {"$err": "TypeError: Cannot read properties of null (reading 'toLowerC"}],
    ["lower",
     {"$u": 1},
     [],
     {"$err": "TypeError: Cannot read properties of undefined (reading 'toL"}],
    ["lower", [3, "b", 1], [], {"$err": "TypeError: value.toLowerCase is not a function"}],
    ["lower", {"b": 1, "a": 2}, [], {"$err": "TypeError: value.toLowerCase is not a function"}],
    ["upper", "ΌΣΟΣ ΣΑ Σ", [], true],
    ["upper", "aΣ", [], false],
    ["upper", "aΣ.", [], false],
    ["upper", "aΣb", [], false],
    ["upper", "a'Σ", [], false],
    ["upper", "İstanbul", [], false],
    ["upper", "ǅǄǆ", [], false],
    ["upper", "ﬀ ŉ ǰ ß", [], false],
    ["upper", "ΐ", [], false],
    ["upper", "ᾳ ᾼ", [], false],
    ["upper", "𐐀𐐨", [], false],
    ["upper", "Ⓐⓐ", [], false],
    ["upper", "ɪ", [], false],
    ["upper", {"$safe": "aB<c d"}, [], false],
    ["upper", 0, [], {"$err": "TypeError: value.toUpperCase is not a function"}],
    ["upper", true, [], {"$err": "TypeError: value.toUpperCase is not a function"}],
    ["upper", null, [], {"$err": "TypeError: Cannot read properties of null (reading 'toUpperC"}],
    ["upper",
     {"$u": 1},
     [],
     {"$err": "TypeError: Cannot read properties of undefined (reading 'toU"}],
    ["upper", [3, "b", 1], [], {"$err": "TypeError: value.toUpperCase is not a function"}],
    ["upper", {"b": 1, "a": 2}, [], {"$err": "TypeError: value.toUpperCase is not a function"}],
    ["callable", "aBc <d> e", [], false],
    ["callable", {"$safe": "aB<c d"}, [], false],
    ["callable", 0, [], false],
    ["callable", true, [], false],
    ["callable", null, [], false],
    ["callable", {"$u": 1}, [], false],
    ["callable", [3, "b", 1], [], false],
    ["callable", {"b": 1, "a": 2}, [], false],
    ["defined", "aBc <d> e", [], true],
    ["defined", {"$safe": "aB<c d"}, [], true],
    ["defined", 0, [], true],
    ["defined", true, [], true],
    ["defined", null, [], true],
    ["defined", {"$u": 1}, [], false],
    ["defined", [3, "b", 1], [], true],
    ["defined", {"b": 1, "a": 2}, [], true],
    ["escaped", "aBc <d> e", [], false],
    ["escaped", {"$safe": "aB<c d"}, [], true],
    ["escaped", 0, [], false],
    ["escaped", true, [], false],
    ["escaped", null, [], false],
    ["escaped", {"$u": 1}, [], false],
    ["escaped", [3, "b", 1], [], false],
    ["escaped", {"b": 1, "a": 2}, [], false],
    ["even", "aBc <d> e", [], false],
    ["even", {"$safe": "aB<c d"}, [], false],
    ["even", 0, [], true],
    ["even", true, [], false],
    ["even", null, [], true],
    ["even", {"$u": 1}, [], false],
    ["even", [3, "b", 1], [], false],
    ["even", {"b": 1, "a": 2}, [], false],
    ["odd", "aBc <d> e", [], false],
    ["odd", {"$safe": "aB<c d"}, [], false],
    ["odd", 0, [], false],
    ["odd", true, [], true],
    ["odd", null, [], false],
    ["odd", {"$u": 1}, [], false],
    ["odd", [3, "b", 1], [], false],
    ["odd", {"b": 1, "a": 2}, [], false],
    ["falsy", "aBc <d> e", [], false],
    ["falsy", {"$safe": "aB<c d"}, [], false],
    ["falsy", 0, [], true],
    ["falsy", true, [], false],
    ["falsy", null, [], true],
    ["falsy", {"$u": 1}, [], true],
    ["falsy", [3, "b", 1], [], false],
    ["falsy", {"b": 1, "a": 2}, [], false],
    ["truthy", "aBc <d> e", [], true],
    ["truthy", {"$safe": "aB<c d"}, [], true],
    ["truthy", 0, [], false],
    ["truthy", true, [], true],
    ["truthy", null, [], false],
    ["truthy", {"$u": 1}, [], false],
    ["truthy", [3, "b", 1], [], true],
    ["truthy", {"b": 1, "a": 2}, [], true],
    ["null", "aBc <d> e", [], false],
    ["null", {"$safe": "aB<c d"}, [], false],
    ["null", 0, [], false],
    ["null", true, [], false],
    ["null", null, [], true],
    ["null", {"$u": 1}, [], false],
    ["null", [3, "b", 1], [], false],
    ["null", {"b": 1, "a": 2}, [], false],
    ["number", "aBc <d> e", [], false],
    ["number", {"$safe": "aB<c d"}, [], false],
    ["number", 0, [], true],
    ["number", true, [], false],
    ["number", null, [], false],
    ["number", {"$u": 1}, [], false],
    ["number", [3, "b", 1], [], false],
    ["number", {"b": 1, "a": 2}, [], false],
    ["string", "aBc <d> e", [], true],
    ["string", {"$safe": "aB<c d"}, [], false],
    ["string", 0, [], false],
    ["string", true, [], false],
    ["string", null, [], false],
    ["string", {"$u": 1}, [], false],
    ["string", [3, "b", 1], [], false],
    ["string", {"b": 1, "a": 2}, [], false],
    ["undefined", "aBc <d> e", [], false],
    ["undefined", {"$safe": "aB<c d"}, [], false],
    ["undefined", 0, [], false],
    ["undefined", true, [], false],
    ["undefined", null, [], false],
    ["undefined", {"$u": 1}, [], true],
    ["undefined", [3, "b", 1], [], false],
    ["undefined", {"b": 1, "a": 2}, [], false],
    ["iterable", "aBc <d> e", [], true],
    ["iterable", {"$safe": "aB<c d"}, [], true],
    ["iterable", 0, [], false],
    ["iterable", true, [], false],
    ["iterable",
     null,
     [],
     {"$err": "TypeError: object null is not iterable (cannot read property"}],
    ["iterable",
     {"$u": 1},
     [],
     {"$err": "TypeError: undefined is not iterable (cannot read property S"}],
    ["iterable", [3, "b", 1], [], true],
    ["iterable", {"b": 1, "a": 2}, [], false],
    ["mapping", "aBc <d> e", [], false],
    ["mapping", {"$safe": "aB<c d"}, [], true],
    ["mapping", 0, [], false],
    ["mapping", true, [], false],
    ["mapping", null, [], false],
    ["mapping", {"$u": 1}, [], false],
    ["mapping", [3, "b", 1], [], false],
    ["mapping", {"b": 1, "a": 2}, [], true],
    ["divisibleby", "aBc <d> e", [3], false],
    ["divisibleby", {"$safe": "aB<c d"}, [3], false],
    ["divisibleby", true, [3], false],
    ["divisibleby", {"$u": 1}, [3], false],
    ["divisibleby", {"b": 1, "a": 2}, [3], false],
    ["divisibleby", {"$safe": "aB<c d"}, ["5"], false],
    ["divisibleby", true, ["5"], false],
    ["divisibleby", null, ["5"], true],
    ["divisibleby", [3, "b", 1], ["5"], false],
    ["divisibleby", "aBc <d> e", [0], false],
    ["divisibleby", 0, [0], false],
    ["divisibleby", null, [0], false],
    ["divisibleby", [3, "b", 1], [0], false],
    ["divisibleby", "aBc <d> e", ["abc"], false],
    ["divisibleby", {"$safe": "aB<c d"}, ["abc"], false],
    ["divisibleby", true, ["abc"], false],
    ["divisibleby", {"$u": 1}, ["abc"], false],
    ["divisibleby", {"b": 1, "a": 2}, ["abc"], false],
    ["divisibleby", {"$safe": "aB<c d"}, [null], false],
    ["divisibleby", true, [null], false],
    ["divisibleby", null, [null], false],
    ["divisibleby", [3, "b", 1], [null], false],
    ["divisibleby", "aBc <d> e", [{"$u": 1}], false],
    ["divisibleby", 0, [{"$u": 1}], false],
    ["divisibleby", null, [{"$u": 1}], false],
    ["divisibleby", [3, "b", 1], [{"$u": 1}], false],
    ["equalto", "aBc <d> e", [3], false],
    ["equalto", {"$safe": "aB<c d"}, [3], false],
    ["equalto", true, [3], false],
    ["equalto", {"$u": 1}, [3], false],
    ["equalto", {"b": 1, "a": 2}, [3], false],
    ["equalto", {"$safe": "aB<c d"}, ["5"], false],
    ["equalto", true, ["5"], false],
    ["equalto", null, ["5"], false],
    ["equalto", [3, "b", 1], ["5"], false],
    ["equalto", "aBc <d> e", [0], false],
    ["equalto", 0, [0], true],
    ["equalto", null, [0], false],
    ["equalto", [3, "b", 1], [0], false],
    ["equalto", "aBc <d> e", ["abc"], false],
    ["equalto", {"$safe": "aB<c d"}, ["abc"], false],
    ["equalto", true, ["abc"], false],
    ["equalto", {"$u": 1}, ["abc"], false],
    ["equalto", {"b": 1, "a": 2}, ["abc"], false],
    ["equalto", {"$safe": "aB<c d"}, [null], false],
    ["equalto", true, [null], false],
    ["equalto", null, [null], true],
    ["equalto", [3, "b", 1], [null], false],
    ["equalto", "aBc <d> e", [{"$u": 1}], false],
    ["equalto", 0, [{"$u": 1}], false],
    ["equalto", null, [{"$u": 1}], false],
    ["equalto", [3, "b", 1], [{"$u": 1}], false],
    ["ne", "aBc <d> e", [3], true],
    ["ne", {"$safe": "aB<c d"}, [3], true],
    ["ne", true, [3], true],
    ["ne", {"$u": 1}, [3], true],
    ["ne", {"b": 1, "a": 2}, [3], true],
    ["ne", {"$safe": "aB<c d"}, ["5"], true],
    ["ne", true, ["5"], true],
    ["ne", null, ["5"], true],
    ["ne", [3, "b", 1], ["5"], true],
    ["ne", "aBc <d> e", [0], true],
    ["ne", 0, [0], false],
    ["ne", null, [0], true],
    ["ne", [3, "b", 1], [0], true],
    ["ne", "aBc <d> e", ["abc"], true],
    ["ne", {"$safe": "aB<c d"}, ["abc"], true],
    ["ne", true, ["abc"], true],
    ["ne", {"$u": 1}, ["abc"], true],
    ["ne", {"b": 1, "a": 2}, ["abc"], true],
    ["ne", {"$safe": "aB<c d"}, [null], true],
    ["ne", true, [null], true],
    ["ne", null, [null], false],
    ["ne", [3, "b", 1], [null], true],
    ["ne", "aBc <d> e", [{"$u": 1}], true],
    ["ne", 0, [{"$u": 1}], true],
    ["ne", null, [{"$u": 1}], true],
    ["ne", [3, "b", 1], [{"$u": 1}], true],
    ["ge", "aBc <d> e", [3], false],
    ["ge", {"$safe": "aB<c d"}, [3], false],
    ["ge", true, [3], false],
    ["ge", {"$u": 1}, [3], false],
    ["ge", {"b": 1, "a": 2}, [3], false],
    ["ge", {"$safe": "aB<c d"}, ["5"], true],
    ["ge", true, ["5"], false],
    ["ge", null, ["5"], false],
    ["ge", [3, "b", 1], ["5"], false],
    ["ge", "aBc <d> e", [0], false],
    ["ge", 0, [0], true],
    ["ge", null, [0], true],
    ["ge", [3, "b", 1], [0], false],
    ["ge", "aBc <d> e", ["abc"], false],
    ["ge", {"$safe": "aB<c d"}, ["abc"], false],
    ["ge", true, ["abc"], false],
    ["ge", {"$u": 1}, ["abc"], false],
    ["ge", {"b": 1, "a": 2}, ["abc"], false],
    ["ge", {"$safe": "aB<c d"}, [null], false],
    ["ge", true, [null], true],
    ["ge", null, [null], true],
    ["ge", [3, "b", 1], [null], false],
    ["ge", "aBc <d> e", [{"$u": 1}], false],
    ["ge", 0, [{"$u": 1}], false],
    ["ge", null, [{"$u": 1}], false],
    ["ge", [3, "b", 1], [{"$u": 1}], false],
    ["gt", "aBc <d> e", [3], false],
    ["gt", {"$safe": "aB<c d"}, [3], false],
    ["gt", true, [3], false],
    ["gt", {"$u": 1}, [3], false],
    ["gt", {"b": 1, "a": 2}, [3], false],
    ["gt", {"$safe": "aB<c d"}, ["5"], true],
    ["gt", true, ["5"], false],
    ["gt", null, ["5"], false],
    ["gt", [3, "b", 1], ["5"], false],
    ["gt", "aBc <d> e", [0], false],
    ["gt", 0, [0], false],
    ["gt", null, [0], false],
    ["gt", [3, "b", 1], [0], false],
    ["gt", "aBc <d> e", ["abc"], false],
    ["gt", {"$safe": "aB<c d"}, ["abc"], false],
    ["gt", true, ["abc"], false],
    ["gt", {"$u": 1}, ["abc"], false],
    ["gt", {"b": 1, "a": 2}, ["abc"], false],
    ["gt", {"$safe": "aB<c d"}, [null], false],
    ["gt", true, [null], true],
    ["gt", null, [null], false],
    ["gt", [3, "b", 1], [null], false],
    ["gt", "aBc <d> e", [{"$u": 1}], false],
    ["gt", 0, [{"$u": 1}], false],
    ["gt", null, [{"$u": 1}], false],
    ["gt", [3, "b", 1], [{"$u": 1}], false],
    ["le", "aBc <d> e", [3], false],
    ["le", {"$safe": "aB<c d"}, [3], false],
    ["le", true, [3], true],
    ["le", {"$u": 1}, [3], false],
    ["le", {"b": 1, "a": 2}, [3], false],
    ["le", {"$safe": "aB<c d"}, ["5"], false],
    ["le", true, ["5"], true],
    ["le", null, ["5"], true],
    ["le", [3, "b", 1], ["5"], true],
    ["le", "aBc <d> e", [0], false],
    ["le", 0, [0], true],
    ["le", null, [0], true],
    ["le", [3, "b", 1], [0], false],
    ["le", "aBc <d> e", ["abc"], true],
    ["le", {"$safe": "aB<c d"}, ["abc"], true],
    ["le", true, ["abc"], false],
    ["le", {"$u": 1}, ["abc"], false],
    ["le", {"b": 1, "a": 2}, ["abc"], true],
    ["le", {"$safe": "aB<c d"}, [null], false],
    ["le", true, [null], false],
    ["le", null, [null], true],
    ["le", [3, "b", 1], [null], false],
    ["le", "aBc <d> e", [{"$u": 1}], false],
    ["le", 0, [{"$u": 1}], false],
    ["le", null, [{"$u": 1}], false],
    ["le", [3, "b", 1], [{"$u": 1}], false],
    ["lt", "aBc <d> e", [3], false],
    ["lt", {"$safe": "aB<c d"}, [3], false],
    ["lt", true, [3], true],
    ["lt", {"$u": 1}, [3], false],
    ["lt", {"b": 1, "a": 2}, [3], false],
    ["lt", {"$safe": "aB<c d"}, ["5"], false],
    ["lt", true, ["5"], true],
    ["lt", null, ["5"], true],
    ["lt", [3, "b", 1], ["5"], true],
    ["lt", "aBc <d> e", [0], false],
    ["lt", 0, [0], false],
    ["lt", null, [0], false],
    ["lt", [3, "b", 1], [0], false],
    ["lt", "aBc <d> e", ["abc"], true],
    ["lt", {"$safe": "aB<c d"}, ["abc"], true],
    ["lt", true, ["abc"], false],
    ["lt", {"$u": 1}, ["abc"], false],
    ["lt", {"b": 1, "a": 2}, ["abc"], true],
    ["lt", {"$safe": "aB<c d"}, [null], false],
    ["lt", true, [null], false],
    ["lt", null, [null], false],
    ["lt", [3, "b", 1], [null], false],
    ["lt", "aBc <d> e", [{"$u": 1}], false],
    ["lt", 0, [{"$u": 1}], false],
    ["lt", null, [{"$u": 1}], false],
    ["lt", [3, "b", 1], [{"$u": 1}], false]
])json";

TEST_F(TestsTest, MatchesNunjucksTable) {
  Json table = Json::parse(kNunjucksTable);
  ASSERT_GT(table.size(), 300u);
  int failures = 0;
  for (const Json& row : table) {
    std::vector<Value> args;
    for (const Json& a : row[2]) args.push_back(from_json(rt_, a));
    const Json& want = row[3];
    Json got;
    try {
      got = is(row[0].get<std::string>(), from_json(rt_, row[1]), args);
    } catch (const std::runtime_error& e) {
      got = Json{{"$err", e.what()}};
    }
    bool ok = want.is_object() ? got.is_object() : got == want;
    if (!ok && ++failures <= 30) ADD_FAILURE() << row.dump() << "\n  got: " << got.dump();
  }
  EXPECT_EQ(failures, 0);
}

// The cases of Nunjucks' own tests/tests.js.
TEST_F(TestsTest, NunjucksSuiteExamples) {
  EXPECT_FALSE(is("callable", s("!!!")));
  EXPECT_FALSE(is("defined", Value()));
  EXPECT_TRUE(is("defined", Value::null()));
  EXPECT_TRUE(is("undefined", Value()));
  EXPECT_FALSE(is("undefined", Value::null()));
  EXPECT_TRUE(is("null", Value::null()));
  EXPECT_FALSE(is("null", Value()));
  EXPECT_TRUE(is("divisibleby", s("6"), {n(3)}));
  EXPECT_FALSE(is("divisibleby", n(3), {n(2)}));
  EXPECT_TRUE(is("escaped", s("foobarbaz", true)));
  EXPECT_FALSE(is("escaped", s("foobarbaz")));
  EXPECT_FALSE(is("even", s("5")));
  EXPECT_TRUE(is("even", n(4)));
  EXPECT_TRUE(is("odd", s("5")));
  EXPECT_FALSE(is("odd", n(4)));
  EXPECT_TRUE(is("mapping", Value::object(rt_.new_object())));
  EXPECT_TRUE(is("falsy", n(0)));
  EXPECT_FALSE(is("falsy", s("pancakes")));
  EXPECT_FALSE(is("truthy", Value::null()));
  EXPECT_TRUE(is("truthy", s("pancakes")));
  EXPECT_TRUE(is("greaterthan", s("5"), {n(4)}));
  EXPECT_TRUE(is("ge", s("5"), {n(5)}));
  EXPECT_FALSE(is("lessthan", s("5"), {n(4)}));
  EXPECT_TRUE(is("le", s("5"), {n(5)}));
  EXPECT_FALSE(is("ne", n(5), {n(5)}));
  EXPECT_TRUE(is("iterable", Value::array(rt_.new_array())));
  EXPECT_TRUE(is("number", n(5)));
  EXPECT_FALSE(is("number", s("42")));
  EXPECT_TRUE(is("string", s("42")));
  EXPECT_FALSE(is("string", n(5)));
  EXPECT_FALSE(is("equalto", n(1), {n(2)}));
  EXPECT_TRUE(is("equalto", n(2), {n(2)}));
  Value o1 = Value::object(rt_.new_object()), o2 = Value::object(rt_.new_object());
  EXPECT_FALSE(is("sameas", o1, {o2}));
  EXPECT_TRUE(is("sameas", o1, {o1}));
  EXPECT_TRUE(is("lower", s("foobar")));
  EXPECT_FALSE(is("lower", s("Foobar")));
  EXPECT_TRUE(is("upper", s("FOOBAR")));
  EXPECT_FALSE(is("upper", s("Foobar")));
}

TEST_F(TestsTest, Aliases) {
  EXPECT_EQ(find_test("eq"), find_test("equalto"));
  EXPECT_EQ(find_test("sameas"), find_test("equalto"));
  EXPECT_EQ(find_test("gt"), find_test("greaterthan"));
  EXPECT_EQ(find_test("lt"), find_test("lessthan"));
  EXPECT_EQ(find_test("nosuchtest"), nullptr);
  EXPECT_EQ(find_test("none"), nullptr);  // `is none` reaches `null` through the parser
  for (const char* name :
       {"callable", "defined",   "divisibleby", "escaped",     "equalto", "eq",  "sameas",
        "even",     "falsy",     "ge",          "greaterthan", "gt",      "le",  "lessthan",
        "lt",       "lower",     "ne",          "null",        "number",  "odd", "string",
        "truthy",   "undefined", "upper",       "iterable",    "mapping"})
    EXPECT_NE(find_test(name), nullptr) << name;
}

// A SafeString is a JavaScript object: always truthy, never a string, only === to itself.
TEST_F(TestsTest, SafeStringsAreObjects) {
  Value empty_safe = s("", true);
  EXPECT_TRUE(is("truthy", empty_safe));
  EXPECT_FALSE(is("falsy", empty_safe));
  EXPECT_FALSE(is("string", s("a", true)));
  EXPECT_TRUE(is("mapping", s("a", true)));
  EXPECT_TRUE(is("iterable", s("a", true)));
  EXPECT_FALSE(is("lower", s("abc", true)));
  EXPECT_FALSE(is("equalto", s("a", true), {s("a")}));
  Value same = s("a", true);
  EXPECT_TRUE(is("sameas", same, {same}));
  EXPECT_TRUE(is("gt", s("10", true), {n(9)}));
}

TEST_F(TestsTest, StringTestsFailOnOtherValues) {
  EXPECT_THROW(is("lower", n(5)), std::runtime_error);
  EXPECT_THROW(is("upper", Value::null()), std::runtime_error);
  EXPECT_THROW(is("iterable", Value()), std::runtime_error);
  EXPECT_FALSE(is("iterable", n(5)));
}

TEST_F(TestsTest, UnicodeCase) {
  EXPECT_TRUE(is("lower", s("straße")));
  EXPECT_FALSE(is("upper", s("STRAßE")));  // ß upper-cases to SS
  EXPECT_TRUE(is("upper", s("ÀÉÎ")));
  EXPECT_TRUE(is("lower", s("όσος")));
  EXPECT_FALSE(is("lower", s("ΌΣΟΣ")));
}

TEST_F(TestsTest, NumbersFollowJavaScript) {
  EXPECT_FALSE(is("odd", n(-3)));  // -3 % 2 === -1
  EXPECT_TRUE(is("even", n(-4)));
  EXPECT_FALSE(is("even", s("x")));
  EXPECT_FALSE(is("divisibleby", n(3), {n(0)}));
  EXPECT_TRUE(is("divisibleby", n(0), {n(3)}));
  EXPECT_FALSE(is("gt", s("abc"), {n(1)}));
  EXPECT_TRUE(is("lt", s("abc"), {s("abd")}));
  EXPECT_TRUE(is("ge", Value::null(), {n(0)}));
  EXPECT_FALSE(is("ge", Value(), {n(0)}));
}

}  // namespace
}  // namespace unjucks::tpl
