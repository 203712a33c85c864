<?php
/**
 * certbridge — WHMCS addon module: the admin page (import and pricing wizard, bulk re-price,
 * orders) and the cron hook that delivers the server's outbox.
 *
 * The page itself is the certbridge admin app, served by the certbridge server and embedded
 * here in an iframe; this file only signs the admin in (see lib/AdminPage.php). All data lives
 * in the server's mod_certbridge_* tables. Needs PHP 7.4–8.3 with curl and json only, and the
 * certbridge server module in modules/servers/certbridge (its signing libraries are shared).
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

require_once __DIR__ . '/lib/Lang.php';
require_once __DIR__ . '/lib/Html.php';
require_once __DIR__ . '/lib/ServerLib.php';
require_once __DIR__ . '/lib/Settings.php';
require_once __DIR__ . '/lib/WhmcsLocation.php';
require_once __DIR__ . '/lib/Frame.php';
require_once __DIR__ . '/lib/AdminPage.php';

use WHMCS\Module\Addon\Certbridge\AdminPage;
use WHMCS\Module\Addon\Certbridge\Lang;

/**
 * Called by WHMCS on Addon Modules; settings are stored in tbladdonmodules by key, so fields
 * may be added later without moving the others.
 */
function certbridge_config()
{
    return array(
        'name' => 'certbridge SSL Certificates',
        'description' => 'Import SSL certificates from your suppliers as WHMCS products with margins, rounding and every currency; re-price them in bulk; follow every certificate order.',
        'version' => '1.0.0',
        'author' => 'certbridge',
        'language' => 'english',
        'fields' => array(
            'bridgeUrl' => array(
                'FriendlyName' => 'Bridge URL',
                'Type' => 'text',
                'Size' => '60',
                'Default' => '',
                'Description' => 'Address of the certbridge server as WHMCS reaches it, e.g. https://bridge.example.com (the same as the hostname of the certbridge server entry)',
            ),
            'sharedSecret' => array(
                'FriendlyName' => 'Shared secret',
                'Type' => 'password',
                'Size' => '60',
                'Default' => '',
                'Description' => "The certbridge server's hook secret (CERTBRIDGE_HOOK_SECRET)",
            ),
            'browserUrl' => array(
                'FriendlyName' => 'Admin app URL',
                'Type' => 'text',
                'Size' => '60',
                'Default' => '',
                'Description' => "Only when admins' browsers reach the certbridge server at another address than WHMCS does (e.g. a public https name in front of an internal address). Leave empty to use the bridge URL.",
            ),
        ),
    );
}

/** Called by WHMCS on activation. The server owns and migrates its tables: nothing to create. */
function certbridge_activate()
{
    return array('status' => 'success', 'description' => Lang::text('activated'));
}

/** Called by WHMCS on deactivation. Deletes nothing: the mod_certbridge_* data stays. */
function certbridge_deactivate()
{
    return array('status' => 'success', 'description' => Lang::text('deactivated'));
}

/** Called by WHMCS for addonmodules.php?module=certbridge; echoes the page. */
function certbridge_output($vars)
{
    echo AdminPage::render(is_array($vars) ? $vars : array());
}
