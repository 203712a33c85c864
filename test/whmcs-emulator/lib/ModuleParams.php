<?php
/**
 * Builds module $params from the fixture database the way WHMCS's ModuleBuildParams does
 * (whmcs-modules.md §1.8), including the Eloquent models WHMCS passes (as stdClass here),
 * so the shim meets objects it must strip.
 */

namespace CertbridgeEmulator;

final class ModuleParams
{
    /** ISO code => [name, phone country code] for the countries the fixtures use. */
    private static $countries = array(
        'DE' => array('Germany', 49), 'AT' => array('Austria', 43), 'CH' => array('Switzerland', 41),
        'NL' => array('Netherlands', 31), 'FR' => array('France', 33), 'GB' => array('United Kingdom', 44),
        'US' => array('United States', 1), 'CA' => array('Canada', 1), 'ES' => array('Spain', 34),
        'IT' => array('Italy', 39), 'PL' => array('Poland', 48), 'RU' => array('Russian Federation', 7),
        'UA' => array('Ukraine', 380), 'VN' => array('Viet Nam', 84), 'AU' => array('Australia', 61),
    );

    /** Called by ModuleBuildParams() and the calls; returns the params of service $serviceId or throws Misuse. */
    public static function forService($serviceId)
    {
        $service = Runtime::$db->one('SELECT * FROM tblhosting WHERE id = ?', array($serviceId));
        if ($service === null) {
            throw new Misuse('service ' . $serviceId . ' does not exist in tblhosting');
        }
        $product = Runtime::$db->one('SELECT * FROM tblproducts WHERE id = ?', array((int) $service['packageid']));
        if ($product === null) {
            throw new Misuse('service ' . $serviceId . ' points at missing product ' . $service['packageid']);
        }
        $client = Runtime::$db->one('SELECT * FROM tblclients WHERE id = ?', array((int) $service['userid']));
        if ($client === null) {
            throw new Misuse('service ' . $serviceId . ' points at missing client ' . $service['userid']);
        }

        $params = array(
            'serviceid' => (int) $service['id'],
            'accountid' => (int) $service['id'],
            'addonId' => 0,
            'userid' => (int) $service['userid'],
            'pid' => (int) $product['id'],
            'packageid' => (int) $product['id'],
            'serverid' => (int) $service['server'],
            'domain' => (string) $service['domain'],
            'username' => (string) $service['username'],
            'password' => (string) $service['password'],
            'status' => (string) $service['domainstatus'],
            'qty' => isset($service['qty']) ? (int) $service['qty'] : 1,
            'producttype' => (string) $product['type'],
            'type' => (string) $product['type'],
            'moduletype' => (string) $product['servertype'],
        );
        for ($i = 1; $i <= 24; $i++) {
            $params['configoption' . $i] = isset($product['configoption' . $i]) ? (string) $product['configoption' . $i] : '';
        }
        $params['customfields'] = self::customFields('product', (int) $product['id'], (int) $service['id']);
        $params['configoptions'] = self::configOptions((int) $product['id'], (int) $service['id']);
        $params['clientsdetails'] = self::clientDetails($client);
        $params['model'] = self::model('WHMCS\\Service\\Service', $service);
        $params = array_merge($params, self::forServer((int) $service['server']));
        $params['whmcsVersion'] = Runtime::setting('Version');
        return $params;
    }

