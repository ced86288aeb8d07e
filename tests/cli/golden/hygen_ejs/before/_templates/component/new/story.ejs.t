---
to: src/{{ name }}.stories.tsx
---
<% if (withStory) { %>
export default { title: '<%= name %>' };
<% } %>
