// `unjucks render`: renders templates with JSON data, like nunjucks-cli.
//
//   unjucks render TEMPLATE [DATA] [--data FILE.json|-] [--set key=value]... [-o OUT] [-I DIR]...
//                  [--autoescape|--no-autoescape] [--trim-blocks] [--lstrip-blocks]
//                  [--throw-on-undefined] [--watch]
//   unjucks render 'GLOB' [DATA] --out-dir DIR [--extension EXT] ...
//
// Output goes to stdout, or with -o to a temporary file beside OUT that is renamed into place
// (OUT is never left half written). A glob (cli/glob_inputs.h) renders each match into
// --out-dir, its extension changed to .html (or --extension). --watch renders again when a
// template, a file it loaded or the data changes (inotify), until SIGINT or SIGTERM. Hidden:
// --repeat N / --bench SECONDS render repeatedly into a discarding sink and print one JSON line
// (renders_per_s, bytes_per_render, mb_per_s, rss_mb), like the peer drivers in shared/bench/peers.
#pragma once

namespace CLI {
class App;
}

namespace unjucks::cli {

// Adds the subcommand to `app`; when it runs, its exit code is stored in *exit_code.
void add_render_command(CLI::App& app, int* exit_code);

}  // namespace unjucks::cli
