---
to: src/{{ name | kebabCase }}/index.ts
message: "created the {{ name }} index"
---
export * from "../{{ name | pascalCase }}";
