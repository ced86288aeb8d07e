// y Fine
export const fine = 1;
