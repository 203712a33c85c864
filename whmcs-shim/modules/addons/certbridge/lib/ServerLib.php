<?php
/**
 * The addon speaks the same signed hook protocol as the server module, so it loads that
 * module's libraries (Endpoint, Transport, Bridge, Effects …) instead of keeping a copy that
 * could drift from the server's signature scheme.
 */

namespace WHMCS\Module\Addon\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class ServerLib
{
    /** Libraries in dependency order, as the server module's hooks.php loads them. */
    private static $files = array('ShimError', 'Endpoint', 'Transport', 'Params', 'Effects', 'Bridge');

    /**
     * Called before any hook call; loads modules/servers/certbridge/lib. Throws
     * \RuntimeException with an installation hint when the server module is missing.
     */
    public static function load()
    {
        $dir = dirname(__DIR__, 3) . '/servers/certbridge/lib';
        if (!is_file($dir . '/Bridge.php')) {
            throw new \RuntimeException('The certbridge addon needs the certbridge server module: upload whmcs-shim/modules/servers/certbridge to modules/servers/certbridge in your WHMCS folder.');
        }
        foreach (self::$files as $name) {
            require_once $dir . '/' . $name . '.php';
        }
    }
}
