#include "template/value/js.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "mem/arena.h"
#include "template/value/value.h"

namespace unjucks::tpl {
namespace {

std::string fmt(double d) {
  char buf[64];
  return std::string(js::format_number(d, buf));
}

TEST(JsNumberTest, IntegersPrintWithoutAFraction) {
  EXPECT_EQ(fmt(1.0), "1");
  EXPECT_EQ(fmt(0), "0");
  EXPECT_EQ(fmt(-0.0), "0");  // String(-0) is "0"
  EXPECT_EQ(fmt(-42), "-42");
  EXPECT_EQ(fmt(100), "100");
  EXPECT_EQ(fmt(9007199254740992.0), "9007199254740992");
}

TEST(JsNumberTest, ShortestRoundTripDigits) {
  EXPECT_EQ(fmt(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(fmt(0.1), "0.1");
  EXPECT_EQ(fmt(1.5), "1.5");
  EXPECT_EQ(fmt(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(fmt(123.456), "123.456");
  EXPECT_EQ(fmt(1 - 0.9), "0.09999999999999998");
  EXPECT_EQ(fmt(4.35), "4.35");
}

TEST(JsNumberTest, ExponentThresholdsFollowJavaScript) {
  // Up to 1e21 numbers print in full; from 1e21 on with an exponent.
  EXPECT_EQ(fmt(1e20), "100000000000000000000");
  EXPECT_EQ(fmt(123456789012345678901.0), "123456789012345680000");
  EXPECT_EQ(fmt(1e21), "1e+21");
  EXPECT_EQ(fmt(-1e21), "-1e+21");
  EXPECT_EQ(fmt(1.5e300), "1.5e+300");
  EXPECT_EQ(fmt(1.7976931348623157e308), "1.7976931348623157e+308");
  // Down to 1e-6 in full; below with an exponent.
  EXPECT_EQ(fmt(1e-6), "0.000001");
  EXPECT_EQ(fmt(0.000123), "0.000123");
  EXPECT_EQ(fmt(1e-7), "1e-7");
  EXPECT_EQ(fmt(2.5e-7), "2.5e-7");
  EXPECT_EQ(fmt(5e-324), "5e-324");
}

TEST(JsNumberTest, NonFiniteValues) {
  EXPECT_EQ(fmt(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(fmt(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(fmt(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(JsStringTest, StringOfEachKind) {
  mem::Arena arena;
  auto str = [&](const Value& v) { return std::string(js::to_string(v, arena)); };
  EXPECT_EQ(str(Value()), "undefined");
  EXPECT_EQ(str(Value::null()), "null");
  EXPECT_EQ(str(Value::boolean(true)), "true");
  EXPECT_EQ(str(Value::boolean(false)), "false");
  EXPECT_EQ(str(Value::number(2.50)), "2.5");
  EXPECT_EQ(str(Value::string("héllo")), "héllo");
  ArrayObj* a = ArrayObj::make(arena);
  a->push(arena, Value::number(1));
  a->push(arena, Value::null());
  a->push(arena, Value::string("x"));
  a->push(arena, Value());
  // Array.prototype.join: null and undefined become empty.
  EXPECT_EQ(str(Value::array(a)), "1,,x,");
  ArrayObj* nested = ArrayObj::make(arena);
  nested->push(arena, Value::array(a));
  nested->push(arena, Value::number(2));
  EXPECT_EQ(str(Value::array(nested)), "1,,x,,2");
  EXPECT_EQ(str(Value::array(ArrayObj::make(arena))), "");
  EXPECT_EQ(str(Value::object(ObjectObj::make(arena))), "[object Object]");
  std::string appended = "n=";
  js::append_string(Value::number(-0.5), appended);
  EXPECT_EQ(appended, "n=-0.5");
}

TEST(JsNumberTest, ToNumberCoercions) {
  mem::Arena arena;
  EXPECT_EQ(js::to_number(Value::string("")), 0);
  EXPECT_EQ(js::to_number(Value::string("  12  ")), 12);
  EXPECT_EQ(js::to_number(Value::string("1e3")), 1000);
  EXPECT_EQ(js::to_number(Value::string("0x10")), 16);
  EXPECT_EQ(js::to_number(Value::string("-1.5")), -1.5);
  EXPECT_TRUE(std::isnan(js::to_number(Value::string("12px"))));
  EXPECT_TRUE(std::isnan(js::to_number(Value::string("abc"))));
  EXPECT_TRUE(std::isinf(js::to_number(Value::string("Infinity"))));
  EXPECT_EQ(js::to_number(Value::boolean(true)), 1);
  EXPECT_EQ(js::to_number(Value::boolean(false)), 0);
  EXPECT_EQ(js::to_number(Value::null()), 0);
  EXPECT_TRUE(std::isnan(js::to_number(Value())));
  ArrayObj* empty = ArrayObj::make(arena);
  EXPECT_EQ(js::to_number(Value::array(empty)), 0);  // "" -> 0
  ArrayObj* one = ArrayObj::make(arena);
  one->push(arena, Value::string("7"));
  EXPECT_EQ(js::to_number(Value::array(one)), 7);  // "7" -> 7
  one->push(arena, Value::number(8));
  EXPECT_TRUE(std::isnan(js::to_number(Value::array(one))));  // "7,8"
  EXPECT_TRUE(std::isnan(js::to_number(Value::object(ObjectObj::make(arena)))));
}

TEST(JsNumberTest, PrefixParsing) {
  EXPECT_EQ(js::parse_float_prefix("42abc"), 42);
  EXPECT_EQ(js::parse_float_prefix("  3.5e1x"), 35);
  EXPECT_EQ(js::parse_float_prefix("-0.25"), -0.25);
  EXPECT_TRUE(std::isnan(js::parse_float_prefix("abc")));
  EXPECT_TRUE(std::isnan(js::parse_float_prefix("")));
}

TEST(JsTruthTest, Truthiness) {
  mem::Arena arena;
  EXPECT_FALSE(js::truthy(Value()));
  EXPECT_FALSE(js::truthy(Value::null()));
  EXPECT_FALSE(js::truthy(Value::boolean(false)));
  EXPECT_FALSE(js::truthy(Value::number(0)));
  EXPECT_FALSE(js::truthy(Value::number(-0.0)));
  EXPECT_FALSE(js::truthy(Value::number(std::nan(""))));
  EXPECT_FALSE(js::truthy(Value::string("")));
  EXPECT_TRUE(js::truthy(Value::boolean(true)));
  EXPECT_TRUE(js::truthy(Value::number(0.0001)));
  EXPECT_TRUE(js::truthy(Value::number(-1)));
  EXPECT_TRUE(js::truthy(Value::string("0")));
  EXPECT_TRUE(js::truthy(Value::string(" ")));
  EXPECT_TRUE(js::truthy(Value::string("false")));
  // Empty arrays and objects are truthy in JavaScript.
  EXPECT_TRUE(js::truthy(Value::array(ArrayObj::make(arena))));
  EXPECT_TRUE(js::truthy(Value::object(ObjectObj::make(arena))));
}

class JsEqualityTest : public ::testing::Test {
 protected:
  Value arr(std::initializer_list<Value> items) {
    ArrayObj* a = ArrayObj::make(arena_);
    for (const Value& v : items) a->push(arena_, v);
    return Value::array(a);
  }
  mem::Arena arena_;
};

struct EqRow {
  const char* what;
  Value a, b;
  bool loose, strict;
};

TEST_F(JsEqualityTest, LooseAndStrictTable) {
  const Value nan = Value::number(std::nan(""));
  Value one_arr = arr({Value::number(1)});
  Value pair = arr({Value::number(1), Value::number(2)});
  const std::vector<EqRow> rows = {
      {"1 vs 1", Value::number(1), Value::number(1), true, true},
      {"1 vs '1'", Value::number(1), Value::string("1"), true, false},
      {"0 vs ''", Value::number(0), Value::string(""), true, false},
      {"0 vs false", Value::number(0), Value::boolean(false), true, false},
      {"'0' vs false", Value::string("0"), Value::boolean(false), true, false},
      {"'' vs false", Value::string(""), Value::boolean(false), true, false},
      {"true vs 1", Value::boolean(true), Value::number(1), true, false},
      {"true vs '1'", Value::boolean(true), Value::string("1"), true, false},
      {"true vs '2'", Value::boolean(true), Value::string("2"), false, false},
      {"null vs undefined", Value::null(), Value(), true, false},
      {"null vs null", Value::null(), Value::null(), true, true},
      {"undefined vs undefined", Value(), Value(), true, true},
      {"null vs 0", Value::null(), Value::number(0), false, false},
      {"undefined vs false", Value(), Value::boolean(false), false, false},
      {"NaN vs NaN", nan, nan, false, false},
      {"0 vs -0", Value::number(0), Value::number(-0.0), true, true},
      {"'a' vs 'a'", Value::string("a"), Value::string("a"), true, true},
      {"'a' vs 'A'", Value::string("a"), Value::string("A"), false, false},
      {"[1] vs 1", one_arr, Value::number(1), true, false},
      {"[1] vs '1'", one_arr, Value::string("1"), true, false},
      {"[1,2] vs '1,2'", pair, Value::string("1,2"), true, false},
      {"[1] vs same [1]", one_arr, one_arr, true, true},
      {"[1] vs another [1]", one_arr, arr({Value::number(1)}), false, false},
      {"[] vs ''", arr({}), Value::string(""), true, false},
      {"[] vs 0", arr({}), Value::number(0), true, false},
  };
  for (const EqRow& r : rows) {
    EXPECT_EQ(js::loose_equals(r.a, r.b), r.loose) << r.what << " (==)";
    EXPECT_EQ(js::loose_equals(r.b, r.a), r.loose) << r.what << " (== swapped)";
    EXPECT_EQ(js::strict_equals(r.a, r.b), r.strict) << r.what << " (===)";
    EXPECT_EQ(js::strict_equals(r.b, r.a), r.strict) << r.what << " (=== swapped)";
  }
}

struct CmpRow {
  const char* what;
  Value a, b;
  int expected;  // -1, 0, 1, or -2 when unordered
};

TEST_F(JsEqualityTest, RelationalComparisonTable) {
  const Value nan = Value::number(std::nan(""));
  const std::vector<CmpRow> rows = {
      {"1 < 2", Value::number(1), Value::number(2), -1},
      {"2 > 1", Value::number(2), Value::number(1), 1},
      {"1 = 1", Value::number(1), Value::number(1), 0},
      {"'10' < '9' as strings", Value::string("10"), Value::string("9"), -1},
      {"'10' > 9 as numbers", Value::string("10"), Value::number(9), 1},
      {"'B' < 'a' by code unit", Value::string("B"), Value::string("a"), -1},
      {"'abc' < 'abd'", Value::string("abc"), Value::string("abd"), -1},
      {"'ab' < 'abc'", Value::string("ab"), Value::string("abc"), -1},
      {"'é' > 'z'", Value::string("é"), Value::string("z"), 1},
      {"null = 0", Value::null(), Value::number(0), 0},
      {"null < 1", Value::null(), Value::number(1), -1},
      {"true > false", Value::boolean(true), Value::boolean(false), 1},
      {"undefined vs 1", Value(), Value::number(1), -2},
      {"NaN vs 1", nan, Value::number(1), -2},
      {"'a' vs 1", Value::string("a"), Value::number(1), -2},
      {"[2] > 1", arr({Value::number(2)}), Value::number(1), 1},
  };
  for (const CmpRow& r : rows) EXPECT_EQ(js::compare(r.a, r.b), r.expected) << r.what;
}

// DISABLED: engine bug. js::compare orders strings by UTF-8 bytes; JavaScript orders them by
// UTF-16 code units, which differs when a character above U+FFFF (a surrogate pair, 0xD8xx)
// meets one in U+E000..U+FFFF. Nunjucks: {{ "～" > "😀" }} is true and sort puts 😀 first.
TEST_F(JsEqualityTest, AstralCharactersCompareByUtf16CodeUnits) {
  // U+FF5E (one unit 0xFF5E) sorts after U+1F600 (surrogates 0xD83D 0xDE00) in JavaScript,
  // though its UTF-8 bytes sort before.
  EXPECT_EQ(js::compare(Value::string("\xEF\xBD\x9E"), Value::string("😀")), 1);
}

TEST_F(JsEqualityTest, NonAsciiStringsBelowThePrivateUseAreaCompare) {
  // Below U+E000 UTF-8 byte order and UTF-16 unit order agree.
  EXPECT_EQ(js::compare(Value::string("日"), Value::string("😀")), -1);
  EXPECT_EQ(js::compare(Value::string("é"), Value::string("e")), 1);
  EXPECT_EQ(js::compare(Value::string("αβ"), Value::string("αγ")), -1);
  EXPECT_TRUE(js::strict_equals(Value::string("日本"), Value::string("日本")));
}

TEST(JsMiscTest, TypeNames) {
  mem::Arena arena;
  EXPECT_EQ(js::type_name(Value()), "undefined");
  EXPECT_EQ(js::type_name(Value::null()), "object");
  EXPECT_EQ(js::type_name(Value::boolean(true)), "boolean");
  EXPECT_EQ(js::type_name(Value::number(1)), "number");
  EXPECT_EQ(js::type_name(Value::string("")), "string");
  EXPECT_EQ(js::type_name(Value::array(ArrayObj::make(arena))), "object");
  EXPECT_EQ(js::type_name(Value::object(ObjectObj::make(arena))), "object");
}

TEST(JsMiscTest, Utf16Length) {
  EXPECT_EQ(js::utf16_length(""), 0u);
  EXPECT_EQ(js::utf16_length("abc"), 3u);
  EXPECT_EQ(js::utf16_length("héllo"), 5u);
  EXPECT_EQ(js::utf16_length("日本語"), 3u);
  EXPECT_EQ(js::utf16_length("😀"), 2u);
  EXPECT_EQ(js::utf16_length("👍🏽ok"), 6u);
}

}  // namespace
}  // namespace unjucks::tpl
