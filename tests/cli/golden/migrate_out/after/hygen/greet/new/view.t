---
to: src/<%= kind %>s/<%= name %>.vue
---
<template>
  <div>{{ title }}</div>
</template>
