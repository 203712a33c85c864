<?php
/**
 * The global functions WHMCS provides to modules, as far as certbridge uses them. Each one
 * mirrors WHMCS's observable behaviour (database rows written, values returned).
 */

use CertbridgeEmulator\LocalApi;
use CertbridgeEmulator\ModuleParams;
use CertbridgeEmulator\Raw;
use CertbridgeEmulator\Runtime;

/**
 * WHMCS's module debug log: nothing unless ModuleDebugMode is 'on'; arrays/objects become
 * print_r text; each $replaceVars string becomes as many '*'; module/action lower-cased.
 */
function logModuleCall($module, $action, $request, $response, $processedData = '', $replaceVars = array())
{
    if (Runtime::setting('ModuleDebugMode') !== 'on') {
        return;
    }
    $texts = array();
    foreach (array($request, $response, $processedData) as $value) {
        $texts[] = is_array($value) || is_object($value) ? print_r($value, true) : (string) $value;
    }
    foreach (is_array($replaceVars) ? $replaceVars : array() as $secret) {
        if (!is_scalar($secret) || (string) $secret === '') {
            continue;
        }
        $secret = (string) $secret;
        foreach ($texts as $index => $text) {
            $texts[$index] = str_replace($secret, str_repeat('*', strlen($secret)), $text);
        }
    }
    Runtime::$db->insert('tblmodulelog', array(
        'date' => new Raw('NOW()'),
        'module' => strtolower((string) $module),
        'action' => strtolower((string) $action),
        'request' => $texts[0],
        'response' => $texts[1],
        'arrdata' => $texts[2],
    ));
}

/** WHMCS's activity log: one tblactivitylog row, attributed to the session's admin or client. */
function logActivity($description, $userId = 0)
{
    $adminId = isset($_SESSION['adminid']) ? (int) $_SESSION['adminid'] : 0;
    Runtime::$activity[] = array('description' => (string) $description, 'userId' => (int) $userId);
    Runtime::$db->insert('tblactivitylog', array(
        'date' => new Raw('NOW()'),
        'description' => (string) $description,
        'user' => $adminId > 0 ? 'Admin ' . $adminId : 'System',
        'userid' => (int) $userId,
        'user_id' => 0,
        'admin_id' => $adminId,
        'ipaddr' => '127.0.0.1',
    ));
}

/** WHMCS's in-process API; see LocalApi for the commands implemented. */
function localAPI($command, $values = array(), $adminUser = '')
{
    return LocalApi::call($command, $values, $adminUser);
}

/** Registers a hook callback, as includes/hooks and module hooks.php files do. */
function add_hook($hookPoint, $priority, $function)
{
    Runtime::addHook((string) $hookPoint, $priority, $function);
}

/** Runs a hook point; returns the list of callback results. */
function run_hook($hookPoint, $vars)
{
    return Runtime::runHook((string) $hookPoint, is_array($vars) ? $vars : array());
}

/** WHMCS's module parameter builder for a service (see ModuleParams::forService). */
function ModuleBuildParams($serviceId, $addonId = 0)
{
    return ModuleParams::forService((int) $serviceId);
}
