<?php
/**
 * certbridge hooks. WHMCS loads this file on every page once a product uses the module, so it
 * only registers closures; the libraries load when a hook actually fires.
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

/**
 * configuressl.php step one: prefill the CSR box with a CSR the server generated (it keeps the
 * key), so a client without a CSR of their own can simply continue. Returns array('csr' => …)
 * as extra Smarty variables, or array() — the page must render whatever happens here.
 */
add_hook('ClientAreaPageConfigureSSL', 1, function ($vars) {
    try {
        if (!is_array($vars) || !function_exists('ModuleBuildParams')) {
            return array();
        }
        // Steps 2 and 3 are other pages; a step-two error re-renders step one with the CSR the
        // client pasted, which the empty-box check below leaves alone.
        $step = isset($_REQUEST['step']) && is_scalar($_REQUEST['step']) ? (string) $_REQUEST['step'] : '';
        if ($step === '2' || $step === '3') {
            return array();
        }
        if (isset($vars['status']) && $vars['status'] !== 'Awaiting Configuration') {
            return array();
        }
        $csr = isset($vars['csr']) && is_string($vars['csr']) ? preg_replace('/\s+/', '', $vars['csr']) : '';
        if ($csr !== '' && $csr !== '-----BEGINCERTIFICATEREQUEST----------ENDCERTIFICATEREQUEST-----') {
            return array();
        }
        $serviceId = isset($vars['serviceid']) && is_numeric($vars['serviceid']) ? (int) $vars['serviceid'] : 0;
        $addonId = isset($vars['addonId']) && is_numeric($vars['addonId']) ? (int) $vars['addonId'] : 0;
        if ($serviceId <= 0) {
            return array();
        }
        $params = ModuleBuildParams($serviceId, $addonId);
        if (!is_array($params) || !isset($params['moduletype']) || $params['moduletype'] !== 'certbridge') {
            return array();
        }

        // Libraries only (not certbridge.php): configuressl.php includes the module file itself.
        foreach (array('ShimError', 'Endpoint', 'Transport', 'Params', 'Effects', 'Bridge') as $lib) {
            require_once __DIR__ . '/lib/' . $lib . '.php';
        }
        $outcome = \WHMCS\Module\Server\Certbridge\Bridge::call('PrepareCsr', $params);
        if ($outcome['ok'] && is_array($outcome['result']) && isset($outcome['result']['csr'])
            && is_string($outcome['result']['csr']) && trim($outcome['result']['csr']) !== '') {
            return array('csr' => $outcome['result']['csr']);
        }
        return array();
    } catch (\Throwable $e) {
        // Bridge::call() logs its own failures; this catches anything around it.
        try {
            if (function_exists('logModuleCall')) {
                logModuleCall('certbridge', 'PrepareCsr', is_array($vars) ? array_keys($vars) : array(), get_class($e) . ': ' . $e->getMessage(), '', array());
            }
        } catch (\Throwable $ignored) {
            // Nothing left to report to; the page still renders.
        }
        return array();
    }
});
