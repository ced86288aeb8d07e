---
to: views/<%= h.changeCase.param(name) %>.ejs
---
<h1><%%= title %%></h1>
<%% if (user) { %>
  <p>Hello <%%= user.name %></p>
<%% } %>
