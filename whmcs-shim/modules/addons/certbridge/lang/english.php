<?php
/**
 * English texts of the certbridge addon page (WHMCS passes them to _output as $vars['_lang']).
 * %s placeholders are filled with already-escaped values.
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

$_ADDONLANG = array(
    'title' => 'certbridge SSL Certificates',
    'notConfigured' => 'certbridge is not connected yet. Enter the bridge URL and the shared secret under System Settings → Addon Modules → certbridge → Configure, then open this page again.',
    'openSettings' => 'Open Addon Modules',
    'notSignedIn' => 'Your WHMCS admin session could not be read. Sign in to the admin area again and reopen this page.',
    'serverFailed' => 'certbridge could not open the admin app: %s',
    'serverFailedHint' => 'Check that the certbridge server is running and that the bridge URL and shared secret in the addon settings match the server\'s configuration.',
    'badToken' => 'The certbridge server at %s answered without a sign-in token. Update the server and try again.',
    'mixedContent' => 'Your browser would block the admin app: WHMCS is served over https but the app address %s uses plain http. Serve the certbridge server over https, or enter an https address under "Admin app URL" in the addon settings.',
    'reachHint' => 'If the certbridge app does not appear, your browser cannot reach %s. That address must be reachable from admins\' browsers (set "Admin app URL" in the addon settings when WHMCS reaches the server at an internal address).',
    'frameTitle' => 'certbridge admin',
    'activated' => 'certbridge is active. Grant your admin roles access below, then enter the bridge URL and the shared secret. The certbridge server creates and owns its mod_certbridge_* tables (certbridge migrate); activation changes no data.',
    'deactivated' => 'certbridge is deactivated. Nothing was deleted: orders, keys, the catalogue and settings in the mod_certbridge_* tables belong to the certbridge server and stay as they are. Activate the module again to continue where you left off.',
);
