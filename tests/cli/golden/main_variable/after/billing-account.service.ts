export class BillingAccountService {}