    /**
     * Called by forService() and TestConnection; returns the server* params of tblservers row
     * $serverId (empty values and server=false when there is none).
     */
    public static function forServer($serverId)
    {
        $server = $serverId > 0 ? Runtime::$db->one('SELECT * FROM tblservers WHERE id = ?', array($serverId)) : null;
        if ($server === null) {
            return array(
                'server' => false, 'serverip' => '', 'serverhostname' => '', 'serverusername' => '',
                'serverpassword' => '', 'serveraccesshash' => '', 'serversecure' => false,
                'serverhttpprefix' => 'http', 'serverport' => '',
            );
        }
        $secure = (string) $server['secure'] === 'on';
        $port = $server['port'];
        if ($port === null || (string) $port === '') {
            // WHMCS falls back to the module's MetaData default port.
            $meta = function_exists('certbridge_MetaData') ? certbridge_MetaData() : array();
            $key = $secure ? 'DefaultSSLPort' : 'DefaultNonSSLPort';
            $port = isset($meta[$key]) ? $meta[$key] : '';
        }
        return array(
            'server' => true,
            'serverid' => (int) $server['id'],
            'serverip' => (string) $server['ipaddress'],
            'serverhostname' => (string) $server['hostname'],
            'serverusername' => (string) $server['username'],
            'serverpassword' => (string) $server['password'],
            'serveraccesshash' => (string) $server['accesshash'],
            'serversecure' => $secure,
            'serverhttpprefix' => $secure ? 'https' : 'http',
            'serverport' => (string) $port,
        );
    }

    /** clientsdetails as WHMCS 8.x builds it (state reused as state code; phone split). */
    private static function clientDetails(array $client)
    {
        $country = strtoupper((string) $client['country']);
        $known = isset(self::$countries[$country]) ? self::$countries[$country] : array($country, 0);
        $phone = (string) $client['phonenumber'];
        $phoneCc = $known[1];
        if (preg_match('/^\+(\d{1,4})\.(.*)$/', $phone, $match)) {
            $phoneCc = (int) $match[1];
            $phone = $match[2];
        }
        $digits = preg_replace('/\D+/', '', $phone);
        $custom = self::customFields('client', 0, (int) $client['id']);

        $details = array(
            'userid' => (int) $client['id'],
            'id' => (int) $client['id'],
            'client_id' => (int) $client['id'],
            'uuid' => (string) $client['uuid'],
            'firstname' => (string) $client['firstname'],
            'lastname' => (string) $client['lastname'],
            'fullname' => trim($client['firstname'] . ' ' . $client['lastname']),
            'companyname' => (string) $client['companyname'],
            'email' => (string) $client['email'],
            'address1' => (string) $client['address1'],
            'address2' => (string) $client['address2'],
            'city' => (string) $client['city'],
            'fullstate' => (string) $client['state'],
            'state' => (string) $client['state'],
            'statecode' => (string) $client['state'],
            'postcode' => (string) $client['postcode'],
            'countrycode' => $country,
            'country' => $country,
            'countryname' => $known[0],
            'phonecc' => $phoneCc,
            'phonenumber' => $digits,
            'phonenumberformatted' => $digits === '' ? '' : '+' . $phoneCc . '.' . $digits,
            'telephoneNumber' => $digits === '' ? '' : '+' . $phoneCc . '.' . $digits,
            'tax_id' => self::col($client, 'tax_id', ''),
            'billingcid' => (int) self::col($client, 'billingcid', 0),
            'notes' => self::col($client, 'notes', ''),
            'currency' => (int) self::col($client, 'currency', 1),
            'defaultgateway' => self::col($client, 'defaultgateway', ''),
            'cctype' => self::col($client, 'cardtype', ''),
            'cclastfour' => self::col($client, 'cardlastfour', ''),
            'gatewayid' => self::col($client, 'gatewayid', ''),
            'groupid' => (int) self::col($client, 'groupid', 0),
            'status' => self::col($client, 'status', 'Active'),
            'credit' => self::col($client, 'credit', '0.00'),
            'taxexempt' => (bool) self::col($client, 'taxexempt', 0),
            'latefeeoveride' => (bool) self::col($client, 'latefeeoveride', 0),
            'overideduenotices' => (bool) self::col($client, 'overideduenotices', 0),
            'separateinvoices' => (bool) self::col($client, 'separateinvoices', 0),
            'disableautocc' => (bool) self::col($client, 'disableautocc', 0),
            'emailoptout' => (bool) self::col($client, 'emailoptout', 0),
            'marketing_emails_opt_in' => (bool) self::col($client, 'marketing_emails_opt_in', 0),
            'overrideautoclose' => (bool) self::col($client, 'overrideautoclose', 0),
            'allowSingleSignOn' => (int) self::col($client, 'allow_sso', 1),
            'email_verified' => (bool) self::col($client, 'email_verified', 0),
            'email_preferences' => self::col($client, 'email_preferences', ''),
            'language' => self::col($client, 'language', ''),
            'isOptedInToMarketingEmails' => (bool) self::col($client, 'marketing_emails_opt_in', 0),
            'lastlogin' => self::col($client, 'lastlogin', ''),
            'tax_countrycode' => $country,
            'tax_state' => (string) $client['state'],
            'customfields' => array(),
        );
        $index = 1;
        foreach ($custom['list'] as $field) {
            $details['customfields'][] = array('id' => $field['id'], 'value' => $field['value']);
            $details['customfields' . $index++] = $field['value'];
        }
        $details['model'] = self::model('WHMCS\\User\\Client', $client);
        return $details;
    }

