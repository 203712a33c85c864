<?php
/**
 * Sets up the emulated WHMCS runtime for run.php and bench-clientarea.php: strict error
 * capture, WHMCS's constants and globals, the database, the shim module and its hooks.php.
 */

namespace CertbridgeEmulator;

require_once __DIR__ . '/Database.php';
require_once __DIR__ . '/Runtime.php';
require_once __DIR__ . '/LocalApi.php';
require_once __DIR__ . '/ModuleParams.php';
require_once __DIR__ . '/Capture.php';
require_once __DIR__ . '/Calls.php';
require_once __DIR__ . '/ConfigureSsl.php';
require_once __DIR__ . '/AddonCalls.php';
require_once __DIR__ . '/Capsule.php';
require_once __DIR__ . '/whmcs-api.php';

/**
 * Called once per process with the decoded request; connects the database, loads the
 * configuration and includes the real shim files. Throws Misuse for a bad request.
 *
 * Request keys used: database (mysql URL, required), shimRoot (folder holding
 * modules/servers/certbridge; default <repo>/whmcs-shim), httpTimeout (seconds, sets
 * CERTBRIDGE_HTTP_TIMEOUT; env CERTBRIDGE_HTTP_TIMEOUT otherwise), adminId, clientId.
 */
function boot(array $request)
{
    $root = isset($request['shimRoot']) && is_string($request['shimRoot']) && $request['shimRoot'] !== ''
        ? rtrim($request['shimRoot'], '/')
        : dirname(__DIR__, 3) . '/whmcs-shim';
    $module = $root . '/modules/servers/certbridge/certbridge.php';
    if (!is_file($module)) {
        throw new Misuse('shim not found at ' . $module);
    }
    if (!isset($request['database'])) {
        throw new Misuse('request.database (mysql://user:pass@host:port/db) is required');
    }

    define('WHMCS', true);
    define('ROOTDIR', $root);
    // The shim discards output buffers above this level before a download (see Capture).
    define('CERTBRIDGE_EMULATOR', ob_get_level() + 1);
    $timeout = isset($request['httpTimeout']) ? $request['httpTimeout'] : getenv('CERTBRIDGE_HTTP_TIMEOUT');
    if (is_numeric($timeout) && (float) $timeout > 0) {
        define('CERTBRIDGE_HTTP_TIMEOUT', (float) $timeout);
    }
    $GLOBALS['certbridge_emulator_headers'] = array();

    Runtime::$root = $root;
    Runtime::$db = Database::connect($request['database']);
    foreach (Runtime::$db->all('SELECT setting, value FROM tblconfiguration') as $row) {
        Runtime::$config[$row['setting']] = $row['value'];
    }
    $GLOBALS['CONFIG'] = Runtime::$config;
    $GLOBALS['_SESSION'] = array();
    if (isset($request['adminId']) && (int) $request['adminId'] > 0) {
        $_SESSION['adminid'] = (int) $request['adminId'];
    }
    if (isset($request['clientId']) && (int) $request['clientId'] > 0) {
        $_SESSION['uid'] = (int) $request['clientId'];
    }

    require_once $module;
    // WHMCS loads a module's hooks.php on every page once a product uses the module.
    $hooks = $root . '/modules/servers/certbridge/hooks.php';
    if (is_file($hooks)) {
        require_once $hooks;
    }
    loadAddon($root, isset($request['call']) ? $request['call'] : '');
}

/**
 * The addon module: its main file on addon pages (the `addon` call); its hooks.php only while
 * the addon is active (tblconfiguration.ActiveAddonModules), as WHMCS loads addon hooks.
 */
function loadAddon($root, $call)
{
    $addon = $root . '/modules/addons/certbridge';
    if ($call === 'addon') {
        if (!is_file($addon . '/certbridge.php')) {
            throw new Misuse('addon module not found at ' . $addon . '/certbridge.php');
        }
        require_once $addon . '/certbridge.php';
    }
    if ($call === 'hook' && is_file($addon . '/hooks.php') && AddonCalls::isActive()) {
        require_once $addon . '/hooks.php';
    }
}

/** Installs the error handler that turns every PHP warning/notice into a report entry. */
function captureErrors()
{
    error_reporting(E_ALL);
    ini_set('display_errors', '0');
    ini_set('log_errors', '0');
    set_error_handler(array('CertbridgeEmulator\\Runtime', 'onError'));
}
