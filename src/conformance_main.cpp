#include "cli/conformance.h"

int main(int argc, char** argv) { return unjucks::cli::run_conformance(argc, argv); }
