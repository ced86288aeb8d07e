// k Item8
export const item8 = 1;
