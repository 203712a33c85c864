// Kysely table types for the WHMCS 8.4.0 tables in db/whmcs/schema.sql.
//
// Value typing assumes the mysql2 pool/connection is created with WHMCS_MYSQL2_TYPE_OPTIONS:
//  * dateStrings: true  -> DATE is 'YYYY-MM-DD', DATETIME/TIMESTAMP 'YYYY-MM-DD HH:MM:SS', as
//    strings. WHMCS is full of zero dates ('0000-00-00'), which mysql2 would otherwise turn into
//    wrong values (DATE zero -> 1899-11-30, DATETIME zero -> Invalid Date), and DATE columns
//    have no time zone that a JS Date could honour.
//    Writes take strings only (a Date would be serialised in the process's local time zone).
//  * decimalNumbers: false -> DECIMAL comes back as an exact string ('49.00', '-1.00');
//    writes accept string | number.
//  * supportBigNumbers: true, bigNumberStrings: false -> BIGINT as number while it is safe
//    (tblorders.ordernum is 10 digits).
//  * TINYINT(1)/INT(1) flags are numbers (0/1), not booleans: mysql2 does no boolean cast.
//  * BLOB columns are Buffers.
// Insert typing: columns that are NOT NULL without a default are required, exactly the set a
// strict-mode MySQL requires, so code that type-checks also runs under strict sql_mode.
// Generated<> marks auto-increment ids and columns with a database default.
import type { ColumnType, Generated } from 'kysely';

export const WHMCS_MYSQL2_TYPE_OPTIONS = Object.freeze({
  dateStrings: true,
  decimalNumbers: false,
  supportBigNumbers: true,
  bigNumberStrings: false,
} as const);

/** DECIMAL(p,s): read as an exact string, written as string or number. */
export type Decimal = ColumnType<string, string | number, string | number>;
/** DECIMAL with a database default: optional on insert. (Kysely's Generated<> cannot wrap a
 * ColumnType, so this is spelled out.) */
export type DecimalWithDefault = ColumnType<string, string | number | undefined, string | number>;
/** DATE as 'YYYY-MM-DD'; may be the zero date '0000-00-00'. */
export type DateString = string;
/** DATETIME / TIMESTAMP as 'YYYY-MM-DD HH:MM:SS'; may be '0000-00-00 00:00:00'. */
export type DateTimeString = string;
/** BLOB: read as Buffer. */
export type Blob = ColumnType<Buffer, Buffer | string, Buffer | string>;
/** BIGINT: number while safe (see WHMCS_MYSQL2_TYPE_OPTIONS). */
export type BigIntNumber = ColumnType<number, number | string, number | string>;

export type WhmcsPricingType =
  | 'product'
  | 'addon'
  | 'configoptions'
  | 'domainregister'
  | 'domaintransfer'
  | 'domainrenew'
  | 'domainaddons'
  | 'usage';
export type WhmcsServiceStatus = 'Pending' | 'Active' | 'Suspended' | 'Terminated' | 'Cancelled' | 'Fraud' | 'Completed';
export type WhmcsClientStatus = 'Active' | 'Inactive' | 'Closed';
export type WhmcsDomainType = 'Register' | 'Transfer';
export type WhmcsDomainStatus =
  | 'Pending'
  | 'Pending Registration'
  | 'Pending Transfer'
  | 'Active'
  | 'Grace'
  | 'Redemption'
  | 'Expired'
  | 'Cancelled'
  | 'Fraud'
  | 'Transferred Away';

export interface TblProducts {
  id: Generated<number>;
  type: string; // hostingaccount | reselleraccount | server | other
  gid: number;
  name: string;
  slug: Generated<string>;
  description: string;
  hidden: number;
  showdomainoptions: number;
  welcomeemail: Generated<number>;
  stockcontrol: number;
  qty: Generated<number>;
  proratabilling: number;
  proratadate: number;
  proratachargenextmonth: number;
  paytype: string; // free | onetime | recurring
  allowqty: number;
  subdomain: string;
  autosetup: string; // '' | on | payment | order
  servertype: string;
  servergroup: number;
  configoption1: string;
  configoption2: string;
  configoption3: string;
  configoption4: string;
  configoption5: string;
  configoption6: string;
  configoption7: string;
  configoption8: string;
  configoption9: string;
  configoption10: string;
  configoption11: string;
  configoption12: string;
  configoption13: string;
  configoption14: string;
  configoption15: string;
  configoption16: string;
  configoption17: string;
  configoption18: string;
  configoption19: string;
  configoption20: string;
  configoption21: string;
  configoption22: string;
  configoption23: string;
  configoption24: string;
  freedomain: string;
  freedomainpaymentterms: string;
  freedomaintlds: string;
  recurringcycles: number;
  autoterminatedays: number;
  autoterminateemail: Generated<number>;
  configoptionsupgrade: number;
  billingcycleupgrade: string;
  upgradeemail: Generated<number>;
  overagesenabled: string;
  overagesdisklimit: number;
  overagesbwlimit: number;
  overagesdiskprice: Decimal;
  overagesbwprice: Decimal;
  tax: number;
  affiliateonetime: number;
  affiliatepaytype: string;
  affiliatepayamount: Decimal;
  order: Generated<number>;
  retired: number;
  is_featured: number;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
}

