// x AB
export const aB = 1;
