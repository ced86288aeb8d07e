---
to: src/routes/<%= h.changeCase.param(name) %>.ts
---
import { Router } from 'express'
<% if (auth) { -%>
import { requireUser } from '../auth'
<% } -%>

export const <%= h.changeCase.camel(name) %>Router = Router()
const PATH = '/<%= h.changeCase.param(name) %>'

<%# one handler per route -%>
<%= h.changeCase.camel(name) %>Router.<%= method %>(PATH, <%- auth ? 'requireUser, ' : '' %>async (req, res) => {
<% if (method === 'get') { -%>
  res.json({ <%= h.changeCase.camel(name) %>: [] })
<% } else if (method === 'post' || method === 'put') { -%>
  res.status(<%= method === 'post' ? 201 : 200 %>).json(req.body)
<% } else { -%>
  res.status(204).end()
<% } -%>
})
