<?php
/**
 * Turns WHMCS's $params into the JSON-safe `params` and `context` of a hook request.
 */

namespace WHMCS\Module\Server\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Params
{
    /**
     * Server credentials never travel in the body: the HMAC already proves the shim knows the
     * secret, and a plain-http bridge would otherwise expose it to anyone on the wire.
     */
    private static $credentialKeys = array('serveraccesshash', 'serverpassword');

    /**
     * Called by Bridge::call(); returns $params without objects (WHMCS passes Eloquent models
     * under `model`, `clientsdetails.model`, `sslOrder`), resources and server credentials.
     */
    public static function clean(array $params)
    {
        $clean = self::strip($params);
        foreach (self::$credentialKeys as $key) {
            unset($clean[$key]);
        }
        return $clean;
    }

    /**
     * Called by Bridge::call(); returns the `context` object: who is acting, which versions,
     * and the few request fields a custom function forwards ($request).
     */
    public static function context(array $params, array $request)
    {
        $session = isset($_SESSION) && is_array($_SESSION) ? $_SESSION : array();
        return array(
            'shimVersion' => '1',
            'phpVersion' => PHP_VERSION,
            'whmcsVersion' => self::whmcsVersion($params),
            'adminId' => isset($session['adminid']) && is_scalar($session['adminid']) ? (int) $session['adminid'] : 0,
            'clientId' => isset($session['uid']) && is_scalar($session['uid']) ? (int) $session['uid'] : 0,
            // An empty PHP array would encode as [], the server expects an object.
            'request' => $request ? $request : new \stdClass(),
        );
    }

    /** Recursively drops objects and resources; a list stays a list (JSON array) after removal. */
    private static function strip(array $values)
    {
        $out = array();
        $isList = true;
        $expected = 0;
        foreach ($values as $key => $value) {
            if ($key !== $expected++) {
                $isList = false;
            }
            if (is_object($value) || is_resource($value)) {
                continue;
            }
            $out[$key] = is_array($value) ? self::strip($value) : $value;
        }
        return $isList ? array_values($out) : $out;
    }

    /** WHMCS 7.8+ passes whmcsVersion to some functions; otherwise the configuration knows it. */
    private static function whmcsVersion(array $params)
    {
        if (isset($params['whmcsVersion']) && is_scalar($params['whmcsVersion']) && (string) $params['whmcsVersion'] !== '') {
            return (string) $params['whmcsVersion'];
        }
        if (isset($GLOBALS['CONFIG']) && is_array($GLOBALS['CONFIG']) && isset($GLOBALS['CONFIG']['Version'])
            && is_scalar($GLOBALS['CONFIG']['Version'])) {
            return (string) $GLOBALS['CONFIG']['Version'];
        }
        return '';
    }
}
