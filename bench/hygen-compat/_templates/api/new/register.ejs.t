---
to: src/routes/index.ts
inject: true
before: "// routes end"
skip_if: <%= h.changeCase.camel(name) %>Router
---
app.use(<%= h.changeCase.camel(name) %>Router) // <%= method.toUpperCase() %> /<%= h.changeCase.param(name) %>
