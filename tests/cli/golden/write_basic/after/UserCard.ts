export const UserCard = "user-card";
