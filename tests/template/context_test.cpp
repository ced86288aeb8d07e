#include "template/context.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "template/environment.h"

namespace unjucks::tpl {
namespace {

std::vector<std::string> keys_of(const ObjectObj* o) {
  std::vector<std::string> keys;
  for (const ObjectObj::Entry& e : *o) keys.emplace_back(e.key);
  return keys;
}

std::string error_of(const std::string& json) {
  Context ctx;
  try {
    ctx.parse_json(json);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "(no error)";
}

// Strings read from JSON are marked plain exactly when autoescaping would leave them as they
// are, and a render writes plain ones unescaped and the others escaped.
TEST(ContextTest, JsonStringsKnowWhetherTheyNeedEscaping) {
  Context ctx;
  Value v = ctx.parse_json(R"({"a": "plain text", "b": "x < y", "c": "it's", "d": "a\\b",
                              "e": "&", "f": "", "g": "\"q\"", "h": ">"})");
  const ObjectObj& o = *v.as_object();
  for (const char* k : {"a", "f"}) EXPECT_TRUE(o.find(k)->plain()) << k;
  for (const char* k : {"b", "c", "d", "e", "g", "h"}) EXPECT_FALSE(o.find(k)->plain()) << k;
  EXPECT_FALSE(ctx.str("made elsewhere").plain()) << "unknown unless looked at";

  Options opts;
  opts.autoescape = true;
  Environment env(opts);
  Context data;
  data.merge_json(R"({"a": "plain", "b": "<b>&'\"\\"})");
  EXPECT_EQ(env.render_string("{{ a }}|{{ b }}|{{ 'x<y' }}|{{ 'ok' }}", data),
            "plain|&lt;b&gt;&amp;&#39;&quot;&#92;|x&lt;y|ok");
}

TEST(ContextTest, SetAndGetCopiesTheKey) {
  Context ctx;
  {
    std::string key = "name";
    ctx.set(key, ctx.str("value"));
    key = "xxxx";  // the context must not point into the caller's string
  }
  EXPECT_EQ(ctx.get("name").as_string(), "value");
  ctx.set("name", Value::number(2));
  EXPECT_EQ(ctx.vars()->size, 1u);
  EXPECT_EQ(ctx.get("name").as_number(), 2);
  EXPECT_TRUE(ctx.get("missing").is_undefined());
}

TEST(ContextTest, ScalarsAndNumbersAreDoubles) {
  Context ctx;
  EXPECT_TRUE(ctx.parse_json("null").is_null());
  EXPECT_TRUE(ctx.parse_json("true").as_bool());
  EXPECT_FALSE(ctx.parse_json(" false ").as_bool());
  Value one = ctx.parse_json("1");
  ASSERT_TRUE(one.is_number());
  EXPECT_EQ(one.as_number(), 1.0);
  EXPECT_EQ(ctx.parse_json("1.0").as_number(), 1.0);
  EXPECT_EQ(ctx.parse_json("-42").as_number(), -42.0);
  EXPECT_EQ(ctx.parse_json("1e3").as_number(), 1000.0);
  EXPECT_EQ(ctx.parse_json("18446744073709551615").as_number(), 18446744073709551615.0);
  // Beyond 64 bits: still a double, as JSON.parse gives.
  EXPECT_EQ(ctx.parse_json("123456789012345678901234567890").as_number(), 1.2345678901234568e29);
  EXPECT_EQ(ctx.parse_json("9007199254740993").as_number(), 9007199254740992.0);
}

TEST(ContextTest, StringsAreDecodedAndOwnedByTheContext) {
  Context ctx;
  Value v;
  {
    std::string text = R"("a\"b\\c\n\u00e9\ud83d\ude00")";
    v = ctx.parse_json(text);
    text.assign(text.size(), 'x');
  }
  ASSERT_TRUE(v.is_string());
  EXPECT_EQ(v.as_string(), "a\"b\\c\n\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_FALSE(v.safe());
  EXPECT_EQ(ctx.parse_json(R"("")").as_string(), "");
}

TEST(ContextTest, ObjectsKeepKeyOrder) {
  Context ctx;
  Value v = ctx.parse_json(R"({"z": 1, "a": 2, "m": {"y": [], "b": {}}, "": "empty"})");
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(keys_of(v.as_object()), (std::vector<std::string>{"z", "a", "m", ""}));
  Value m = v.as_object()->get("m");
  ASSERT_TRUE(m.is_object());
  EXPECT_EQ(keys_of(m.as_object()), (std::vector<std::string>{"y", "b"}));
  EXPECT_EQ(m.as_object()->get("y").as_array()->size, 0u);
  EXPECT_EQ(m.as_object()->get("b").as_object()->size, 0u);
  EXPECT_EQ(v.as_object()->get("").as_string(), "empty");
}

TEST(ContextTest, RepeatedKeyKeepsFirstPositionAndLastValue) {
  Context ctx;
  Value v = ctx.parse_json(R"({"a": 1, "b": 2, "a": 3})");
  EXPECT_EQ(keys_of(v.as_object()), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(v.as_object()->get("a").as_number(), 3);
}

TEST(ContextTest, LargeObjectsAndArraysAreIndexed) {
  std::string json = "{";
  for (int i = 0; i < 100; ++i)
    json += (i ? "," : "") + ("\"k" + std::to_string(i) + "\":") + std::to_string(i);
  json += R"(,"list":[)";
  for (int i = 0; i < 1000; ++i) json += (i ? "," : "") + std::to_string(i);
  json += "]}";
  Context ctx;
  ctx.merge_json(json);
  EXPECT_EQ(ctx.vars()->size, 101u);
  EXPECT_EQ(ctx.get("k0").as_number(), 0);
  EXPECT_EQ(ctx.get("k77").as_number(), 77);
  EXPECT_EQ(ctx.vars()->begin()[99].key, "k99");
  const ArrayObj* list = ctx.get("list").as_array();
  ASSERT_EQ(list->size, 1000u);
  EXPECT_EQ(list->at(999).as_number(), 999);
}

TEST(ContextTest, RecordsShareInternedKeys) {
  Context ctx;
  Value v = ctx.parse_json(R"([{"id": 1, "name": "a"}, {"id": 2, "name": "b"}])");
  const ArrayObj* a = v.as_array();
  ASSERT_EQ(a->size, 2u);
  EXPECT_EQ(a->at(0).as_object()->begin()->key.data(), a->at(1).as_object()->begin()->key.data());
  EXPECT_EQ(a->at(1).as_object()->get("name").as_string(), "b");
}

TEST(ContextTest, MergeJsonOverridesAndAppends) {
  Context ctx;
  ctx.set("keep", Value::boolean(true));
  ctx.set("over", Value::number(1));
  ctx.merge_json(R"({"over": "x", "new": [1, 2]})");
  EXPECT_EQ(keys_of(ctx.vars()), (std::vector<std::string>{"keep", "over", "new"}));
  EXPECT_EQ(ctx.get("over").as_string(), "x");
  EXPECT_EQ(ctx.get("new").as_array()->size, 2u);
}

TEST(ContextTest, MergeJsonRejectsNonObjects) {
  Context ctx;
  try {
    ctx.merge_json("\n  [1, 2]");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "invalid JSON at line 2, column 3 (byte 3): the context must be a JSON object");
  }
  EXPECT_EQ(ctx.vars()->size, 0u);
}

TEST(ContextTest, SyntaxErrorsGiveLineColumnAndByte) {
  std::string msg = error_of("{\n  \"a\": [1,]\n}");
  EXPECT_NE(msg.find("line 2, column 11 (byte 12)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("unexpected ']'"), std::string::npos) << msg;
  EXPECT_NE(error_of("").find("line 1, column 1"), std::string::npos);
  EXPECT_NE(error_of("{} x").find("byte 3"), std::string::npos) << error_of("{} x");
  EXPECT_NE(error_of("\"\xff\"").find("invalid JSON"), std::string::npos);
  EXPECT_NE(error_of("[1, 2").find("invalid JSON"), std::string::npos);
  EXPECT_NE(error_of("NaN").find("invalid JSON"), std::string::npos);
}

TEST(ContextTest, DeepNestingUpToTheLimitParses) {
  constexpr int kDepth = 10'000;
  std::string json(kDepth, '[');
  json.append(kDepth, ']');
  Context ctx;
  Value v = ctx.parse_json(json);
  int depth = 0;
  while (v.is_array()) {
    ++depth;
    v = v.as_array()->at(0);
  }
  EXPECT_EQ(depth, kDepth);
}

TEST(ContextTest, NestingBeyondTheLimitIsAnErrorNotACrash) {
  std::string json = "{\"a\": ";
  json.append(200'000, '[');
  json.append(200'000, ']');
  json += "}";
  std::string msg = error_of(json);
  EXPECT_NE(msg.find("nesting deeper than 10000 levels"), std::string::npos) << msg;
  // The bracket that opens level 10001: '{' is level 1, so the 10000th '['.
  EXPECT_NE(msg.find("(byte " + std::to_string(6 + 9'999) + ")"), std::string::npos) << msg;
}

TEST(ContextTest, ArenaHoldsTheData) {
  Context ctx;
  size_t before = ctx.arena().used();
  ctx.merge_json(R"({"text": "a string long enough to be noticed in the arena"})");
  EXPECT_GT(ctx.arena().used(), before + 40);
}

// Deep records and --vars are refused by depth before a recursive reader sees them: nesting
// counted outside strings.
TEST(JsonDepth, CountsNestingOutsideStrings) {
  const size_t npos = std::string_view::npos;
  EXPECT_EQ(json_too_deep_at("{\"a\":[1,{\"b\":\"[[[[\"}]}", 3), npos);
  EXPECT_EQ(json_too_deep_at("{\"a\":[1,{\"b\":\"[[[[\"}]}", 2), 8u)
      << "the third level opens at offset 8";
  EXPECT_EQ(json_too_deep_at("42", 0), npos);
  EXPECT_EQ(json_too_deep_at(std::string(1000, '['), 1000), npos);
  EXPECT_EQ(json_too_deep_at(std::string(1000, '['), 999), 999u);
}

}  // namespace
}  // namespace unjucks::tpl
