// inflection 1.13.4 reimplemented. The plural and singular rules are the package's regular
// expressions, compiled with PCRE2 on bytes with ASCII-only case folding: what JavaScript's /gi
// (no /u) does with patterns made of ASCII letters. '$' matches only at the very end
// (PCRE2_DOLLAR_ENDONLY, as in JavaScript).
#include "text/js_inflection.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <vector>

#include "text/js_case.h"
#include "text/utf8.h"

namespace unjucks::text::inflection {

namespace {

// The nouns whose plural is the singular, lower-case, sorted (the package's list).
constexpr std::string_view kUncountable[] = {
    "accommodation",
    "adulthood",
    "advertising",
    "advice",
    "aggression",
    "aid",
    "air",
    "aircraft",
    "alcohol",
    "anger",
    "applause",
    "arithmetic",
    "assistance",
    "athletics",
    "bacon",
    "baggage",
    "beef",
    "biology",
    "blood",
    "botany",
    "bread",
    "butter",
    "carbon",
    "cardboard",
    "cash",
    "chalk",
    "chaos",
    "chess",
    "countryside",
    "crossroads",
    "dancing",
    "deer",
    "dignity",
    "dirt",
    "dust",
    "economics",
    "education",
    "electricity",
    "engineering",
    "enjoyment",
    "envy",
    "equipment",
    "ethics",
    "evidence",
    "evolution",
    "fame",
    "fiction",
    "flour",
    "flu",
    "food",
    "fuel",
    "fun",
    "furniture",
    "gallows",
    "garbage",
    "garlic",
    "genetics",
    "gold",
    "golf",
    "gossip",
    "gratitude",
    "grief",
    "guilt",
    "gymnastics",
    "happiness",
    "hardware",
    "harm",
    "hate",
    "hatred",
    "health",
    "heat",
    "help",
    "homework",
    "honesty",
    "honey",
    "hospitality",
    "housework",
    "humour",
    "hunger",
    "hydrogen",
    "ice",
    "importance",
    "inflation",
    "information",
    "innocence",
    "iron",
    "irony",
    "jam",
    "jewelry",
    "judo",
    "karate",
    "knowledge",
    "lack",
    "laughter",
    "lava",
    "leather",
    "leisure",
    "lightning",
    "linguine",
    "linguini",
    "linguistics",
    "literature",
    "litter",
    "livestock",
    "logic",
    "loneliness",
    "luck",
    "luggage",
    "macaroni",
    "machinery",
    "magic",
    "management",
    "mankind",
    "marble",
    "mathematics",
    "mayonnaise",
    "measles",
    "methane",
    "milk",
    "minus",
    "money",
    "mud",
    "mumps",
    "music",
    "nature",
    "news",
    "nitrogen",
    "nonsense",
    "nurture",
    "nutrition",
    "obedience",
    "obesity",
    "oxygen",
    "pasta",
    "patience",
    "physics",
    "poetry",
    "pollution",
    "poverty",
    "pride",
    "psychology",
    "publicity",
    "punctuation",
    "quartz",
    "racism",
    "relaxation",
    "reliability",
    "research",
    "respect",
    "revenge",
    "rice",
    "rubbish",
    "rum",
    "safety",
    "scenery",
    "seafood",
    "seaside",
    "series",
    "shame",
    "sheep",
    "shopping",
    "sleep",
    "smoke",
    "smoking",
    "snow",
    "soap",
    "software",
    "soil",
    "spaghetti",
    "species",
    "steam",
    "stuff",
    "stupidity",
    "sunshine",
    "symmetry",
    "tennis",
    "thirst",
    "thunder",
    "timber",
    "traffic",
    "transportation",
    "trust",
    "underwear",
    "unemployment",
    "unity",
    "validity",
    "veal",
    "vegetarianism",
    "vegetation",
    "vengeance",
    "violence",
    "vitality",
    "warmth",
    "wealth",
    "weather",
    "welfare",
    "wheat",
    "wildlife",
    "wisdom",
    "yoga",
    "zinc",
    "zoology",
};

constexpr std::string_view kNonTitlecased[] = {
    "and", "or",   "nor",  "a",  "an",   "the", "so",  "but", "to",   "of",   "at",
    "by",  "from", "into", "on", "onto", "off", "out", "in",  "over", "with", "for"};

// The package's regular expressions, by name.
enum Re : uint8_t {
  // plural forms
  kMen,
  kPeople,
  kChildren,
  kTia,
  kAnalyses,
  kDatabases,
  kDrives,
  kHives,
  kCurves,
  kLrves,
  kAves,
  kFoves,
  kMovies,
  kAeiouyies,
  kSeries,
  kXes,
  kMice,
  kBuses,
  kOes,
  kShoes,
  kCrises,
  kOctopuses,
  kAliases,
  kSummonses,
  kOxen,
  kMatrices,
  kVertices,
  kFeet,
  kTeeth,
  kGeese,
  kQuizzes,
  kWhereases,
  kCriteria,
  kGenera,
  kSs,
  kPluralS,
  // singular forms
  kMan,
  kPerson,
  kChild,
  kDrive,
  kOx,
  kAxis,
  kOctopus,
  kAlias,
  kSummons,
  kBus,
  kBuffalo,
  kTium,
  kSis,
  kFfe,
  kHive,
  kAeiouyy,
  kX,
  kMatrix,
  kVertex,
  kMouse,
  kFoot,
  kTooth,
  kGoose,
  kQuiz,
  kWhereas,
  kCriterion,
  kGenus,
  kSingularS,
  kCommon,
  kReCount
};

constexpr std::array<std::string_view, kReCount> kPatterns = {
    "^(m|wom)en$",
    "(pe)ople$",
    "(child)ren$",
    "([ti])a$",
    "((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)ses$",
    "(database)s$",
    "(drive)s$",
    "(hi|ti)ves$",
    "(curve)s$",
    "([lr])ves$",
    "([a])ves$",
    "([^fo])ves$",
    "(m)ovies$",
    "([^aeiouy]|qu)ies$",
    "(s)eries$",
    "(x|ch|ss|sh)es$",
    "([m|l])ice$",
    "(bus)es$",
    "(o)es$",
    "(shoe)s$",
    "(cris|ax|test)es$",
    "(octop|vir)uses$",
    "(alias|canvas|status|campus)es$",
    "^(summons|bonus)es$",
    "^(ox)en",
    "(matr)ices$",
    "(vert|ind)ices$",
    "^feet$",
    "^teeth$",
    "^geese$",
    "(quiz)zes$",
    "^(whereas)es$",
    "^(criteri)a$",
    "^genera$",
    "ss$",
    "s$",
    "^(m|wom)an$",
    "(pe)rson$",
    "(child)$",
    "(drive)$",
    "^(ox)$",
    "(ax|test)is$",
    "(octop|vir)us$",
    "(alias|status|canvas|campus)$",
    "^(summons|bonus)$",
    "(bu)s$",
    "(buffal|tomat|potat)o$",
    "([ti])um$",
    "sis$",
    "(?:([^f])fe|([lr])f)$",
    "(hi|ti)ve$",
    "([^aeiouy]|qu)y$",
    "(x|ch|ss|sh)$",
    "(matr)ix$",
    "(vert|ind)ex$",
    "([m|l])ouse$",
    "^foot$",
    "^tooth$",
    "^goose$",
    "(quiz)$",
    "^(whereas)$",
    "^(criteri)on$",
    "^genus$",
    "s$",
    "$"};

struct Rule {
  Re re;
  const char* replacement;  // nullptr: the word is left as it is (already in that form)
};

constexpr Rule kPluralRules[] = {
    {kMen, nullptr},       {kPeople, nullptr},    {kChildren, nullptr},  {kTia, nullptr},
    {kAnalyses, nullptr},  {kDatabases, nullptr}, {kDrives, nullptr},    {kHives, nullptr},
    {kCurves, nullptr},    {kLrves, nullptr},     {kFoves, nullptr},     {kAeiouyies, nullptr},
    {kSeries, nullptr},    {kMovies, nullptr},    {kXes, nullptr},       {kMice, nullptr},
    {kBuses, nullptr},     {kOes, nullptr},       {kShoes, nullptr},     {kCrises, nullptr},
    {kOctopuses, nullptr}, {kAliases, nullptr},   {kSummonses, nullptr}, {kOxen, nullptr},
    {kMatrices, nullptr},  {kFeet, nullptr},      {kTeeth, nullptr},     {kGeese, nullptr},
    {kQuizzes, nullptr},   {kWhereases, nullptr}, {kCriteria, nullptr},  {kGenera, nullptr},
    {kMan, "$1en"},        {kPerson, "$1ople"},   {kChild, "$1ren"},     {kDrive, "$1s"},
    {kOx, "$1en"},         {kAxis, "$1es"},       {kOctopus, "$1uses"},  {kAlias, "$1es"},
    {kSummons, "$1es"},    {kBus, "$1ses"},       {kBuffalo, "$1oes"},   {kTium, "$1a"},
    {kSis, "ses"},         {kFfe, "$1$2ves"},     {kHive, "$1ves"},      {kAeiouyy, "$1ies"},
    {kMatrix, "$1ices"},   {kVertex, "$1ices"},   {kX, "$1es"},          {kMouse, "$1ice"},
    {kFoot, "feet"},       {kTooth, "teeth"},     {kGoose, "geese"},     {kQuiz, "$1zes"},
    {kWhereas, "$1es"},    {kCriterion, "$1a"},   {kGenus, "genera"},    {kSingularS, "s"},
    {kCommon, "s"}};

constexpr Rule kSingularRules[] = {
    {kMan, nullptr},       {kPerson, nullptr},   {kChild, nullptr},      {kDrive, nullptr},
    {kOx, nullptr},        {kAxis, nullptr},     {kOctopus, nullptr},    {kAlias, nullptr},
    {kSummons, nullptr},   {kBus, nullptr},      {kBuffalo, nullptr},    {kTium, nullptr},
    {kSis, nullptr},       {kFfe, nullptr},      {kHive, nullptr},       {kAeiouyy, nullptr},
    {kX, nullptr},         {kMatrix, nullptr},   {kMouse, nullptr},      {kFoot, nullptr},
    {kTooth, nullptr},     {kGoose, nullptr},    {kQuiz, nullptr},       {kWhereas, nullptr},
    {kCriterion, nullptr}, {kGenus, nullptr},    {kMen, "$1an"},         {kPeople, "$1rson"},
    {kChildren, "$1"},     {kDatabases, "$1"},   {kDrives, "$1"},        {kGenera, "genus"},
    {kCriteria, "$1on"},   {kTia, "$1um"},       {kAnalyses, "$1$2sis"}, {kHives, "$1ve"},
    {kCurves, "$1"},       {kLrves, "$1f"},      {kAves, "$1ve"},        {kFoves, "$1fe"},
    {kMovies, "$1ovie"},   {kAeiouyies, "$1y"},  {kSeries, "$1eries"},   {kXes, "$1"},
    {kMice, "$1ouse"},     {kBuses, "$1"},       {kOes, "$1"},           {kShoes, "$1"},
    {kCrises, "$1is"},     {kOctopuses, "$1us"}, {kAliases, "$1"},       {kSummonses, "$1"},
    {kOxen, "$1"},         {kMatrices, "$1ix"},  {kVertices, "$1ex"},    {kFeet, "foot"},
    {kTeeth, "tooth"},     {kGeese, "goose"},    {kQuizzes, "$1"},       {kWhereases, "$1"},
    {kSs, "ss"},           {kPluralS, ""}};

struct CodeFree {
  void operator()(pcre2_code* c) const { pcre2_code_free(c); }
};

// Compiled once, shared by every thread (pcre2_match is thread-safe on a compiled pattern).
const std::array<std::unique_ptr<pcre2_code, CodeFree>, kReCount>& compiled() {
  static std::array<std::unique_ptr<pcre2_code, CodeFree>, kReCount> codes;
  static std::once_flag once;
  std::call_once(once, [] {
    for (size_t i = 0; i < kReCount; ++i) {
      int err = 0;
      PCRE2_SIZE off = 0;
      codes[i].reset(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(kPatterns[i].data()),
                                   kPatterns[i].size(), PCRE2_CASELESS | PCRE2_DOLLAR_ENDONLY, &err,
                                   &off, nullptr));
    }
  });
  return codes;
}

struct MatchFree {
  void operator()(pcre2_match_data* m) const { pcre2_match_data_free(m); }
};

// str.replace(re, replacement) with a global regular expression; nullopt when nothing matched.
std::optional<std::string> replace_all(Re re, std::string_view s, std::string_view replacement) {
  const pcre2_code* code = compiled()[re].get();
  std::unique_ptr<pcre2_match_data, MatchFree> md(
      pcre2_match_data_create_from_pattern(code, nullptr));
  std::string out;
  size_t pos = 0;
  size_t copied = 0;
  bool any = false;
  while (pos <= s.size()) {
    int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), pos, 0, md.get(),
                         nullptr);
    if (rc < 0) break;
    any = true;
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md.get());
    out.append(s.substr(copied, ov[0] - copied));
    for (size_t i = 0; i < replacement.size(); ++i) {
      char c = replacement[i];
      if (c == '$' && i + 1 < replacement.size() && replacement[i + 1] >= '1' &&
          replacement[i + 1] <= '9') {
        auto g = static_cast<size_t>(replacement[i + 1] - '0');
        if (g < static_cast<size_t>(rc) && ov[2 * g] != PCRE2_UNSET)
          out.append(s.substr(ov[2 * g], ov[2 * g + 1] - ov[2 * g]));
        ++i;
        continue;
      }
      out += c;
    }
    copied = ov[1];
    pos = ov[1] == ov[0] ? ov[1] + 1 : ov[1];
  }
  if (!any) return std::nullopt;
  out.append(s.substr(std::min(copied, s.size())));
  return out;
}

