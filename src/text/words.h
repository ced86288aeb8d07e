// Word splitting used by every case-conversion filter.
//
// Rules (those of the npm `no-case` package used by change-case v4):
//  * Any run of characters that are neither letters nor numbers (`_`, `-`,
//    `.`, `/`, spaces, punctuation, symbols, emoji, invalid UTF-8) separates
//    words and is dropped; leading and trailing separators produce no empty
//    words.
//  * A lower-case or caseless letter (`日`) or a digit followed by an
//    upper-case letter starts a new word: `helloWorld` -> hello|World,
//    `user123Name` -> user123|Name, `version2Alpha` -> version2|Alpha,
//    `日本Tokyo` -> 日本|Tokyo.
//  * An upper-case letter followed by an upper-case letter and then a
//    lower-case letter splits before the last upper-case letter:
//    `HTTPServer` -> HTTP|Server, `XMLHttpRequest` -> XML|Http|Request.
//  * Digits never split from the letters around them otherwise:
//    `HTTPServer2` -> HTTP|Server2, `v2` -> v2, `2fa` -> 2fa, `ABC123` -> ABC123.
//  * Letters are Unicode letters (utf8proc categories L*; Lt counts as upper
//    case; combining marks stay with their letter) and numbers are N*
//    (`x²y` is one word). change-case v4 only knows ASCII and drops all
//    other characters; here they take part in the same rules.
//  * Words keep their original spelling: `ÉcoleNormale` -> École|Normale,
//    `HELLO_WORLD` -> HELLO|WORLD, `IDs` -> I|Ds (as change-case).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace unjucks::text {

std::vector<std::string> split_words(std::string_view s);

}  // namespace unjucks::text
