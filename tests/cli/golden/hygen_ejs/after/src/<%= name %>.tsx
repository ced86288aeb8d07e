export const <%= h.changeCase.pascal(name) %> = () => null;