    /**
     * Custom field values of $type ('product' with relid = product id, or 'client') for the
     * owning entity $ownerId. Product fields return name => value (parts before '|');
     * client fields return array('list' => [{id, value}]).
     */
    private static function customFields($type, $relid, $ownerId)
    {
        $rows = Runtime::$db->all(
            'SELECT f.id, f.fieldname, v.value FROM tblcustomfields f
             LEFT JOIN tblcustomfieldsvalues v ON v.fieldid = f.id AND v.relid = ?
             WHERE f.type = ? AND f.relid = ? ORDER BY f.sortorder, f.id',
            array($ownerId, $type, $relid)
        );
        if ($type === 'client') {
            $list = array();
            foreach ($rows as $row) {
                $list[] = array('id' => (int) $row['id'], 'value' => (string) $row['value']);
            }
            return array('list' => $list);
        }
        $out = array();
        foreach ($rows as $row) {
            $out[self::beforePipe($row['fieldname'])] = self::beforePipe((string) $row['value']);
        }
        return $out;
    }

    /** Configurable options: option name => chosen sub-option name, or the quantity for types 3/4. */
    private static function configOptions($productId, $serviceId)
    {
        $rows = Runtime::$db->all(
            'SELECT o.id, o.optionname, o.optiontype, h.qty, s.optionname AS choice
             FROM tblproductconfiglinks l
             JOIN tblproductconfigoptions o ON o.gid = l.gid
             LEFT JOIN tblhostingconfigoptions h ON h.configid = o.id AND h.relid = ?
             LEFT JOIN tblproductconfigoptionssub s ON s.id = h.optionid
             WHERE l.pid = ? ORDER BY o.`order`, o.id',
            array($serviceId, $productId)
        );
        $out = array();
        foreach ($rows as $row) {
            $quantity = in_array((string) $row['optiontype'], array('3', '4'), true);
            $out[self::beforePipe($row['optionname'])] = $quantity
                ? (int) $row['qty']
                : self::beforePipe((string) $row['choice']);
        }
        return $out;
    }

    /** WHMCS's "key|Label" convention: modules see the part before the pipe. */
    private static function beforePipe($text)
    {
        $parts = explode('|', (string) $text, 2);
        return trim($parts[0]);
    }

    /** Reads an optional column (fixtures of other WHMCS versions may lack it). */
    private static function col(array $row, $name, $default)
    {
        return array_key_exists($name, $row) && $row[$name] !== null ? $row[$name] : $default;
    }

    /** Stands in for an Eloquent model: an object the shim must not try to send. */
    public static function model($class, array $row)
    {
        $model = new \stdClass();
        $model->modelClass = $class;
        foreach ($row as $key => $value) {
            $model->$key = $value;
        }
        return $model;
    }
}
