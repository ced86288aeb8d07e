// k Item4
export const item4 = 1;
