#include "cli/app.h"

int main(int argc, char** argv) { return unjucks::cli::run(argc, argv); }
