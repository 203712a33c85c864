-- Seed data for tests and the demo. Every INSERT names its columns and gives a value to every
-- NOT NULL column that has no default, so the seed loads under strict sql_mode too (load.ts
-- loads it strictly and fails on any warning). Columns that have a WHMCS default are left out
-- on purpose where that default is itself worth testing (zero dates, qty, status, ...).
-- The file is UTF-8 and contains non-ASCII text: load it over a utf8mb4 client connection
-- (mysql2's default; load.ts checks it).

-- Settings -------------------------------------------------------------------------------------
INSERT INTO `tblconfiguration` (`id`, `setting`, `value`) VALUES
  (1, 'Version', '8.4.0-release.1'),
  (2, 'SystemURL', 'https://billing.example.com/'),
  (3, 'CompanyName', 'Example Hosting'),
  (4, 'Email', 'billing@example.com'),
  (5, 'Template', 'twenty-one'),
  (6, 'DefaultCountry', 'DE'),
  (7, 'Language', 'english'),
  (8, 'DateFormat', 'DD/MM/YYYY'),
  (9, 'ModuleDebugMode', 'on');

-- Currencies: USD is the base (default) currency; rates are relative to it.
INSERT INTO `tblcurrencies` (`id`, `code`, `prefix`, `suffix`, `format`, `rate`, `default`) VALUES
  (1, 'USD', '$', ' USD', 2, 1.00000, 1),
  (2, 'EUR', '€', ' EUR', 3, 0.92000, 0),
  (3, 'GBP', '£', ' GBP', 2, 0.79000, 0);

-- Staff ----------------------------------------------------------------------------------------
INSERT INTO `tbladmins` (`id`, `uuid`, `roleid`, `username`, `password`, `passwordhash`, `authmodule`,
  `authdata`, `firstname`, `lastname`, `email`, `signature`, `notes`, `template`, `language`,
  `disabled`, `loginattempts`, `supportdepts`, `ticketnotifications`, `homewidgets`,
  `password_reset_data`, `hidden_widgets`, `widget_order`, `created_at`, `updated_at`) VALUES
  (1, '5f0c8a4e-3b1d-4c2a-9e7f-1a2b3c4d5e6f', 1, 'admin', '', '', '',
   '', 'Ada', 'Admin', 'admin@example.com', '', '', 'blend', 'english',
   0, 0, ',', '', '',
   '', '', '', '2026-10-01 08:00:00', '2026-10-01 08:00:00');

-- Clients (client n uses currency n) -----------------------------------------------------------
INSERT INTO `tblclients` (`id`, `uuid`, `firstname`, `lastname`, `companyname`, `email`, `address1`,
  `address2`, `city`, `state`, `postcode`, `country`, `phonenumber`, `password`, `authmodule`,
  `authdata`, `currency`, `defaultgateway`, `credit`, `taxexempt`, `latefeeoveride`,
  `overideduenotices`, `separateinvoices`, `disableautocc`, `datecreated`, `notes`, `billingcid`,
  `securityqid`, `securityqans`, `groupid`, `cardlastfour`, `cardnum`, `startdate`, `expdate`,
  `issuenumber`, `bankname`, `banktype`, `bankcode`, `bankacct`, `gatewayid`, `ip`, `host`,
  `language`, `pwresetkey`, `emailoptout`, `overrideautoclose`, `created_at`, `updated_at`) VALUES
  (1, '0b6c1f7e-2d4a-4e8b-9c3f-5a6b7c8d9e01', 'Jürgen', 'Müller', 'Müller & Söhne GmbH',
   'juergen@mueller-soehne.example', 'Königstraße 12', '', 'Stuttgart', 'Baden-Württemberg',
   '70173', 'DE', '+49.7111234567', '', '', '', 1, 'banktransfer', 0.00, 0, 0, 0, 0, 0,
   '2026-10-15', '', 0, 0, '', 0, '', '', '', '', '', '', '', '', '', '', '198.51.100.17', '',
   '', '', 0, 0, '2026-10-15 09:30:00', '2026-10-15 09:30:00'),
  (2, '1c7d2a8f-3e5b-4f9c-8d4a-6b7c8d9e0f12', 'Zoë', 'O''Brien', '',
   'zoe@obrien.example', '14 Harbour Road', '', 'Cork', 'County Cork',
   'T12 X2Y3', 'IE', '+353.214567890', '', '', '', 2, 'banktransfer', 0.00, 0, 0, 0, 0, 0,
   '2026-10-20', '', 0, 0, '', 0, '', '', '', '', '', '', '', '', '', '', '198.51.100.42', '',
   '', '', 0, 0, '2026-10-20 14:05:00', '2026-10-20 14:05:00'),
  (3, '2d8e3b9a-4f6c-4a0d-9e5b-7c8d9e0f1a23', 'Łukasz', 'Żółkiewski', 'Żółw Hosting Sp. z o.o.',
   'lukasz@zolw.example', 'ul. Świętokrzyska 7', '', 'Warszawa', 'Mazowieckie',
   '00-049', 'PL', '+48.221234567', '', '', '', 3, 'banktransfer', 0.00, 0, 0, 0, 0, 0,
   '2026-10-25', '', 0, 0, '', 0, '', '', '', '', '', '', '', '', '', '', '203.0.113.8', '',
   '', '', 0, 0, '2026-10-25 11:45:00', '2026-10-25 11:45:00');

-- A technical contact of client 1 who receives product (SSL) e-mails.
INSERT INTO `tblcontacts` (`id`, `userid`, `firstname`, `lastname`, `companyname`, `email`, `address1`,
  `address2`, `city`, `state`, `postcode`, `country`, `phonenumber`, `password`, `permissions`,
  `domainemails`, `generalemails`, `invoiceemails`, `productemails`, `supportemails`,
  `affiliateemails`, `pwresetkey`, `created_at`, `updated_at`) VALUES
  (1, 1, 'Anneliese', 'Groß', 'Müller & Söhne GmbH', 'technik@mueller-soehne.example',
   'Königstraße 12', '', 'Stuttgart', 'Baden-Württemberg', '70173', 'DE', '+49.7111234568', '',
   '', 1, 0, 0, 1, 1, 0, '', '2026-10-15 09:40:00', '2026-10-15 09:40:00');

-- The certbridge bridge, as a WHMCS server entry (hostname = bridge address, accesshash = HMAC
-- secret), in a server group the products use. port NULL = module default.
INSERT INTO `tblservers` (`id`, `name`, `ipaddress`, `assignedips`, `hostname`, `noc`, `statusaddress`,
  `nameserver1`, `nameserver1ip`, `nameserver2`, `nameserver2ip`, `nameserver3`, `nameserver3ip`,
  `nameserver4`, `nameserver4ip`, `nameserver5`, `nameserver5ip`, `type`, `username`, `password`,
  `accesshash`, `secure`, `port`, `active`, `disabled`) VALUES
  (1, 'certbridge (local)', '127.0.0.1', '', '127.0.0.1:8420', '', '',
   '', '', '', '', '', '',
   '', '', '', '', 'certbridge', '', '',
   'demo-hook-secret-change-me-0123456789', '', NULL, 1, 0);

INSERT INTO `tblservergroups` (`id`, `name`, `filltype`) VALUES (1, 'certbridge', 1);
INSERT INTO `tblservergroupsrel` (`id`, `groupid`, `serverid`) VALUES (1, 1, 1);

-- Catalogue ------------------------------------------------------------------------------------
INSERT INTO `tblproductgroups` (`id`, `name`, `slug`, `headline`, `tagline`, `orderfrmtpl`,
  `disabledgateways`, `hidden`, `order`, `created_at`, `updated_at`) VALUES
  (1, 'SSL Certificates', 'ssl-certificates', 'Secure your website with an SSL certificate', NULL,
   '', '', 0, 1, '2026-10-01 08:10:00', '2026-10-01 08:10:00');

-- configoption1 = supplier, configoption2 = supplier product code, configoption3 = 'on':
-- require the CSR's domain to match the ordered domain. Unused options are ''.
INSERT INTO `tblproducts` (`id`, `type`, `gid`, `name`, `slug`, `description`, `hidden`,
  `showdomainoptions`, `welcomeemail`, `stockcontrol`, `qty`, `proratabilling`, `proratadate`,
  `proratachargenextmonth`, `paytype`, `allowqty`, `subdomain`, `autosetup`, `servertype`,
  `servergroup`, `configoption1`, `configoption2`, `configoption3`, `configoption4`,
  `configoption5`, `configoption6`, `configoption7`, `configoption8`, `configoption9`,
  `configoption10`, `configoption11`, `configoption12`, `configoption13`, `configoption14`,
  `configoption15`, `configoption16`, `configoption17`, `configoption18`, `configoption19`,
  `configoption20`, `configoption21`, `configoption22`, `configoption23`, `configoption24`,
  `freedomain`, `freedomainpaymentterms`, `freedomaintlds`, `recurringcycles`,
  `autoterminatedays`, `autoterminateemail`, `configoptionsupgrade`, `billingcycleupgrade`,
  `upgradeemail`, `overagesenabled`, `overagesdisklimit`, `overagesbwlimit`, `overagesdiskprice`,
  `overagesbwprice`, `tax`, `affiliateonetime`, `affiliatepaytype`, `affiliatepayamount`, `order`,
  `retired`, `is_featured`, `created_at`, `updated_at`) VALUES
  (1, 'other', 1, 'Sandbox DV Single Domain', 'sandbox-dv-single-domain',
   'Domain-validated certificate for one domain (and its www. name).', 0,
   0, 0, 0, 0, 0, 0,
   0, 'recurring', 0, '', 'payment', 'certbridge',
   1, 'sandbox', 'sandbox-dv-single', 'on', '',
   '', '', '', '', '',
   '', '', '', '', '',
   '', '', '', '', '',
   '', '', '', '', '',
   '', '', '', 0,
   0, 0, 0, '',
   0, '', 0, 0, 0.0000,
   0.0000, 1, 0, '', 0.00, 1,
   0, 0, '2026-10-01 08:15:00', '2026-10-01 08:15:00'),
  (2, 'other', 1, 'Sandbox DV Wildcard', 'sandbox-dv-wildcard',
   'Domain-validated wildcard certificate (*.example.com and example.com).', 0,
   0, 0, 0, 0, 0, 0,
   0, 'recurring', 0, '', 'payment', 'certbridge',
   1, 'sandbox', 'sandbox-dv-wildcard', 'on', '',
   '', '', '', '', '',
   '', '', '', '', '',
   '', '', '', '', '',
   '', '', '', '', '',
   '', '', '', 0,
   0, 0, 0, '',
   0, '', 0, 0, 0.0000,
   0.0000, 1, 0, '', 0.00, 2,
   0, 0, '2026-10-01 08:15:00', '2026-10-01 08:15:00'),
  (3, 'other', 1, 'Sandbox OV Multi-Domain', 'sandbox-ov-multi-domain',
   'Organisation-validated certificate for several domains.', 0,
   0, 0, 0, 0, 0, 0,
   0, 'recurring', 0, '', 'payment', 'certbridge',
   1, 'sandbox', 'sandbox-ov-multi', 'on', '',
   '', '', '', '', '',
   '', '', '', '', '',
   '', '', '', '', '',
   '', '', '', '', '',
   '', '', '', 0,
   0, 0, 0, '',
   0, '', 0, 0, 0.0000,
   0.0000, 1, 0, '', 0.00, 3,
   0, 0, '2026-10-01 08:15:00', '2026-10-01 08:15:00');

-- Prices: id = (product - 1) * 3 + currency. Annually and biennially offered, other cycles -1.00
-- (disabled), no setup fees. EUR/GBP = round(USD x rate, 2), as WHMCS's currency update does.
-- USD: DV single 49.00/89.00, DV wildcard 149.00/279.00, OV multi 199.00/369.00.
INSERT INTO `tblpricing` (`id`, `type`, `currency`, `relid`, `msetupfee`, `qsetupfee`, `ssetupfee`,
  `asetupfee`, `bsetupfee`, `tsetupfee`, `monthly`, `quarterly`, `semiannually`, `annually`,
  `biennially`, `triennially`) VALUES
  (1, 'product', 1, 1, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, -1.00, -1.00, -1.00,  49.00,  89.00, -1.00),
  (2, 'product', 2, 1, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, -1.00, -1.00, -1.00,  45.08,  81.88, -1.00),
  (3, 'product', 3, 1, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, -1.00, -1.00, -1.00,  38.71,  70.31, -1.00),
  (4, 'product', 1, 2, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, -1.00, -1.00, -1.00, 149.00, 279.00, -1.00),
  (5, 'product', 2, 2, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, -1.00, -1.00, -1.00, 137.08, 256.68, -1.00),
  (6, 'product', 3, 2, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, -1.00, -1.00, -1.00, 117.71, 220.41, -1.00),
  (7, 'product', 1, 3, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, -1.00, -1.00, -1.00, 199.00, 369.00, -1.00),
  (8, 'product', 2, 3, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, -1.00, -1.00, -1.00, 183.08, 339.48, -1.00),
  (9, 'product', 3, 3, 0.00, 0.00, 0.00, 0.00, 0.00, 0.00, -1.00, -1.00, -1.00, 157.21, 291.51, -1.00);

-- E-mail templates: ids as in real installs (75 is WHMCS's own SSL template in 8.4.0; 99 is
-- 'SSL Certificate Issued' in 8.7.2), so code that looks templates up by id 1 breaks here.
INSERT INTO `tblemailtemplates` (`id`, `type`, `name`, `subject`, `message`, `attachments`, `fromname`,
  `fromemail`, `disabled`, `custom`, `language`, `copyto`, `blind_copy_to`, `plaintext`) VALUES
  (75, 'product', 'SSL Certificate Configuration Required', 'SSL Certificate Configuration Required',
   '<p>Dear {$client_name},</p>\n<p>Thank you for your order for an SSL Certificate. Before you can use your certificate, it requires configuration which can be done at the URL below.</p>\n<p>{$ssl_configuration_link}</p>\n<p>Instructions are provided throughout the process but if you experience any problems or have any questions, please open a ticket for assistance.</p>\n<p>{$signature}</p>',
   '', '', '', 0, 0, '', '', '', 0),
  (99, 'product', 'SSL Certificate Issued', 'SSL Certificate Issued',
   '<p>Dear {$client_name},</p>\n<p>Your SSL certificate for <strong>{$service_domain}</strong> has been issued.</p>\n<p>You can download the certificate and installation instructions from the client area at any time.</p>\n<p>{$signature}</p>',
   '', '', '', 0, 0, '', '', '', 0);

-- Orders and services --------------------------------------------------------------------------
-- Orders are accepted ('Active'); the services are still 'Pending' because the module has not
-- provisioned them yet. Amount = first-year price in the client's currency. No invoices seeded.
INSERT INTO `tblorders` (`id`, `ordernum`, `userid`, `contactid`, `date`, `nameservers`, `transfersecret`,
  `renewals`, `promocode`, `promotype`, `promovalue`, `orderdata`, `amount`, `paymentmethod`,
  `status`, `ipaddress`, `fraudmodule`, `fraudoutput`, `notes`) VALUES
  (1, 4829163057, 1, 0, '2026-11-01 09:12:33', '', '', '', '', '', '', '', 49.00, 'banktransfer',
   'Active', '198.51.100.17', '', '', ''),
  (2, 7310542968, 2, 0, '2026-11-01 10:47:05', '', '', '', '', '', '', '', 45.08, 'banktransfer',
   'Active', '198.51.100.42', '', '', ''),
  (3, 1958374620, 3, 0, '2026-11-01 13:20:51', '', '', '', '', '', '', '', 117.71, 'banktransfer',
   'Active', '203.0.113.8', '', '', ''),
  (4, 6047281935, 1, 0, '2026-11-01 16:03:18', '', '', '', '', '', '', '', 199.00, 'banktransfer',
   'Active', '198.51.100.17', '', '', '');

-- termination_date, completed_date, lastupdate, qty and domainstatus keep their WHMCS defaults.
-- overidesuspenduntil has no default; WHMCS writes the zero date there.
INSERT INTO `tblhosting` (`id`, `userid`, `orderid`, `packageid`, `server`, `regdate`, `domain`,
  `paymentmethod`, `firstpaymentamount`, `amount`, `billingcycle`, `nextduedate`, `nextinvoicedate`,
  `username`, `password`, `notes`, `subscriptionid`, `promoid`, `suspendreason`,
  `overideautosuspend`, `overidesuspenduntil`, `dedicatedip`, `assignedips`, `ns1`, `ns2`,
  `created_at`, `updated_at`) VALUES
  (1, 1, 1, 1, 1, '2026-11-01', 'shop.mueller-soehne.example', 'banktransfer', 49.00, 49.00,
   'Annually', '2027-11-01', '2027-11-01', '', '', '', '', 0, '', 0, '0000-00-00', '', '', '', '',
   '2026-11-01 09:12:33', '2026-11-01 09:12:33'),
  (2, 2, 2, 1, 1, '2026-11-01', 'obrien.example', 'banktransfer', 45.08, 45.08,
   'Annually', '2027-11-01', '2027-11-01', '', '', '', '', 0, '', 0, '0000-00-00', '', '', '', '',
   '2026-11-01 10:47:05', '2026-11-01 10:47:05'),
  (3, 3, 3, 2, 1, '2026-11-01', '*.zolw.example', 'banktransfer', 117.71, 117.71,
   'Annually', '2027-11-01', '2027-11-01', '', '', '', '', 0, '', 0, '0000-00-00', '', '', '', '',
   '2026-11-01 13:20:51', '2026-11-01 13:20:51'),
  (4, 1, 4, 3, 1, '2026-11-01', 'mueller-soehne.example', 'banktransfer', 199.00, 199.00,
   'Annually', '2027-11-01', '2027-11-01', '', '', '', '', 0, '', 0, '0000-00-00', '', '', '', '',
   '2026-11-01 16:03:18', '2026-11-01 16:03:18');

-- No tblsslorders rows: the module creates them in CreateAccount.
