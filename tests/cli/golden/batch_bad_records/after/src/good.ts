// x Good
export const good = 1;
