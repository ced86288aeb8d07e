---
to: "<%= locals.withStyles ? `src/components/${h.changeCase.pascal(name)}/${h.changeCase.pascal(name)}.module.css` : null %>"
---
.root {
  display: flex;
}