template <size_t N>
std::string apply_rules(std::string_view s, const Rule (&rules)[N]) {
  if (uncountable(s)) return std::string(s);
  for (const Rule& r : rules) {
    if (r.replacement == nullptr) {
      if (replace_all(r.re, s, "")) return std::string(s);
      continue;
    }
    if (auto out = replace_all(r.re, s, r.replacement)) return *out;
  }
  return std::string(s);
}

template <size_t N>
bool contains(const std::string_view (&list)[N], std::string_view w) {
  return std::find(std::begin(list), std::end(list), w) != std::end(list);
}

std::vector<std::string_view> split(std::string_view s, std::string_view sep) {
  std::vector<std::string_view> out;
  size_t start = 0;
  for (;;) {
    size_t at = s.find(sep, start);
    if (at == std::string_view::npos) break;
    out.push_back(s.substr(start, at - start));
    start = at + sep.size();
  }
  out.push_back(s.substr(start));
  return out;
}

// The first UTF-16 code unit of `s` mapped by `map` (one outside the BMP stays), and the rest.
template <typename Map>
std::string map_first_unit(std::string_view s, Map map) {
  if (s.empty()) return {};
  CodePoint first = decode_at(s, 0);
  if (first.value > 0xFFFF) return std::string(s);
  std::string out = map(s.substr(0, first.length));
  out.append(s.substr(first.length));
  return out;
}

