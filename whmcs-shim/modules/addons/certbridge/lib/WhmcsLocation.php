<?php
/**
 * Where the admin is looking at WHMCS from: the page's origin (the app posts its height to it)
 * and the admin folder URL (the app links to product pages there). Taken from the request,
 * because admins may use another host name than WHMCS's System URL; falls back to that URL.
 */

namespace WHMCS\Module\Addon\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class WhmcsLocation
{
    /**
     * Returns array('origin' => string|null, 'adminBase' => string|null, 'fromRequest' => bool);
     * fromRequest is false when the System URL stood in for the request (cron, CLI).
     */
    public static function detect()
    {
        $host = isset($_SERVER['HTTP_HOST']) && is_string($_SERVER['HTTP_HOST']) ? strtolower(trim($_SERVER['HTTP_HOST'])) : '';
        if ($host !== '' && preg_match('/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/', $host)) {
            $https = (isset($_SERVER['HTTPS']) && $_SERVER['HTTPS'] !== '' && strtolower((string) $_SERVER['HTTPS']) !== 'off')
                || (isset($_SERVER['SERVER_PORT']) && (string) $_SERVER['SERVER_PORT'] === '443');
            $origin = ($https ? 'https' : 'http') . '://' . $host;
            $script = isset($_SERVER['SCRIPT_NAME']) && is_string($_SERVER['SCRIPT_NAME']) ? $_SERVER['SCRIPT_NAME'] : '';
            $dir = $script !== '' && $script[0] === '/' ? rtrim(str_replace('\\', '/', dirname($script)), '/') : '';
            return array('origin' => $origin, 'adminBase' => $origin . self::cleanPath($dir) . '/', 'fromRequest' => true);
        }
        return self::fromSystemUrl();
    }

    /** Cron, CLI and tests: WHMCS's System URL plus its admin folder name. */
    private static function fromSystemUrl()
    {
        $url = isset($GLOBALS['CONFIG']['SystemURL']) && is_string($GLOBALS['CONFIG']['SystemURL']) ? trim($GLOBALS['CONFIG']['SystemURL']) : '';
        $parts = $url !== '' ? parse_url($url) : false;
        if (!is_array($parts) || !isset($parts['scheme'], $parts['host']) || !in_array(strtolower($parts['scheme']), array('http', 'https'), true)) {
            return array('origin' => null, 'adminBase' => null, 'fromRequest' => false);
        }
        $origin = strtolower($parts['scheme']) . '://' . strtolower($parts['host']) . (isset($parts['port']) ? ':' . (int) $parts['port'] : '');
        $path = isset($parts['path']) ? rtrim($parts['path'], '/') : '';
        // WHMCS lets the admin folder be renamed ($customadminpath in configuration.php).
        $admin = isset($GLOBALS['customadminpath']) && is_string($GLOBALS['customadminpath']) && $GLOBALS['customadminpath'] !== ''
            ? trim($GLOBALS['customadminpath'], '/') : 'admin';
        return array('origin' => $origin, 'adminBase' => $origin . self::cleanPath($path . '/' . $admin) . '/', 'fromRequest' => false);
    }

    /** Keeps a URL path to safe characters; anything odd is dropped rather than escaped. */
    private static function cleanPath($path)
    {
        return preg_match('#^(/[A-Za-z0-9._~-]+)*$#', $path) ? $path : '';
    }
}
