---
to: src/pages/README.md
unless_exists: true
---

Pages live here; one file a page.
