// y C
export const c = 1;
