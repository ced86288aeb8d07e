---
to: db/migrations/create_<%= h.inflection.tableize(name) %>.sql
---
CREATE TABLE <%= h.inflection.tableize(name) %> (
  id SERIAL PRIMARY KEY<% for (const field of fields.split(',')) { %>,
  <%= h.inflection.underscore(field.split(':')[0]) %> <%= field.split(':')[1] === 'number' ? 'INTEGER' : 'TEXT' %><% } %>
);
