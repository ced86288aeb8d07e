#include "gen/ejs_hint.h"

#include <gtest/gtest.h>

namespace unjucks::gen {
namespace {

TEST(EjsHintTest, FrontmatterWithEjsTagsIsFoundAtItsLine) {
  // Header lines 2-3 of the file, the tag on the second.
  EXPECT_EQ(find_unconverted_ejs("inject: false\nto: src/<%= name %>.ts\n", 2, "body\n", 5, false),
            3u);
  EXPECT_EQ(find_unconverted_ejs("to: <%- h.changeCase.camel(name) %>.js\n", 2, "", 4, false), 2u);
}

TEST(EjsHintTest, EjsBodyOfAnEjsFileWithoutNunjucksIsFound) {
  EXPECT_EQ(
      find_unconverted_ejs("to: x.ts\n", 2, "line\n<% if (withTests) { %>\nx\n<% } %>\n", 4, true),
      5u);
}

TEST(EjsHintTest, NunjucksTemplatesThatWriteEjsAreLeftAlone) {
  // A Nunjucks template generating an EJS view: the tags are its output.
  EXPECT_EQ(
      find_unconverted_ejs("to: views/{{ name }}.ejs\n", 2, "<h1><%= title %></h1>\n", 4, false),
      0u);
  // An .ejs.t file already converted: it uses Nunjucks somewhere.
  EXPECT_EQ(find_unconverted_ejs("to: x.ts\n", 2, "{{ name }} <%= kept %>\n", 4, true), 0u);
  EXPECT_EQ(find_unconverted_ejs("to: {{ name }}.ts\n", 2, "<%= kept %>\n", 4, true), 0u);
}

TEST(EjsHintTest, EjsAnchorsOfNunjucksTemplatesAreLeftAlone) {
  // Injecting after an ERB/EJS line of the target, in a template that is Nunjucks.
  EXPECT_EQ(find_unconverted_ejs("to: app.erb\ninject: true\nafter: \"<% end %>\"\n", 2,
                                 "{{ name }}\n", 6, false),
            0u);
  // The same anchor in a file with no Nunjucks at all is Hygen's.
  EXPECT_EQ(find_unconverted_ejs("to: app.erb\ninject: true\nafter: \"<% end %>\"\n", 2, "plain\n",
                                 6, false),
            4u);
  // An EJS `to:` is always found, Nunjucks elsewhere or not, and before other lines.
  EXPECT_EQ(find_unconverted_ejs("after: \"<% end %>\"\n  to: <%= name %>.rb\n", 2, "{{ name }}\n",
                                 5, false),
            3u);
}

TEST(EjsHintTest, NotTagsAreNotFound) {
  EXPECT_EQ(find_unconverted_ejs("to: a.ts\n", 2, "100<%> and <%% literal %%>\n", 4, true), 0u);
  EXPECT_EQ(find_unconverted_ejs("to: a.ts\n", 2, "x <% never closed\n", 4, true), 0u);
  EXPECT_EQ(find_unconverted_ejs("", 0, "<%", 1, true), 0u);
  EXPECT_EQ(find_unconverted_ejs("", 0, "", 1, true), 0u);
}

}  // namespace
}  // namespace unjucks::gen
