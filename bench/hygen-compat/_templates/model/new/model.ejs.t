---
to: src/models/<%= h.inflection.classify(name) %>.ts
---
<% const fieldList = fields.split(',') -%>
// <%= h.inflection.pluralize(h.inflection.humanize(name)) %> (table <%= h.inflection.tableize(name) %>)
export class <%= h.inflection.classify(name) %> {
<% fieldList.forEach((field, i) => {
     const [key, type] = field.split(':') -%>
  <%= h.inflection.camelize(key, true) %><%= type === 'number' ? ': number = 0' : `: ${type} = ''` %><%= i < fieldList.length - 1 ? ';' : '' %>
<% }) -%>
}

export const <%= h.changeCase.constant(h.inflection.pluralize(name)) %>_TABLE = '<%= h.inflection.tableize(name) %>'
export const foreignKey = '<%= h.inflection.foreign_key(name) %>'
