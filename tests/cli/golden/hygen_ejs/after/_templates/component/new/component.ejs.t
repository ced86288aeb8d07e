---
to: src/<%= name %>.tsx
---
export const <%= h.changeCase.pascal(name) %> = () => null;