std::string upper_first(std::string_view s) { return map_first_unit(s, js_to_upper); }

// JavaScript's parseInt(s, 10) is not NaN: optional white space, a sign, then a digit.
bool parses_as_int(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    CodePoint cp = decode_at(s, i);
    char32_t c = cp.value;
    bool space = c == 0x09 || c == 0x0B || c == 0x0C || c == 0x20 || c == 0xA0 || c == 0xFEFF ||
                 c == 0x0A || c == 0x0D || c == 0x2028 || c == 0x2029 || c == 0x1680 ||
                 (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
    if (!space) break;
    i += cp.length;
  }
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  return i < s.size() && s[i] >= '0' && s[i] <= '9';
}

}  // namespace

bool uncountable(std::string_view s) { return contains(kUncountable, js_to_lower(s)); }

std::string pluralize(std::string_view s) { return apply_rules(s, kPluralRules); }
std::string singularize(std::string_view s) { return apply_rules(s, kSingularRules); }

std::string camelize(std::string_view s, bool low_first_letter) {
  std::string out;
  out.reserve(s.size());
  std::vector<std::string_view> path = split(s, "/");
  for (size_t i = 0; i < path.size(); ++i) {
    if (i != 0) out += "::";
    std::vector<std::string_view> words = split(path[i], "_");
    for (size_t k = 0; k < words.size(); ++k) {
      std::string w = k != 0 ? js_to_lower(words[k]) : std::string(words[k]);
      bool low = low_first_letter && i == 0 && k == 0;
      out += map_first_unit(w, low ? js_to_lower : js_to_upper);
    }
  }
  return out;
}

