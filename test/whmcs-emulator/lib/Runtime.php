<?php
/**
 * Process-wide state of one emulated WHMCS request: database, configuration, and everything
 * the report shows (localAPI calls, activity log entries, hooks, PHP warnings).
 */

namespace CertbridgeEmulator;

final class Runtime
{
    /** @var Database */
    public static $db;

    /** @var array tblconfiguration setting => value */
    public static $config = array();

    /** @var string folder that holds modules/servers/certbridge (WHMCS's ROOTDIR) */
    public static $root = '';

    /** @var array list of {command, values, result[, customvars]} */
    public static $localApi = array();

    /** @var array list of {description, userId} */
    public static $activity = array();

    /** @var array hook point => list of array(priority, sequence, callable) */
    public static $hooks = array();

    /** @var array list of {hookPoint, results} */
    public static $firedHooks = array();

    /** @var string[] every PHP error/warning/notice/deprecation raised while running */
    public static $warnings = array();

    /** @var int */
    private static $hookSequence = 0;

    /**
     * Called by bootstrap.php as the PHP error handler; records the message and returns true so
     * PHP prints nothing (stdout must stay one JSON document).
     */
    public static function onError($errno, $message, $file, $line)
    {
        $names = array(
            E_WARNING => 'E_WARNING', E_NOTICE => 'E_NOTICE', E_DEPRECATED => 'E_DEPRECATED',
            E_USER_WARNING => 'E_USER_WARNING', E_USER_NOTICE => 'E_USER_NOTICE',
            E_USER_DEPRECATED => 'E_USER_DEPRECATED', E_USER_ERROR => 'E_USER_ERROR',
            E_RECOVERABLE_ERROR => 'E_RECOVERABLE_ERROR',
        );
        $name = isset($names[$errno]) ? $names[$errno] : 'E_' . $errno;
        self::$warnings[] = $name . ': ' . $message . ' at ' . $file . ':' . $line;
        return true;
    }

    /** Called by add_hook(); registers $callback for $point. */
    public static function addHook($point, $priority, $callback)
    {
        self::$hooks[$point][] = array((int) $priority, self::$hookSequence++, $callback);
    }

    /**
     * Called by run_hook() and the calls; runs every callback of $point in priority order
     * (lower first, then registration order) and returns their return values.
     */
    public static function runHook($point, array $vars)
    {
        $entries = isset(self::$hooks[$point]) ? self::$hooks[$point] : array();
        usort($entries, function ($a, $b) {
            return $a[0] === $b[0] ? $a[1] - $b[1] : $a[0] - $b[0];
        });
        $results = array();
        foreach ($entries as $entry) {
            $results[] = call_user_func($entry[2], $vars);
        }
        self::$firedHooks[] = array('hookPoint' => $point, 'results' => $results);
        return $results;
    }

    /** Returns hook point => number of registered callbacks, for the report. */
    public static function registeredHooks()
    {
        $out = array();
        foreach (self::$hooks as $point => $entries) {
            $out[$point] = count($entries);
        }
        return $out;
    }

    /** Returns a tblconfiguration value ('' when unset). */
    public static function setting($name)
    {
        return isset(self::$config[$name]) ? (string) self::$config[$name] : '';
    }
}
