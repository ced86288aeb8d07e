// What a generate run did, one entry per file or command, printed the way Hygen does
// ("    added: src/Hello.ts"), coloured on a terminal, or as JSON for machines.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "gen/config.h"

namespace unjucks::gen {

enum class EntryKind : uint8_t { Added, Forced, Injected, Skipped, Shell, Error };

struct ReportEntry {
  EntryKind kind = EntryKind::Added;
  std::string path;     // as shown: relative to the destination when inside it
  std::string detail;   // why it was skipped, the error, where it was injected
  std::string diff;     // for injections in a dry run
  std::string message;  // the template's `message:`
  std::string template_name;
};

std::string_view entry_label(EntryKind kind);

// One line ("    added: path (detail)") plus the diff and the message when there are any.
std::string format_entry(const ReportEntry& e, bool color, bool dry);

// "2 added, 1 injected, 1 skipped" (+ " (dry run: nothing written)").
std::string format_summary(const std::vector<ReportEntry>& entries, bool color, bool dry);

Json entries_to_json(const std::vector<ReportEntry>& entries, bool dry);

// Colour only when `stream_is_tty` and NO_COLOR is unset or empty.
bool want_color(bool stream_is_tty);

}  // namespace unjucks::gen
