<?php
/**
 * The addon's settings (tbladdonmodules): where the certbridge server is, the secret shared
 * with it, and optionally the address admins' browsers use to reach it.
 */

namespace WHMCS\Module\Addon\Certbridge;

use WHMCS\Module\Server\Certbridge\Endpoint;
use WHMCS\Module\Server\Certbridge\ShimError;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Settings
{
    const MODULE = 'certbridge';

    /** @var string as typed by the admin, e.g. https://bridge.example.com */
    public $bridgeUrl;

    /** @var string */
    public $secret;

    /** @var string '' = browsers use the bridge URL */
    public $browserUrl;

    private function __construct($bridgeUrl, $secret, $browserUrl)
    {
        $this->bridgeUrl = trim((string) $bridgeUrl);
        // The secret is compared byte for byte by the server, like the server module's password.
        $this->secret = (string) $secret;
        $this->browserUrl = trim((string) $browserUrl);
    }

    /** Called by _output with WHMCS's $vars (settings already decrypted by WHMCS). */
    public static function fromVars(array $vars)
    {
        return new self(self::text($vars, 'bridgeUrl'), self::text($vars, 'sharedSecret'), self::text($vars, 'browserUrl'));
    }

    /**
     * Called by hooks.php, where WHMCS passes no settings: reads tbladdonmodules through
     * Capsule. Returns a Settings (possibly incomplete) or throws when the table is unreadable.
     */
    public static function fromDatabase()
    {
        $values = array();
        $rows = \WHMCS\Database\Capsule::table('tbladdonmodules')->where('module', self::MODULE)->get();
        foreach ($rows as $row) {
            $values[(string) $row->setting] = (string) $row->value;
        }
        $secret = isset($values['sharedSecret']) ? $values['sharedSecret'] : '';
        // WHMCS stores password-type addon settings encrypted on some versions; decrypt()
        // returns '' for text it did not encrypt, so the raw value is kept then.
        if ($secret !== '' && function_exists('decrypt')) {
            $plain = decrypt($secret);
            if (is_string($plain) && $plain !== '') {
                $secret = $plain;
            }
        }
        return new self(
            isset($values['bridgeUrl']) ? $values['bridgeUrl'] : '',
            $secret,
            isset($values['browserUrl']) ? $values['browserUrl'] : ''
        );
    }

    /** True when both the bridge URL and the secret are set. */
    public function isComplete()
    {
        return $this->bridgeUrl !== '' && trim($this->secret) !== '';
    }

    /**
     * Called before Bridge::call(); returns server-module-shaped $params (the server module
     * reads its endpoint from them) plus the hook's own $extra params.
     */
    public function hookParams(array $extra = array())
    {
        return array_merge($extra, array('serverhostname' => $this->bridgeUrl, 'serveraccesshash' => $this->secret));
    }

    /**
     * Called by AdminPage; returns the absolute base URL admins' browsers load the app from
     * (no trailing slash), normalised exactly as hook calls normalise the bridge URL.
     * Throws ShimError('config') for an unusable address.
     */
    public function browserBase()
    {
        $url = $this->browserUrl !== '' ? $this->browserUrl : $this->bridgeUrl;
        $endpoint = Endpoint::fromParams(array('serverhostname' => $url, 'serveraccesshash' => 'unused'));
        if (!preg_match('#^https?://#i', $endpoint->base)) {
            throw new ShimError('config', 'The address "' . $url . '" must start with http:// or https://');
        }
        return $endpoint->base;
    }

    private static function text(array $vars, $key)
    {
        return isset($vars[$key]) && is_scalar($vars[$key]) ? (string) $vars[$key] : '';
    }
}
