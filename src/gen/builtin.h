// The generators embedded in the binary (builtin/_templates at build time): used when there is
// no templates folder, when a generator is not in it, or with --builtin.
#pragma once

#include <span>
#include <string_view>

#include "gen/discover.h"
#include "gen/memory_disk.h"

namespace unjucks::gen {

struct EmbeddedFile {
  std::string_view path;  // relative to builtin/_templates
  std::string_view content;
};

// Generated at build time (builtin_data.cpp).
std::span<const EmbeddedFile> embedded_files();

// Where the embedded generators appear on their in-memory disk.
inline constexpr std::string_view kBuiltinRoot = "/builtin/_templates";

// Fills `disk` with the embedded generators and returns the set rooted at kBuiltinRoot.
TemplateSet load_builtin(MemoryDisk* disk);

}  // namespace unjucks::gen
