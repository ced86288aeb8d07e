---
to: given/out.txt
---
right
