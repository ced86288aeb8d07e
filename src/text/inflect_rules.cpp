// Inflection data. Sources: the npm `inflection` package (v1.13) and Rails'
// ActiveSupport inflections, extended with the irregular words a code
// generator meets (caches, statuses, indices, ...). See inflect_rules.h for
// how the rules are matched.
#include "text/inflect_rules.h"

#include <array>
#include <vector>

namespace unjucks::text::inflect_detail {
namespace {

constexpr unsigned kW = kWholeWord;
constexpr unsigned kC = kAfterConsonant;
constexpr unsigned kP = kPluralizeOnly;

// clang-format off
constexpr Rule kRules[] = {
    // Regular endings.
    {"", "s"},
    {"ss", "sses"}, {"sh", "shes"}, {"ch", "ches"}, {"x", "xes"},
    {"zz", "zzes"}, {"tz", "tzes"}, {"z", "zes", kP},  // sizes -> size
    {"y", "ies", kC}, {"quy", "quies"},
    {"is", "ises", kP},           // iris -> irises; premises -> premise
    {"sis", "ses", kP},           // basis -> bases; bases -> base
    {"lysis", "lyses"}, {"thesis", "theses"}, {"gnosis", "gnoses"}, {"opsis", "opses"},
    {"crisis", "crises"}, {"oasis", "oases", kW}, {"axis", "axes", kW}, {"iris", "irises"},
    {"emphasis", "emphases"}, {"genesis", "geneses"}, {"nemesis", "nemeses"},
    {"neurosis", "neuroses"}, {"psychosis", "psychoses"}, {"thrombosis", "thromboses"},
    {"metamorphosis", "metamorphoses"},

    // Irregular nouns.
    {"person", "people"}, {"man", "men"}, {"child", "children"}, {"ox", "oxen", kW},
    {"mouse", "mice"}, {"louse", "lice", kW}, {"goose", "geese", kW}, {"foot", "feet", kW},
    {"tooth", "teeth", kW}, {"genus", "genera", kW}, {"criterion", "criteria"},
    {"phenomenon", "phenomena"}, {"quiz", "quizzes"}, {"die", "dies", kW},
    {"pie", "pies", kW}, {"tie", "ties", kW}, {"lie", "lies", kW}, {"whereas", "whereases", kW},
    // "-man" words that are not compounds of "man", and "-men" singulars.
    {"human", "humans"}, {"german", "germans"}, {"roman", "romans", kW}, {"shaman", "shamans"},
    {"talisman", "talismans"}, {"ottoman", "ottomans"}, {"caiman", "caimans"},
    {"cayman", "caymans"}, {"walkman", "walkmans"}, {"doberman", "dobermans"},
    {"specimen", "specimens"}, {"abdomen", "abdomens"}, {"acumen", "acumens"},
    {"albumen", "albumens"}, {"amen", "amens", kW}, {"bitumen", "bitumens"},
    {"cognomen", "cognomens"}, {"hymen", "hymens", kW}, {"lumen", "lumens"},
    {"omen", "omens", kW}, {"regimen", "regimens"}, {"semen", "semens", kW},
    {"stamen", "stamens"},
    // Latin and Greek plurals.
    {"index", "indices"}, {"vertex", "vertices"}, {"vortex", "vortices"},
    {"cortex", "cortices"}, {"matrix", "matrices"}, {"appendix", "appendices"},
    {"datum", "data", kW}, {"medium", "media"}, {"bacterium", "bacteria"},
    {"curriculum", "curricula"}, {"memorandum", "memoranda"}, {"stratum", "strata"},
    {"addendum", "addenda"}, {"erratum", "errata"}, {"millennium", "millennia"},
    {"symposium", "symposia"}, {"ovum", "ova", kW},
    {"cactus", "cacti"}, {"fungus", "fungi"}, {"nucleus", "nuclei"}, {"radius", "radii"},
    {"stimulus", "stimuli"}, {"syllabus", "syllabi"}, {"alumnus", "alumni"},
    {"locus", "loci", kW}, {"thesaurus", "thesauri"}, {"modulus", "moduli"},
    // "-us" and "-as" words that take "-es" (other words ending in "s" are
    // taken to be plural already: "menus", "ideas").
    {"bus", "buses"}, {"status", "statuses"}, {"campus", "campuses"}, {"bonus", "bonuses"},
    {"census", "censuses"}, {"virus", "viruses"}, {"corpus", "corpuses"},
    {"prospectus", "prospectuses"}, {"apparatus", "apparatuses"}, {"sinus", "sinuses"},
    {"chorus", "choruses"}, {"circus", "circuses"}, {"hiatus", "hiatuses"},
    {"nexus", "nexuses"}, {"onus", "onuses", kW}, {"opus", "opuses", kW},
    {"plus", "pluses", kW}, {"surplus", "surpluses"}, {"walrus", "walruses"},
    {"octopus", "octopuses"}, {"platypus", "platypuses"}, {"consensus", "consensuses"},
    {"exodus", "exoduses"}, {"genius", "geniuses"}, {"focus", "focuses"},
    {"abacus", "abacuses"}, {"lotus", "lotuses"}, {"impetus", "impetuses"},
    {"fetus", "fetuses"}, {"stylus", "styluses"}, {"uterus", "uteruses"},
    {"callus", "calluses"}, {"alias", "aliases"}, {"canvas", "canvases"},
    {"atlas", "atlases"}, {"bias", "biases"}, {"gas", "gases", kW}, {"lens", "lenses", kW},
    // "-f" and "-fe" words that take "-ves" (others take "-s": chief, roof, cafe).
    {"knife", "knives"}, {"wife", "wives"}, {"life", "lives"}, {"wolf", "wolves"},
    {"half", "halves"}, {"shelf", "shelves"}, {"leaf", "leaves"}, {"thief", "thieves"},
    {"loaf", "loaves"}, {"calf", "calves"}, {"elf", "elves", kW}, {"self", "selves"},
    {"scarf", "scarves"}, {"wharf", "wharves"}, {"sheaf", "sheaves"}, {"hoof", "hooves"},
    // "-o" words that take "-es" (others take "-s": photo, video, repo).
    {"hero", "heroes"}, {"potato", "potatoes"}, {"tomato", "tomatoes"}, {"echo", "echoes"},
    {"veto", "vetoes"}, {"torpedo", "torpedoes"}, {"buffalo", "buffaloes"},
    {"mosquito", "mosquitoes"}, {"domino", "dominoes"}, {"embargo", "embargoes"},
    {"volcano", "volcanoes"}, {"tornado", "tornadoes"}, {"cargo", "cargoes"},
    // "-ch" pronounced /k/.
    {"epoch", "epochs"}, {"stomach", "stomachs"}, {"monarch", "monarchs"},
    {"patriarch", "patriarchs"}, {"matriarch", "matriarchs"}, {"oligarch", "oligarchs"},
    {"tech", "techs"}, {"loch", "lochs", kW},
    // Singulars ending in "-che", "-sse", "-ie" (so that the plural loses only "s").
    {"cache", "caches"}, {"niche", "niches"}, {"avalanche", "avalanches"},
    {"ache", "aches", kW}, {"headache", "headaches"}, {"toothache", "toothaches"},
    {"moustache", "moustaches"}, {"mustache", "mustaches"}, {"cliche", "cliches"},
    {"quiche", "quiches"}, {"fiche", "fiches"}, {"creche", "creches"}, {"psyche", "psyches"},
    {"pastiche", "pastiches"}, {"panache", "panaches"}, {"attache", "attaches"},
    {"cloche", "cloches"}, {"douche", "douches"},
    {"impasse", "impasses"}, {"finesse", "finesses"}, {"crevasse", "crevasses"},
    {"posse", "posses"},
    {"movie", "movies"}, {"cookie", "cookies"}, {"zombie", "zombies"}, {"rookie", "rookies"},
    {"calorie", "calories"}, {"brownie", "brownies"}, {"hippie", "hippies"},
    {"smoothie", "smoothies"}, {"selfie", "selfies"}, {"sortie", "sorties"},
    {"goalie", "goalies"}, {"newbie", "newbies"}, {"genie", "genies"}, {"pixie", "pixies"},
    {"auntie", "aunties"}, {"collie", "collies"}, {"freebie", "freebies"},
    {"hoodie", "hoodies"}, {"techie", "techies"}, {"foodie", "foodies"},
    {"bookie", "bookies"}, {"prairie", "prairies"}, {"lingerie", "lingeries"},
    {"menagerie", "menageries"}, {"coterie", "coteries"}, {"reverie", "reveries"},
    {"rotisserie", "rotisseries"}, {"boogie", "boogies"}, {"birdie", "birdies"},
    {"sweetie", "sweeties"}, {"cutie", "cuties"}, {"veggie", "veggies"},
    {"oldie", "oldies"}, {"goodie", "goodies"}, {"kiddie", "kiddies"},
    {"groupie", "groupies"}, {"beanie", "beanies"}, {"necktie", "neckties"},
    {"bowtie", "bowties"}, {"eyrie", "eyries"}, {"walkie", "walkies"}, {"talkie", "talkies"},
};

// Words with no separate plural. The npm `inflection` list (whole words),
// plus Rails' and a few a code generator meets. Entries in kSuffixUncountables
// also cover compounds ("goldfish", "reindeer", "middleware").
constexpr std::string_view kUncountables[] = {
    "accommodation", "adulthood", "advertising", "advice", "aggression", "aid", "air",
    "aircraft", "alcohol", "analytics", "anger", "applause", "arithmetic", "assistance",
    "athletics", "bacon", "baggage", "barracks", "beef", "biology", "bison", "blood", "botany",
    "bread", "butter", "carbon", "cardboard", "cash", "cattle", "chalk", "chaos", "chassis",
    "chess", "corps", "crossroads", "countryside", "dancing", "debris", "dignity", "dirt",
    "dust", "economics", "education", "electricity", "engineering", "enjoyment", "envy",
    "ethics", "evidence", "evolution", "fame", "feedback", "fiction", "flour", "flu", "food",
    "fuel", "fun", "furniture", "gallows", "garbage", "garlic", "genetics", "gold", "golf",
    "gossip", "gratitude", "grief", "guilt", "gymnastics", "happiness", "harm", "hate",
    "hatred", "headquarters", "health", "heat", "help", "homework", "honesty", "honey",
    "hospitality", "housework", "humour", "hunger", "hydrogen", "ice", "importance",
    "inflation", "innocence", "iron", "irony", "jam", "jeans", "jewelry", "judo", "karate",
    "knowledge", "kudos", "lack", "laughter", "lava", "leather", "leisure", "lightning",
    "linguine", "linguini", "linguistics", "literature", "litter", "livestock", "logic",
    "loneliness", "luck", "luggage", "macaroni", "machinery", "magic", "management",
    "mankind", "marble", "mathematics", "mayonnaise", "means", "measles", "metadata",
    "methane", "milk", "minus", "money", "moose", "mud", "mumps", "music", "nature", "news",
    "nitrogen", "nonsense", "nurture", "nutrition", "obedience", "obesity", "offspring",
    "oxygen", "pasta", "patience", "personnel", "physics", "poetry", "police", "politics",
    "pollution", "poverty", "pride", "psychology", "publicity", "punctuation", "quartz",
    "racism", "relaxation", "reliability", "research", "respect", "revenge", "rice",
    "rubbish", "rum", "safety", "salmon", "scenery", "seafood", "seaside", "shame",
    "shopping", "shrimp", "sleep", "smoke", "smoking", "snow", "soap", "soil", "spaghetti",
    "spacecraft", "steam", "stuff", "stupidity", "sunshine", "swine", "symmetry", "tennis",
    "thirst", "thunder", "timber", "traffic", "transportation", "trout", "trust",
    "underwear", "unemployment", "unity", "validity", "veal", "vegetation", "vegetarianism",
    "vengeance", "violence", "vitality", "warmth", "wealth", "weather", "welfare", "wheat",
    "wildlife", "wisdom", "yoga", "zinc", "zoology",
};

constexpr std::string_view kSuffixUncountables[] = {
    "deer", "equipment", "fish", "information", "series", "sheep", "species", "ware",
};
// clang-format on

std::vector<Rule> build_rules() {
  std::vector<Rule> rules(std::begin(kRules), std::end(kRules));
  for (std::string_view w : kUncountables) rules.push_back(Rule{w, w, kW});
  for (std::string_view w : kSuffixUncountables) rules.push_back(Rule{w, w, kSuffix});
  return rules;
}

}  // namespace

std::span<const Rule> inflection_rules() {
  static const std::vector<Rule> rules = build_rules();
  return rules;
}

}  // namespace unjucks::text::inflect_detail
