---
to: given/<%= name %>.txt
---
hi <%= name %>
