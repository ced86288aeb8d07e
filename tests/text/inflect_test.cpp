// Inflection tables. Every row was also run through the npm `inflection`
// package (v1.13.4); where it answers differently the row says so in a
// "// npm:" comment (all such differences are intended, see inflect.cpp).
#include "text/inflect.h"

#include <gtest/gtest.h>

#include <string_view>

namespace unjucks::text {
namespace {

struct WordPair {
  std::string_view singular;
  std::string_view plural;
};

void PrintTo(const WordPair& p, std::ostream* os) { *os << p.singular << '/' << p.plural; }

constexpr WordPair kPairs[] = {
    {"user", "users"},
    {"person", "people"},
    {"man", "men"},
    {"woman", "women"},
    {"human", "humans"},
    {"child", "children"},
    {"grandchild", "grandchildren"},
    {"mouse", "mice"},
    {"goose", "geese"},
    {"ox", "oxen"},
    {"foot", "feet"},
    {"tooth", "teeth"},
    {"box", "boxes"},
    {"fox", "foxes"},
    {"sex", "sexes"},
    {"status", "statuses"},
    {"bus", "buses"},
    {"alias", "aliases"},
    {"campus", "campuses"},
    {"virus", "viruses"},
    {"octopus", "octopuses"},
    {"bonus", "bonuses"},
    {"quiz", "quizzes"},
    {"matrix", "matrices"},
    {"index", "indices"},
    {"vertex", "vertices"},
    {"analysis", "analyses"},  // npm: singularize: analyasis
    {"thesis", "theses"},
    {"crisis", "crises"},
    {"diagnosis", "diagnoses"},
    {"hypothesis", "hypotheses"},
    {"axis", "axes"},  // npm: singularize: ax
    {"knife", "knives"},
    {"wife", "wives"},
    {"life", "lives"},
    {"wolf", "wolves"},
    {"half", "halves"},
    {"shelf", "shelves"},
    {"leaf", "leaves"},  // npm: pluralize: leafs; singularize: leave
    {"chief", "chiefs"},
    {"roof", "roofs"},
    {"cafe", "cafes"},  // npm: pluralize: caves
    {"safe", "safes"},  // npm: pluralize: saves
    {"category", "categories"},
    {"query", "queries"},
    {"property", "properties"},
    {"day", "days"},
    {"key", "keys"},
    {"guy", "guys"},
    {"soliloquy", "soliloquies"},
    {"church", "churches"},
    {"dish", "dishes"},
    {"class", "classes"},
    {"address", "addresses"},
    {"process", "processes"},
    {"buzz", "buzzes"},    // npm: pluralize: buzzs; singularize: buzze
    {"waltz", "waltzes"},  // npm: pluralize: waltzs; singularize: waltze
    {"size", "sizes"},
    {"hero", "heroes"},  // npm: pluralize: heros
    {"potato", "potatoes"},
    {"photo", "photos"},
    {"video", "videos"},
    {"shoe", "shoes"},  // npm: singularize: sho
    {"datum", "data"},
    {"medium", "media"},
    {"criterion", "criteria"},
    {"phenomenon", "phenomena"},  // npm: pluralize: phenomenons; singularize: phenomena;
                                  // pluralize(plural): phenomenas
    {"album", "albums"},
    {"forum", "forums"},
    {"cactus", "cacti"},  // npm: pluralize: cactus; singularize: cacti; pluralize(plural): cactis;
                          // singularize(singular): cactu
    {"radius", "radii"},  // npm: pluralize: radius; singularize: radii; pluralize(plural): radiis;
                          // singularize(singular): radiu
    {"fungus", "fungi"},  // npm: pluralize: fungus; singularize: fungi; pluralize(plural): fungis;
                          // singularize(singular): fungu
    {"genus", "genera"},
    {"movie", "movies"},
    {"cookie", "cookies"},  // npm: singularize: cooky
    {"zombie", "zombies"},  // npm: singularize: zomby
    {"tie", "ties"},        // npm: singularize: ty
    {"cache", "caches"},    // npm: singularize: cach
    {"niche", "niches"},    // npm: singularize: nich
    {"database", "databases"},
    {"case", "cases"},
    {"phase", "phases"},
    {"response", "responses"},
    {"house", "houses"},
    {"device", "devices"},
    {"price", "prices"},
    {"archive", "archives"},
    {"drive", "drives"},
    {"valve", "valves"},  // npm: singularize: valf
    {"objective", "objectives"},
    {"hive", "hives"},
    {"curve", "curves"},
    {"epoch", "epochs"},      // npm: pluralize: epoches
    {"stomach", "stomachs"},  // npm: pluralize: stomaches
    {"iris", "irises"},  // npm: pluralize: iris; singularize: irise; singularize(singular): iri
    {"premise", "premises"},
    {"exercise", "exercises"},
    {"specimen", "specimens"},
    {"menu", "menus"},
    {"cpu", "cpus"},
    {"schema", "schemas"},
    {"quota", "quotas"},  // npm: pluralize: quota; singularize(singular): quotum
    {"delta", "deltas"},  // npm: pluralize: delta; singularize(singular): deltum
    {"gas", "gases"},     // npm: pluralize: gas; singularize: gase; singularize(singular): ga
    {"lens", "lenses"},   // npm: pluralize: lens; singularize: lense; singularize(singular): len
    {"message", "messages"},
    {"salesperson", "salespeople"},
    {"policeman", "policemen"},  // npm: pluralize: policemans; singularize: policemen;
                                 // pluralize(plural): policemens
    {"user_account", "user_accounts"},
    {"UserAccount", "UserAccounts"},
    {"blog_post", "blog_posts"},
    {"Person", "People"},
    {"PERSON", "PEOPLE"},  // npm: pluralize: PEople; singularize: PErson
    {"SalesPerson", "SalesPeople"},
    {"MOUSE", "MICE"},  // npm: pluralize: Mice; singularize: Mouse
    {"Category", "Categories"},
    {"CATEGORY", "CATEGORIES"},  // npm: pluralize: CATEGORies; singularize: CATEGORy
    {"Box", "Boxes"},
    {"UserID", "UserIDs"},
    {"item2", "item2s"},
    {"café", "cafés"},
    {"Ärger", "Ärgers"},
};

class Inflection : public ::testing::TestWithParam<WordPair> {};

TEST_P(Inflection, Pluralize) { EXPECT_EQ(pluralize(GetParam().singular), GetParam().plural); }
TEST_P(Inflection, Singularize) { EXPECT_EQ(singularize(GetParam().plural), GetParam().singular); }
TEST_P(Inflection, PluralStaysPlural) {
  EXPECT_EQ(pluralize(GetParam().plural), GetParam().plural);
}
TEST_P(Inflection, SingularStaysSingular) {
  EXPECT_EQ(singularize(GetParam().singular), GetParam().singular);
}

INSTANTIATE_TEST_SUITE_P(Words, Inflection, ::testing::ValuesIn(kPairs));

// Uncountable words, also as the last word of a compound.
constexpr std::string_view kUncountable[] = {
    "equipment",
    "information",
    "rice",
    "money",
    "species",
    "series",
    "fish",  // npm: pluralize: fishes
    "sheep",
    "deer",
    "news",
    "police",    // npm: singularize: polouse
    "jeans",     // npm: singularize: jean
    "metadata",  // npm: singularize: metadatum
    "software",
    "middleware",        // npm: pluralize: middlewares
    "goldfish",          // npm: pluralize: goldfishes
    "reindeer",          // npm: pluralize: reindeers
    "subspecies",        // npm: singularize: subspecy
    "user_information",  // npm: pluralize: user_informations
    "UserSheep",         // npm: pluralize: UserSheeps
    "Equipment",
    "NEWS",
    "chassis",  // npm: pluralize: chasses
    "tennis",
    "physics",
};

class Uncountable : public ::testing::TestWithParam<std::string_view> {};

TEST_P(Uncountable, NeverChanges) {
  EXPECT_EQ(pluralize(GetParam()), GetParam());
  EXPECT_EQ(singularize(GetParam()), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Words, Uncountable, ::testing::ValuesIn(kUncountable));

struct Conversion {
  std::string_view input;
  std::string_view output;
};

void PrintTo(const Conversion& c, std::ostream* os) { *os << '"' << c.input << '"'; }

// Cases that only make sense in one direction.
TEST(Inflection, OneWay) {
  EXPECT_EQ(pluralize("basis"), "bases");
  EXPECT_EQ(singularize("bases"), "base");  // npm: basis
  EXPECT_EQ(singularize("indexes"), "index");
  EXPECT_EQ(singularize("persons"), "person");
  EXPECT_EQ(singularize("analytics"), "analytics");
  EXPECT_EQ(pluralize("hello world"), "hello worlds");
  EXPECT_EQ(pluralize("hello-world"), "hello-worlds");
  EXPECT_EQ(pluralize("human"), "humans");
  EXPECT_EQ(pluralize("box"), "boxes");
  EXPECT_EQ(pluralize("UserMouse"), "UserMice");
  EXPECT_EQ(pluralize("musk_ox"), "musk_oxen");
  EXPECT_EQ(pluralize("MuskOx"), "MuskOxen");
}

TEST(Inflection, WholeWordRulesDoNotMatchInsideWords) {
  EXPECT_EQ(pluralize("box"), "boxes");     // not "boxen"
  EXPECT_EQ(pluralize("price"), "prices");  // "rice" is uncountable
  EXPECT_EQ(pluralize("mongoose"), "mongooses");
  EXPECT_EQ(pluralize("slice"), "slices");  // npm: slice
  EXPECT_EQ(singularize("slices"), "slice");
  EXPECT_EQ(singularize("parties"), "party");  // "ties" -> "tie" only as a word
  EXPECT_EQ(singularize("taxes"), "tax");      // "axes" -> "axis" only as a word
}

TEST(Inflection, EmptyAndNonWordInput) {
  EXPECT_EQ(pluralize(""), "");  // npm: "s"
  EXPECT_EQ(singularize(""), "");
  EXPECT_EQ(pluralize("user_"), "user_");
  EXPECT_EQ(pluralize("123"), "123s");
  EXPECT_EQ(pluralize("!!"), "!!");
  EXPECT_EQ(pluralize("bad\xFF"), "bad\xFF");
}

class Camelize : public ::testing::TestWithParam<Conversion> {};
TEST_P(Camelize, UpperFirst) { EXPECT_EQ(camelize(GetParam().input), GetParam().output); }
INSTANTIATE_TEST_SUITE_P(Npm, Camelize,
                         ::testing::Values(Conversion{"message_properties", "MessageProperties"},
                                           Conversion{"active_model/errors", "ActiveModel::Errors"},
                                           Conversion{"hello-world", "Hello-world"},
                                           Conversion{"hello world", "Hello world"},
                                           Conversion{"helloWorld", "HelloWorld"},
                                           Conversion{"HTTP_server", "HTTPServer"},
                                           Conversion{"_foo_bar", "FooBar"},
                                           Conversion{"user_ID", "UserId"},
                                           Conversion{"a_b_c", "ABC"}, Conversion{"", ""},
                                           Conversion{"x", "X"}, Conversion{"a//b", "A::::B"},
                                           Conversion{"école_normale", "ÉcoleNormale"},
                                           Conversion{"snake_CASE_words", "SnakeCaseWords"},
                                           Conversion{"trailing_", "Trailing"}));

class CamelizeLowerFirst : public ::testing::TestWithParam<Conversion> {};
TEST_P(CamelizeLowerFirst, LowerFirst) {
  EXPECT_EQ(camelize(GetParam().input, true), GetParam().output);
}
INSTANTIATE_TEST_SUITE_P(Npm, CamelizeLowerFirst,
                         ::testing::Values(Conversion{"message_properties", "messageProperties"},
                                           Conversion{"active_model/errors", "activeModel::Errors"},
                                           Conversion{"Hello_world", "helloWorld"},
                                           Conversion{"HTTP_server", "hTTPServer"},
                                           Conversion{"_foo_bar", "FooBar"},
                                           Conversion{"UserName", "userName"}, Conversion{"", ""},
                                           Conversion{"École_normale", "écoleNormale"}));

class Humanize : public ::testing::TestWithParam<Conversion> {};
TEST_P(Humanize, Humanizes) { EXPECT_EQ(humanize(GetParam().input), GetParam().output); }
INSTANTIATE_TEST_SUITE_P(
    Npm, Humanize,
    ::testing::Values(Conversion{"employee_salary", "Employee salary"},
                      Conversion{"author_id", "Author"}, Conversion{"author_ids", "Author"},
                      Conversion{"AUTHOR_ID", "Author"}, Conversion{"id", "Id"},
                      Conversion{"_id", ""}, Conversion{"message_properties", "Message properties"},
                      Conversion{"helloWorld", "Helloworld"},
                      Conversion{"already human", "Already human"}, Conversion{"", ""},
                      Conversion{"étude_de_cas", "Étude de cas"},
                      Conversion{"user_id_card", "User id card"}));

class Classify : public ::testing::TestWithParam<Conversion> {};
TEST_P(Classify, Classifies) { EXPECT_EQ(classify(GetParam().input), GetParam().output); }
INSTANTIATE_TEST_SUITE_P(Npm, Classify,
                         ::testing::Values(Conversion{"user_accounts", "UserAccount"},
                                           Conversion{"people", "Person"},
                                           Conversion{"categories", "Category"},
                                           Conversion{"message_properties", "MessageProperty"},
                                           Conversion{"admin/user_accounts", "Admin::UserAccount"},
                                           Conversion{"statuses", "Status"},
                                           Conversion{"user", "User"}, Conversion{"data", "Datum"},
                                           Conversion{"geese", "Goose"},        // npm: "goose"
                                           Conversion{"analyses", "Analysis"},  // npm: "AnalyAsis"
                                           Conversion{"caches", "Cache"},       // npm: "Cach"
                                           Conversion{"boxes", "Box"}));

class Tableize : public ::testing::TestWithParam<Conversion> {};
TEST_P(Tableize, Tableizes) { EXPECT_EQ(tableize(GetParam().input), GetParam().output); }
INSTANTIATE_TEST_SUITE_P(
    Npm, Tableize,
    ::testing::Values(Conversion{"UserAccount", "user_accounts"}, Conversion{"Person", "people"},
                      Conversion{"fancyCategory", "fancy_categories"},
                      Conversion{"RawScaledScorer", "raw_scaled_scorers"},
                      Conversion{"Admin::UserAccount", "admin/user_accounts"},
                      Conversion{"Status", "statuses"},
                      Conversion{"HTTPServer", "http_servers"},  // npm: "h_t_t_p_servers"
                      Conversion{"UserID", "user_ids"},          // npm: "user_i_ds"
                      Conversion{"user_account", "user_accounts"},
                      Conversion{"USER", "users"},  // npm: "u_s_e_rs"
                      Conversion{"Mouse", "mice"},
                      Conversion{"XMLHttpRequest",
                                 "xml_http_requests"},                // npm: "x_m_l_http_requests"
                      Conversion{"User Account", "user_accounts"}));  // npm: "user _accounts"

class Slugify : public ::testing::TestWithParam<Conversion> {};
TEST_P(Slugify, Slugifies) { EXPECT_EQ(slugify(GetParam().input), GetParam().output); }
// No npm counterpart in `inflection`; accents are stripped with utf8proc
// (compatibility decomposition, marks stripped, case folded).
INSTANTIATE_TEST_SUITE_P(
    Table, Slugify,
    ::testing::Values(
        Conversion{"Hello, World!", "hello-world"}, Conversion{"  Héllo   Wörld  ", "hello-world"},
        Conversion{"Crème Brûlée", "creme-brulee"}, Conversion{"straße", "strasse"},
        Conversion{"Łódź", "łodz"}, Conversion{"ﬁle ①", "file-1"},
        Conversion{"Ｆｕｌｌｗｉｄｔｈ", "fullwidth"},
        Conversion{"日本語 テキスト", "日本語-テキスト"}, Conversion{"한국어", "한국어"},
        Conversion{"already-a-slug", "already-a-slug"}, Conversion{"--trim--me--", "trim-me"},
        Conversion{"Ünïcödé_and_under", "unicode-and-under"}, Conversion{"C++ & C#", "c-c"},
        Conversion{"100% pure", "100-pure"}, Conversion{"", ""}, Conversion{"!!!", ""},
        Conversion{"emoji 😀 here", "emoji-here"}, Conversion{"a.b/c\\d", "a-b-c-d"},
        Conversion{"привет мир", "привет-мир"},
        Conversion{"bad\xFF"
                   "byte",
                   "bad-byte"}));

}  // namespace
}  // namespace unjucks::text
