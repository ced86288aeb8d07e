---
to: mail/{{ name }}/html
---
html.ejs.t for {{ name }}