export interface TblProductGroups {
  id: Generated<number>;
  name: string;
  slug: Generated<string>;
  headline: string | null;
  tagline: string | null;
  orderfrmtpl: string;
  disabledgateways: string;
  hidden: number;
  order: Generated<number>;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
}

/** Recurring price -1.00 = cycle disabled. */
export interface TblPricing {
  id: Generated<number>;
  type: WhmcsPricingType;
  currency: number;
  relid: number;
  msetupfee: Decimal;
  qsetupfee: Decimal;
  ssetupfee: Decimal;
  asetupfee: Decimal;
  bsetupfee: Decimal;
  tsetupfee: Decimal;
  monthly: Decimal;
  quarterly: Decimal;
  semiannually: Decimal;
  annually: Decimal;
  biennially: Decimal;
  triennially: Decimal;
}

export interface TblCurrencies {
  id: Generated<number>;
  code: string;
  prefix: string;
  suffix: string;
  format: number; // 1 = 1234.56, 2 = 1,234.56, 3 = 1.234,56, 4 = 1,234
  rate: DecimalWithDefault;
  default: number;
}

export interface TblHosting {
  id: Generated<number>;
  userid: number;
  orderid: number;
  packageid: number;
  server: number;
  regdate: DateString;
  domain: string;
  paymentmethod: string;
  qty: Generated<number>;
  firstpaymentamount: DecimalWithDefault;
  amount: DecimalWithDefault;
  billingcycle: string;
  nextduedate: DateString | null;
  nextinvoicedate: DateString;
  termination_date: Generated<DateString>;
  completed_date: Generated<DateString>;
  domainstatus: Generated<WhmcsServiceStatus>;
  username: string;
  password: string; // WHMCS-encrypted
  notes: string;
  subscriptionid: string;
  promoid: number;
  promocount: number | null;
  suspendreason: string;
  overideautosuspend: number;
  overidesuspenduntil: DateString;
  dedicatedip: string;
  assignedips: string;
  ns1: string;
  ns2: string;
  diskusage: Generated<number>;
  disklimit: Generated<number>;
  bwusage: Generated<number>;
  bwlimit: Generated<number>;
  lastupdate: Generated<DateTimeString>;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
}

/** configdata is required: it has no default, and strict mode rejects an insert without it. */
export interface TblSslOrders {
  id: Generated<number>;
  userid: number;
  serviceid: number;
  addon_id: Generated<number>;
  remoteid: string;
  module: string;
  certtype: string;
  configdata: string; // JSON (7.3+) or PHP-serialized (older rows)
  authdata: string | null;
  completiondate: Generated<DateTimeString>;
  status: string;
}

export interface TblSslStatus {
  id: Generated<number>;
  user_id: Generated<number>;
  domain_name: Generated<string>;
  subject_name: string | null;
  subject_org: string | null;
  issuer_name: string | null;
  issuer_org: string | null;
  start_date: DateTimeString | null;
  expiry_date: DateTimeString | null;
  active: Generated<number>;
  last_synced_date: DateTimeString | null;
  created_at: DateTimeString | null;
  updated_at: DateTimeString | null;
}

export interface TblClients {
  id: Generated<number>;
  uuid: Generated<string>;
  firstname: string;
  lastname: string;
  companyname: string;
  email: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  phonenumber: string;
  tax_id: Generated<string>;
  password: string;
  authmodule: string;
  authdata: string;
  currency: number;
  defaultgateway: string;
  credit: Decimal;
  taxexempt: number;
  latefeeoveride: number;
  overideduenotices: number;
  separateinvoices: number;
  disableautocc: number;
  datecreated: DateString;
  notes: string;
  billingcid: number;
  securityqid: number;
  securityqans: string;
  groupid: number;
  cardtype: Generated<string>;
  cardlastfour: string;
  cardnum: Blob;
  startdate: Blob;
  expdate: Blob;
  issuenumber: Blob;
  bankname: string;
  banktype: string;
  bankcode: Blob;
  bankacct: Blob;
  gatewayid: string;
  lastlogin: DateTimeString | null;
  ip: string;
  host: string;
  status: Generated<WhmcsClientStatus>;
  language: string;
  pwresetkey: string;
  emailoptout: number;
  marketing_emails_opt_in: Generated<number>;
  overrideautoclose: number;
  allow_sso: Generated<number>;
  email_verified: Generated<number>;
  email_preferences: string | null;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
  pwresetexpiry: Generated<DateTimeString>;
}

