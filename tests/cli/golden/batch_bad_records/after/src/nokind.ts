//  Nokind
export const nokind = 1;
