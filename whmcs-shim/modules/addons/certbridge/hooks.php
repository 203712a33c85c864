<?php
/**
 * certbridge addon hooks. WHMCS loads this file on every page while the addon is active, so
 * it only registers a closure; the libraries load when the cron hook fires.
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

/**
 * After every cron run: pull the certbridge server's outbox, run its effects (e-mails,
 * service updates) through localAPI and acknowledge them. Returns the delivery summary (WHMCS
 * ignores it); a failure is logged and must never break the cron.
 */
add_hook('AfterCronJob', 1, function ($vars) {
    try {
        require_once __DIR__ . '/lib/ServerLib.php';
        require_once __DIR__ . '/lib/Settings.php';
        require_once __DIR__ . '/lib/Outbox.php';
        \WHMCS\Module\Addon\Certbridge\ServerLib::load();
        $settings = \WHMCS\Module\Addon\Certbridge\Settings::fromDatabase();
        if (!$settings->isComplete()) {
            return array('skipped' => 'the certbridge addon has no bridge URL or shared secret yet');
        }
        return \WHMCS\Module\Addon\Certbridge\Outbox::deliver($settings);
    } catch (\Throwable $e) {
        try {
            if (function_exists('logActivity')) {
                logActivity('certbridge: outbox delivery failed: ' . $e->getMessage());
            }
        } catch (\Throwable $ignored) {
            // Nothing left to report to; the cron goes on.
        }
        return array('error' => $e->getMessage());
    }
});
