// The depth of an expression's syntax tree, measured without recursion (the tree may be as deep
// as the parser allowed, and this is what checks it).
#pragma once

#include <cstdint>

#include "template/ast/ast.h"

namespace unjucks::tpl::ast {

// Levels from `n` down to its deepest leaf (a leaf counts 1). The bodies held by callers and
// captures are statements, measured by the parser's own nesting count: here they are leaves.
uint32_t expression_depth(const Node* n);

}  // namespace unjucks::tpl::ast
