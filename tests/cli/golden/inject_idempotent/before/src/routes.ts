const routes = [
  "home",
  "users",
];
