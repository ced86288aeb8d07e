---
to: src/components/<%= h.changeCase.pascal(name) %>/<%= h.changeCase.pascal(name) %>.tsx
---

<% const Name = h.changeCase.pascal(name) -%>
import React from 'react'
<% if (withStyles) { -%>
import styles from './<%= Name %>.module.css'
<% } -%>

export const <%= Name %> = ({ <%= props.join(', ') %> }) => (
  <div<% if (withStyles) { %> className={styles.root}<% } %>>
    <%_ props.forEach((p, i) => { _%>
    <span data-index="<%= i %>">{<%= p %>}</span>
    <%_ }) _%>
  </div>
)