export interface TblContacts {
  id: Generated<number>;
  userid: number;
  firstname: string;
  lastname: string;
  companyname: string;
  email: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  phonenumber: string;
  tax_id: Generated<string>;
  subaccount: Generated<number>;
  password: string;
  permissions: string;
  domainemails: number;
  generalemails: number;
  invoiceemails: number;
  productemails: number;
  supportemails: number;
  affiliateemails: number;
  pwresetkey: string;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
  pwresetexpiry: Generated<DateTimeString>;
}

export interface TblAddonModules {
  id: Generated<number>;
  module: string;
  setting: string;
  value: string;
}

export interface TblConfiguration {
  id: Generated<number>;
  setting: string;
  value: string;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
}

export interface TblModuleLog {
  id: Generated<number>;
  date: DateTimeString;
  module: string;
  action: string;
  request: string;
  response: string;
  arrdata: string;
}

export interface TblEmailTemplates {
  id: Generated<number>;
  type: string;
  name: string;
  subject: string;
  message: string;
  attachments: string;
  fromname: string;
  fromemail: string;
  disabled: number;
  custom: number;
  language: string;
  copyto: string;
  blind_copy_to: string;
  plaintext: number;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
}

export interface TblServers {
  id: Generated<number>;
  name: string;
  ipaddress: string;
  assignedips: string;
  hostname: string;
  monthlycost: DecimalWithDefault;
  noc: string;
  statusaddress: string;
  nameserver1: string;
  nameserver1ip: string;
  nameserver2: string;
  nameserver2ip: string;
  nameserver3: string;
  nameserver3ip: string;
  nameserver4: string;
  nameserver4ip: string;
  nameserver5: string;
  nameserver5ip: string;
  maxaccounts: Generated<number>;
  type: string;
  username: string;
  password: string; // WHMCS-encrypted
  accesshash: string;
  secure: string; // 'on' | ''
  port: number | null;
  active: number;
  disabled: number;
}

export interface TblOrders {
  id: Generated<number>;
  ordernum: BigIntNumber;
  userid: number;
  contactid: number;
  requestor_id: Generated<number>;
  admin_requestor_id: Generated<number>;
  date: DateTimeString;
  nameservers: string;
  transfersecret: string;
  renewals: string;
  promocode: string;
  promotype: string;
  promovalue: string;
  orderdata: string;
  amount: Decimal;
  paymentmethod: string;
  invoiceid: Generated<number>;
  status: string;
  ipaddress: string;
  fraudmodule: string;
  fraudoutput: string;
  notes: string;
}

export interface TblProductConfigGroups {
  id: Generated<number>;
  name: string;
  description: string;
}

export interface TblProductConfigOptions {
  id: Generated<number>;
  gid: Generated<number>;
  optionname: string;
  optiontype: string; // '1' dropdown, '2' radio, '3' yes/no, '4' quantity
  qtyminimum: number;
  qtymaximum: number;
  order: Generated<number>;
  hidden: number;
}

export interface TblProductConfigOptionsSub {
  id: Generated<number>;
  configid: number;
  optionname: string;
  sortorder: Generated<number>;
  hidden: number;
}

export interface TblProductConfigLinks {
  id: Generated<number>;
  gid: number;
  pid: number;
}

export interface TblHostingConfigOptions {
  id: Generated<number>;
  relid: number;
  configid: number;
  optionid: number;
  qty: number;
}

export interface TblCustomFields {
  id: Generated<number>;
  type: string; // client | product | addon | support
  relid: Generated<number>;
  fieldname: string;
  fieldtype: string;
  description: string;
  fieldoptions: string;
  regexpr: string;
  adminonly: string;
  required: string;
  showorder: string;
  showinvoice: string;
  sortorder: Generated<number>;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
}

export interface TblCustomFieldsValues {
  id: Generated<number>;
  fieldid: number;
  relid: number;
  value: string;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
}

