---
to: out/<%= name %>.txt
---
<%= stamp %> <%= items.map(i => i.toUpperCase()).join(',') %>
