---
to: src/components/<%= h.changeCase.pascal(name) %>/<%= h.changeCase.pascal(name) %>.tsx
---

<%
  const Name = h.changeCase.pascal(name)
  const propList = locals.props ? props.split(',') : []
-%>
import React from 'react'
<% if (locals.withStyles) { -%>
import styles from './<%= Name %>.module.css'
<% } -%>

export interface <%= Name %>Props {
<% propList.forEach((p) => { -%>
  <%= p %>: string
<% }) -%>
}

/** <%= locals.description || `The ${Name} component.` %> */
export const <%= Name %> = ({ <%= propList.join(', ') %> }: <%= Name %>Props) => (
  <div<% if (locals.withStyles) { %> className={styles.root}<% } %> data-testid="<%= h.changeCase.param(name) %>">
    <%_ propList.forEach((p, i) => { _%>
    <span key="<%= i %>">{<%= p %>}</span>
    <%_ }) _%>
  </div>
)

export default <%= Name %>