export interface TblInvoices {
  id: Generated<number>;
  userid: number;
  invoicenum: string;
  date: DateString | null;
  duedate: DateString | null;
  datepaid: Generated<DateTimeString>;
  last_capture_attempt: Generated<DateTimeString>;
  date_refunded: Generated<DateTimeString>;
  date_cancelled: Generated<DateTimeString>;
  subtotal: Decimal;
  credit: Decimal;
  tax: Decimal;
  tax2: Decimal;
  total: DecimalWithDefault;
  taxrate: DecimalWithDefault;
  taxrate2: DecimalWithDefault;
  status: string;
  paymentmethod: string;
  paymethodid: number | null;
  notes: string;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
}

export interface TblInvoiceItems {
  id: Generated<number>;
  invoiceid: Generated<number>;
  userid: number;
  type: string;
  relid: number;
  description: string;
  amount: DecimalWithDefault;
  taxed: number;
  duedate: DateString | null;
  paymentmethod: string;
  notes: string;
}

export interface TblDomains {
  id: Generated<number>;
  userid: number;
  orderid: number;
  type: WhmcsDomainType;
  registrationdate: DateString;
  domain: string;
  firstpaymentamount: DecimalWithDefault;
  recurringamount: Decimal;
  registrar: string;
  registrationperiod: Generated<number>;
  expirydate: DateString | null;
  subscriptionid: string;
  promoid: number;
  status: Generated<WhmcsDomainStatus>;
  nextduedate: Generated<DateString>;
  nextinvoicedate: DateString;
  additionalnotes: string;
  paymentmethod: string;
  dnsmanagement: number;
  emailforwarding: number;
  idprotection: number;
  is_premium: number | null;
  donotrenew: number;
  reminders: string;
  synced: number;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
}

// Tables below are not described in whmcs-schema.md (shape from the same 8.4.0 dump).

export interface TblAdmins {
  id: Generated<number>;
  uuid: Generated<string>;
  roleid: number;
  username: string;
  password: Generated<string>;
  passwordhash: Generated<string>;
  authmodule: string;
  authdata: string;
  firstname: string;
  lastname: string;
  email: string;
  signature: string;
  notes: string;
  template: string;
  language: string;
  disabled: number;
  loginattempts: number;
  supportdepts: string;
  ticketnotifications: string;
  homewidgets: string;
  password_reset_key: Generated<string>;
  password_reset_data: string;
  password_reset_expiry: Generated<DateTimeString>;
  hidden_widgets: string;
  widget_order: string;
  user_preferences: string | null;
  created_at: Generated<DateTimeString>;
  updated_at: Generated<DateTimeString>;
}

export interface TblServerGroups {
  id: Generated<number>;
  name: string;
  filltype: number; // 1 = least full server, 2 = fill active server
}

export interface TblServerGroupsRel {
  id: Generated<number>;
  groupid: number;
  serverid: number;
}

export interface TblActivityLog {
  id: Generated<number>;
  date: Generated<DateTimeString>;
  description: string;
  user: string;
  userid: Generated<number>;
  user_id: Generated<number>;
  admin_id: Generated<number>;
  ipaddr: string;
}

export interface WhmcsDatabase {
  tblproducts: TblProducts;
  tblproductgroups: TblProductGroups;
  tblpricing: TblPricing;
  tblcurrencies: TblCurrencies;
  tblhosting: TblHosting;
  tblsslorders: TblSslOrders;
  tblsslstatus: TblSslStatus;
  tblclients: TblClients;
  tblcontacts: TblContacts;
  tbladdonmodules: TblAddonModules;
  tblconfiguration: TblConfiguration;
  tblmodulelog: TblModuleLog;
  tblemailtemplates: TblEmailTemplates;
  tblservers: TblServers;
  tblorders: TblOrders;
  tblproductconfiggroups: TblProductConfigGroups;
  tblproductconfigoptions: TblProductConfigOptions;
  tblproductconfigoptionssub: TblProductConfigOptionsSub;
  tblproductconfiglinks: TblProductConfigLinks;
  tblhostingconfigoptions: TblHostingConfigOptions;
  tblcustomfields: TblCustomFields;
  tblcustomfieldsvalues: TblCustomFieldsValues;
  tblinvoices: TblInvoices;
  tblinvoiceitems: TblInvoiceItems;
  tbldomains: TblDomains;
  tbladmins: TblAdmins;
  tblservergroups: TblServerGroups;
  tblservergroupsrel: TblServerGroupsRel;
  tblactivitylog: TblActivityLog;
}
