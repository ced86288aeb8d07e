---
to: src/{{ kind | ejsEscape }}s/{{ name | ejsEscape }}.vue
---
<template>
  <div>{{ "{{" }} title }}</div>
</template>
