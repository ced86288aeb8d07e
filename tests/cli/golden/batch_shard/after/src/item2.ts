// k Item2
export const item2 = 1;
