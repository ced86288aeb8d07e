// The conformance runner: renders every case of a cases.json corpus and compares exactly.
#pragma once

namespace unjucks::cli {

int run_conformance(int argc, char** argv);

}  // namespace unjucks::cli
