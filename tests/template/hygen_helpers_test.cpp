// Hygen's helper object `h` in templates: the parity corpus recorded from hygen 6.2.11's own
// helpers (scripts/gen_hygen_parity.js -> tests/text/hygen_parity.jsonl) rendered call by call
// through the engine, plus the behaviour around it (globals, context shadowing, errors).
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "template/ast/template.h"
#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"
#include "template/loader.h"

namespace unjucks::tpl {
namespace {

using Json = nlohmann::ordered_json;

std::string render(std::string_view src, std::string_view json = "{}") {
  Options opts;
  opts.autoescape = false;
  Environment env(std::move(opts), std::make_unique<MapLoader>());
  Context ctx;
  ctx.merge_json(json);
  return env.render_string(src, ctx);
}

// Runs the corpus from "/" (the folder it was recorded in: resolve and relative use it).
class InRoot {
 public:
  InRoot() {
    char buf[4096];
    if (::getcwd(buf, sizeof buf)) saved_ = buf;
    EXPECT_EQ(::chdir("/"), 0);
  }
  ~InRoot() {
    if (!saved_.empty()) {
      EXPECT_EQ(::chdir(saved_.c_str()), 0);
    }
  }

 private:
  std::string saved_;
};

TEST(HygenHelpers, ParityCorpusMatchesHygen) {
  std::ifstream in(std::string(UNJUCKS_TEST_DATA) + "/text/hygen_parity.jsonl");
  ASSERT_TRUE(in) << "tests/text/hygen_parity.jsonl is missing";
  InRoot root;
  Options opts;
  opts.autoescape = false;
  Environment env(std::move(opts), std::make_unique<MapLoader>());
  std::map<std::string, TemplatePtr> compiled;
  size_t total = 0;
  size_t failed = 0;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    Json c = Json::parse(line);
    const std::string f = c["f"];
    const Json& args = c["args"];
    std::string key = f + "/" + std::to_string(args.size());
    TemplatePtr& t = compiled[key];
    if (!t) {
      std::string call = "{{ h." + f + "(";
      for (size_t i = 0; i < args.size(); ++i)
        call += (i ? ", a[" : "a[") + std::to_string(i) + "]";
      t = env.compile(call + ") | dump }}", key);
    }
    Context ctx;
    ArrayObj* arr = ArrayObj::make(ctx.arena(), static_cast<uint32_t>(args.size()));
    for (const Json& a : args)
      arr->push(ctx.arena(),
                a.is_object() && a.contains("$undefined") ? Value() : ctx.parse_json(a.dump()));
    ctx.set("a", Value::array(arr));
    ++total;
    std::string got;
    bool threw = false;
    try {
      got = env.render_to_string(*t, ctx);
    } catch (const TemplateError& e) {
      threw = true;
      got = e.what();
    }
    bool ok = c.contains("throws") ? threw : (!threw && got == c["json"].get<std::string>());
    if (!ok && ++failed <= 40)
      ADD_FAILURE() << "h." << f << args.dump() << ": expected "
                    << (c.contains("throws") ? std::string("an error")
                                             : c["json"].get<std::string>())
                    << ", got " << (threw ? "error " : "") << got;
  }
  std::printf("hygen parity: %zu of %zu calls equal\n", total - failed, total);
  EXPECT_GE(total, 5000u);
  EXPECT_EQ(failed, 0u);
}

TEST(HygenHelpers, QuirksOfInflection) {
  EXPECT_EQ(render("{{ h.inflection.pluralize('API') }}"), "APIs");
  EXPECT_EQ(render("{{ h.inflection.singularize('cactus') }}"), "cactu");
  EXPECT_EQ(render("{{ h.inflection.version }}"), "1.13.1");
  EXPECT_EQ(render("{{ h.inflection.undasherize('foo-bar_baz') }}"), "FooBarBaz");
}

TEST(HygenHelpers, ContextVariableHidesIt) {
  EXPECT_EQ(render("{{ h }}", R"({"h": "mine"})"), "mine");
  EXPECT_EQ(render("{% set h = 3 %}{{ h }}"), "3");
}

TEST(HygenHelpers, UsableInFiltersAndExpressions) {
  EXPECT_EQ(render("{{ h.changeCase.pascal(name) | lower }}", R"({"name": "foo_bar"})"), "foobar");
  EXPECT_EQ(render("{{ 'a-b' | replace('-', h.path.sep) }}"), "a/b");
  EXPECT_EQ(render("{{ ['x_y', 'z'].map(h.changeCase.camel) | join(',') }}"), "xY,z");
  EXPECT_EQ(render("{{ h.path.parse('/a/b.js').name }}"), "b");
}

TEST(HygenHelpers, NonStringWhereHygenThrowsIsAnError) {
  try {
    render("{{ h.inflection.pluralize(5) }}");
    FAIL() << "no error";
  } catch (const TemplateError& e) {
    EXPECT_NE(std::string(e.what()).find("h.inflection.pluralize"), std::string::npos) << e.what();
  }
  EXPECT_THROW(render("{{ h.inflection.undasherize('a--b') }}"), TemplateError);
  EXPECT_THROW(render("{{ h.path.join('a', 5) }}"), TemplateError);
}

TEST(HygenHelpers, NotAMissingVariable) {
  Environment env(Options{}, std::make_unique<MapLoader>());
  TemplatePtr t = env.compile("{{ h.changeCase.pascal(name) }}{{ h.path.join(dir, 'x') }}", "t");
  std::vector<std::string> vars = env.referenced_variables(*t);
  EXPECT_EQ(vars, (std::vector<std::string>{"name", "dir"}));
}

}  // namespace
}  // namespace unjucks::tpl
