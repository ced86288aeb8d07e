// The differential corpus: EJS templates whose output was recorded from ejs 3.1.10 the way Hygen
// renders (tests/migrate/ejs_cases/record.js). Each is converted and rendered by unjucks' engine
// with the generator's options (trimBlocks, lstripBlocks, no autoescape): the bytes must be
// EJS's. Cases marked "refused" must not be converted, with the reason named.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "migrate/template_converter.h"
#include "template/context.h"
#include "template/environment.h"
#include "template/error.h"
#include "template/loader.h"

namespace unjucks::migrate {
namespace {

nlohmann::json load_cases() {
  std::ifstream in(std::string(UNJUCKS_TEST_DATA) + "/migrate/ejs_cases/cases.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

std::string render_generator_style(const std::string& source, const nlohmann::json& data) {
  tpl::Options opts;
  opts.autoescape = false;
  opts.trim_blocks = true;
  opts.lstrip_blocks = true;
  tpl::Environment env(std::move(opts), std::make_unique<tpl::MapLoader>());
  tpl::Context ctx;
  ctx.merge_json(data.dump());
  return env.render_string(source, ctx);
}

TEST(EjsCorpus, ConvertedTemplatesPrintWhatEjsPrinted) {
  nlohmann::json cases = load_cases();
  ASSERT_GT(cases.size(), 40u);
  size_t checked = 0;
  for (const auto& c : cases) {
    const std::string name = c["name"];
    const std::string tmpl = c["template"];
    SCOPED_TRACE(name);
    ConvertedTemplate r = convert_ejs_text(tmpl, ConvertOptions{});
    if (c.contains("refused")) {
      EXPECT_FALSE(r.ok) << "converted to: " << r.text;
      ASSERT_FALSE(r.attention.empty());
      EXPECT_NE(r.attention[0].message.find(c["refused"].get<std::string>()), std::string::npos)
          << r.attention[0].message;
      continue;
    }
    ASSERT_TRUE(r.ok) << (r.attention.empty() ? "" : r.attention[0].message);
    ASSERT_TRUE(c.contains("expected"));
    std::string got;
    try {
      got = render_generator_style(r.text, c["data"]);
    } catch (const tpl::TemplateError& e) {
      ADD_FAILURE() << e.what() << "\nconverted:\n" << r.text;
      continue;
    }
    EXPECT_EQ(got, c["expected"].get<std::string>()) << "converted:\n" << r.text;
    ++checked;
  }
  EXPECT_GT(checked, 40u);
}

// Converting what the converter wrote changes nothing: it is Nunjucks, not EJS.
TEST(EjsCorpus, ConvertedTemplatesAreNotTakenForEjs) {
  for (const auto& c : load_cases()) {
    if (c.contains("refused")) continue;
    SCOPED_TRACE(c["name"].get<std::string>());
    ConvertedTemplate r = convert_ejs_text(c["template"].get<std::string>(), ConvertOptions{});
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(find_ejs_syntax(r.text), std::string::npos) << r.text;
  }
}

}  // namespace
}  // namespace unjucks::migrate
