<?php
/**
 * Where the certbridge server lives and the secret shared with it, read from the WHMCS server
 * entry that $params carries (RequiresServer), so WHMCS's own Test Connection button works.
 */

namespace WHMCS\Module\Server\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Endpoint
{
    const NO_SERVER = "No certbridge server is assigned to this product: add a server of type certbridge (hostname = the bridge URL, access hash = the shared secret) and select it in the product's Module Settings";

    const HOOK_PATH = '/whmcs/v1/hooks/';

    /** @var string e.g. https://bridge.example/certbridge, never with a trailing slash */
    public $base;

    /** @var string path part of $base ('' or '/certbridge'), signed as part of every path */
    public $pathPrefix;

    /** @var string shared HMAC secret */
    public $secret;

    private function __construct($base, $pathPrefix, $secret)
    {
        $this->base = $base;
        $this->pathPrefix = $pathPrefix;
        $this->secret = $secret;
    }

    /**
     * Called by Bridge::call() with module $params; returns the endpoint or throws ShimError
     * ('config') when no usable server entry is assigned.
     */
    public static function fromParams(array $params)
    {
        $host = self::text($params, 'serverhostname');
        if ($host === '') {
            $host = self::text($params, 'serverip');
        }
        $secret = trim(self::text($params, 'serveraccesshash'));
        if ($secret === '' && isset($params['serverpassword']) && is_string($params['serverpassword'])) {
            // The password is used exactly as stored: the server compares it byte for byte.
            $secret = $params['serverpassword'];
        }
        if ($host === '' || $secret === '') {
            throw new ShimError('config', self::NO_SERVER);
        }

        $base = strpos($host, '://') !== false ? rtrim($host, '/') : self::buildBase($host, $params);
        $parts = parse_url($base);
        if (!is_array($parts) || !isset($parts['scheme'], $parts['host'])
            || isset($parts['query']) || isset($parts['fragment'])) {
            throw new ShimError('config', 'The certbridge server address "' . $base . '" is not a valid URL: set the server hostname to the bridge URL, e.g. https://bridge.example.com');
        }
        $prefix = isset($parts['path']) ? rtrim($parts['path'], '/') : '';

        return new self($base, $prefix, $secret);
    }

    /** Called by Transport; returns the absolute URL of hook $name. */
    public function hookUrl($name)
    {
        return $this->base . self::HOOK_PATH . $name;
    }

    /** Called by Transport; returns the URL path of hook $name exactly as it is requested and signed. */
    public function hookPath($name)
    {
        return $this->pathPrefix . self::HOOK_PATH . $name;
    }

    /**
     * Builds scheme://host[:port][/path] from a bare host entry. WHMCS admins type
     * "bridge.local", "10.0.0.5:8420" or "bridge.local/certbridge" into the hostname field.
     */
    private static function buildBase($host, array $params)
    {
        $scheme = strtolower(trim(self::text($params, 'serverhttpprefix')));
        if ($scheme === '') {
            $scheme = self::truthy(isset($params['serversecure']) ? $params['serversecure'] : false) ? 'https' : 'http';
        }
        $slash = strpos($host, '/');
        $authority = $slash === false ? $host : substr($host, 0, $slash);
        $path = $slash === false ? '' : rtrim(substr($host, $slash), '/');

        // A bare IPv6 address has several colons and no brackets; a URL needs the brackets.
        if (substr_count($authority, ':') > 1 && strpos($authority, '[') === false) {
            $authority = '[' . $authority . ']';
        }
        $hasPort = preg_match('/(^[^\[]*|\]):\d+$/', $authority) === 1;
        $port = trim(self::text($params, 'serverport'));
        if (!$hasPort && $port !== '' && $port !== '0') {
            $authority .= ':' . $port;
        }

        return $scheme . '://' . $authority . $path;
    }

    /** Reads a scalar param as a string; arrays, objects and null read as ''. */
    private static function text(array $params, $key)
    {
        if (!isset($params[$key]) || !is_scalar($params[$key])) {
            return '';
        }
        return is_bool($params[$key]) ? ($params[$key] ? '1' : '') : trim((string) $params[$key]);
    }

    /** WHMCS passes serversecure as bool, but old code paths pass the column text ('on'). */
    private static function truthy($value)
    {
        if (is_bool($value)) {
            return $value;
        }
        if (!is_scalar($value)) {
            return false;
        }
        return in_array(strtolower(trim((string) $value)), array('1', 'on', 'true', 'yes'), true);
    }
}
