// widget UserCard
export const userCard = 2;
