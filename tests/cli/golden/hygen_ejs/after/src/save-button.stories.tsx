<% if (withStory) { %>
export default { title: '<%= name %>' };
<% } %>