std::string underscore(std::string_view s, bool all_upper_case) {
  if (all_upper_case && js_to_upper(s) == s) return std::string(s);
  std::string joined;
  joined.reserve(s.size() + 8);
  std::vector<std::string_view> path = split(s, "::");
  for (size_t i = 0; i < path.size(); ++i) {
    if (i != 0) joined += '/';
    std::string part;
    for (char c : path[i]) {
      if (c >= 'A' && c <= 'Z') part += '_';
      part += c;
    }
    if (!part.empty() && part[0] == '_') part.erase(0, 1);
    joined += part;
  }
  return js_to_lower(joined);
}

std::string humanize(std::string_view s, bool low_first_letter) {
  std::string l = js_to_lower(s);
  if (l.size() >= 4 && l.compare(l.size() - 4, 4, "_ids") == 0)
    l.resize(l.size() - 4);
  else if (l.size() >= 3 && l.compare(l.size() - 3, 3, "_id") == 0)
    l.resize(l.size() - 3);
  std::replace(l.begin(), l.end(), '_', ' ');
  return low_first_letter ? l : capitalize(l);
}

std::string capitalize(std::string_view s) { return upper_first(js_to_lower(s)); }

std::string dasherize(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == ' ' || c == '_') c = '-';
  return out;
}

