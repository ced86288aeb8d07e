// page OrderList
export const orderList = 3;
