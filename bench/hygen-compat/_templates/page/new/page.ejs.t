---
to: src/pages/<%= h.changeCase.param(name) %>.vue
---
<template>
  <section class="<%= h.changeCase.param(name) %>">
    <h1>{{ title }}</h1>
    <p v-if="items.length">{{ items.length }} items</p>
  </section>
</template>

<script>
export default {
  name: '<%= h.changeCase.pascal(name) %>Page',
  data: () => ({ title: <%- JSON.stringify(title) %>, items: [] }),
}
</script>