std::string titleize(std::string_view s) {
  std::string l = js_to_lower(s);
  std::replace(l.begin(), l.end(), '_', ' ');
  std::string out;
  out.reserve(l.size());
  std::vector<std::string_view> words = split(l, " ");
  for (size_t i = 0; i < words.size(); ++i) {
    if (i != 0) out += ' ';
    std::vector<std::string_view> parts = split(words[i], "-");
    for (size_t k = 0; k < parts.size(); ++k) {
      if (k != 0) out += '-';
      if (contains(kNonTitlecased, js_to_lower(parts[k])))
        out += parts[k];
      else
        out += capitalize(parts[k]);
    }
  }
  return upper_first(out);
}

std::string demodulize(std::string_view s) {
  size_t at = s.rfind("::");
  return std::string(at == std::string_view::npos ? s : s.substr(at + 2));
}

std::string tableize(std::string_view s) { return pluralize(underscore(s)); }
std::string classify(std::string_view s) { return singularize(camelize(s)); }

std::string foreign_key(std::string_view s, bool drop_id_ubar) {
  return underscore(demodulize(s)) + (drop_id_ubar ? "" : "_") + "id";
}

std::string ordinalize(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  std::vector<std::string_view> words = split(s, " ");
  for (size_t i = 0; i < words.size(); ++i) {
    if (i != 0) out += ' ';
    std::string_view w = words[i];
    out += w;
    if (!parses_as_int(w)) continue;
    std::string_view ltd = w.substr(w.size() >= 2 ? w.size() - 2 : 0);
    char ld = w.back();
    const char* suffix = "th";
    if (ltd != "11" && ltd != "12" && ltd != "13") {
      if (ld == '1')
        suffix = "st";
      else if (ld == '2')
        suffix = "nd";
      else if (ld == '3')
        suffix = "rd";
    }
    out += suffix;
  }
  return out;
}

std::optional<std::string> undasherize(std::string_view s) {
  std::string out;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i < s.size() && s[i] != '-' && s[i] != '_') continue;
    std::string_view w = s.substr(start, i - start);
    if (w.empty()) return std::nullopt;  // w[0] is undefined: Hygen throws
    CodePoint first = decode_at(w, 0);
    if (first.value > 0xFFFF) {
      // w[0] is a lone high surrogate (toUpperCase leaves it); the rest is lower-cased from the
      // low surrogate on, which joins it again.
      out += w.substr(0, first.length);
    } else {
      out += js_to_upper(w.substr(0, first.length));
    }
    out += js_to_lower(w.substr(first.length));
    start = i + 1;
  }
  return out;
}

}  // namespace unjucks::text::inflection
