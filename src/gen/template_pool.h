// Generator templates go through the engine's compiled-template cache (the template pool of the
// memory system): a file's frontmatter, its body and its output-path template are each compiled
// once per content and kept under the cache's byte budget, with exact byte accounting, hits and
// misses in the memory report. They are not loader templates (a template file is split in parts
// and may come from the embedded set), so the key is the name and a hash of the source:
//
//   "\x01gen\x01" + name + "\x01" + 16 hex digits of the source's 64-bit hash
//
// which no loader name can collide with (template names are paths: no control characters). An
// edited file gets a new key; its old parts are never hit again and age out of the cache by its
// eviction policy. A hit is checked against the source itself, so a hash collision compiles anew.
#pragma once

#include <string>
#include <string_view>

#include "template/environment.h"

namespace unjucks::gen {

// The compiled `source`, from the cache when an equal source was compiled under `name` before.
// Throws tpl::TemplateError as Environment::compile does.
tpl::TemplatePtr compile_pooled(tpl::Environment& env, std::string source, const std::string& name);

// The cache key of a part (exposed for tests).
std::string pooled_key(std::string_view name, std::string_view source);

}  // namespace unjucks::gen
