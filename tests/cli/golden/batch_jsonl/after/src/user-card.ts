// widget UserCard
export const userCard = 1;
