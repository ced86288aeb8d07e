---
to: src/components/<%= h.changeCase.pascal(name) %>/<%= h.changeCase.pascal(name) %>.stories.tsx
---
import { <%= h.changeCase.pascal(name) %> } from './<%= h.changeCase.pascal(name) %>'

export default { title: '<%= h.changeCase.title(name) %>', component: <%= h.changeCase.pascal(name) %> }
// <%= locals.description %>
// <%- locals.description %>
