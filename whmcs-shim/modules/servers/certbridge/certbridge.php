<?php
/**
 * certbridge — WHMCS provisioning module for SSL certificates.
 *
 * A thin shim: every function forwards to the certbridge server (signed HTTP, see lib/Bridge.php),
 * runs the effects it returns and hands WHMCS the value it expects. No business logic and no
 * SQL live here. Needs PHP 7.4–8.3 with curl and json only.
 */

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

require_once __DIR__ . '/lib/ShimError.php';
require_once __DIR__ . '/lib/Endpoint.php';
require_once __DIR__ . '/lib/Transport.php';
require_once __DIR__ . '/lib/Params.php';
require_once __DIR__ . '/lib/Effects.php';
require_once __DIR__ . '/lib/Bridge.php';
require_once __DIR__ . '/lib/Results.php';
require_once __DIR__ . '/lib/Download.php';

use WHMCS\Module\Server\Certbridge\Bridge;
use WHMCS\Module\Server\Certbridge\Download;
use WHMCS\Module\Server\Certbridge\RequestFinished;
use WHMCS\Module\Server\Certbridge\Results;

/**
 * Called by WHMCS when listing modules; returns the module's static metadata.
 * RequiresServer: the bridge URL and shared secret live in a WHMCS server entry.
 */
function certbridge_MetaData()
{
    return array(
        'DisplayName' => 'certbridge SSL Certificates',
        'APIVersion' => '1.1',
        'RequiresServer' => true,
        'AutoGenerateUsernameAndPassword' => false,
        'DefaultNonSSLPort' => '8420',
        'DefaultSSLPort' => '443',
    );
}

/**
 * Called by WHMCS on a product's Module Settings tab; returns the settings, stored by position
 * in tblproducts.configoption1..4. NEVER reorder: the server reads them by number.
 */
function certbridge_ConfigOptions($params = array())
{
    return array(
        'Supplier' => array(
            'Type' => 'text',
            'Size' => '25',
            'Loader' => 'certbridge_LoadSuppliers',
            'SimpleMode' => true,
            'Description' => 'Certificate supplier configured on the certbridge server',
        ),
        'Certificate product' => array(
            'Type' => 'text',
            'Size' => '25',
            'Loader' => 'certbridge_LoadProducts',
            'SimpleMode' => true,
            'Description' => "The supplier's certificate product sold by this WHMCS product",
        ),
        'CSR must match the ordered domain' => array(
            'Type' => 'yesno',
            'Default' => 'on',
            'Description' => "Reject a pasted CSR whose common name differs from the service's domain",
        ),
        'Key type for generated CSRs' => array(
            'Type' => 'dropdown',
            'Options' => array(
                'rsa2048' => 'RSA 2048',
                'rsa3072' => 'RSA 3072',
                'rsa4096' => 'RSA 4096',
                'ec-p256' => 'ECDSA P-256',
                'ec-p384' => 'ECDSA P-384',
            ),
            'Default' => 'rsa2048',
            'Description' => 'Used when certbridge generates the key and CSR for the client',
        ),
    );
}

/** Loader for setting 1; called by WHMCS; returns supplier id => label or throws. */
function certbridge_LoadSuppliers($params)
{
    return Results::loaderOptions(Bridge::call('ListSuppliers', is_array($params) ? $params : array()));
}

/** Loader for setting 2; called by WHMCS; returns product id => label or throws. */
function certbridge_LoadProducts($params)
{
    return Results::loaderOptions(Bridge::call('ListProducts', is_array($params) ? $params : array()));
}

/** Called by WHMCS's "Test Connection" button (server params only); returns success/error array. */
function certbridge_TestConnection($params)
{
    return Results::testConnection(Bridge::call('TestConnection', $params));
}

/** Called by WHMCS on auto-setup or admin "Create"; returns 'success' or an error string. */
function certbridge_CreateAccount($params)
{
    return Results::lifecycle(Bridge::call('CreateAccount', $params));
}

/** Called by WHMCS for overdue services or by staff; returns 'success' or an error string. */
function certbridge_SuspendAccount($params)
{
    return Results::lifecycle(Bridge::call('SuspendAccount', $params));
}

/** Called by WHMCS after payment or by staff; returns 'success' or an error string. */
function certbridge_UnsuspendAccount($params)
{
    return Results::lifecycle(Bridge::call('UnsuspendAccount', $params));
}

/** Called by WHMCS's auto-termination or by staff; returns 'success' or an error string. */
function certbridge_TerminateAccount($params)
{
    return Results::lifecycle(Bridge::call('TerminateAccount', $params));
}

/** Called by WHMCS when a renewal invoice is paid; returns 'success' or an error string. */
function certbridge_Renew($params)
{
    return Results::lifecycle(Bridge::call('Renew', $params));
}

/** Called by configuressl.php on every step-one render; returns additionalfields/displaydata. */
function certbridge_SSLStepOne($params)
{
    return Results::sslStep(Bridge::call('SSLStepOne', $params));
}

/** Called by configuressl.php after the CSR form; returns approveremails/approvalmethods/… or error. */
function certbridge_SSLStepTwo($params)
{
    return Results::sslStep(Bridge::call('SSLStepTwo', $params));
}

/** Called by configuressl.php after the approver choice; returns array() or array('error' => …). */
function certbridge_SSLStepThree($params)
{
    return Results::sslStep(Bridge::call('SSLStepThree', $params));
}

/** Called by WHMCS on the client's service page; returns the overview template and its variables. */
function certbridge_ClientArea($params)
{
    return Results::clientArea(Bridge::call('ClientArea', $params));
}

/** Called by WHMCS on the admin service page; returns the extra buttons: label => function suffix. */
function certbridge_AdminCustomButtonArray()
{
    return array(
        'Resend Configuration Email' => 'ResendConfigurationEmail',
        'Sync Status' => 'SyncStatus',
        'Cancel Order' => 'CancelOrder',
    );
}

/** Admin button; returns 'success' or an error string. */
function certbridge_ResendConfigurationEmail($params)
{
    return Results::lifecycle(Bridge::call('ResendConfigurationEmail', $params));
}

/** Admin button; returns 'success' or an error string. */
function certbridge_SyncStatus($params)
{
    return Results::lifecycle(Bridge::call('SyncStatus', $params));
}

/** Admin button; returns 'success' or an error string. */
function certbridge_CancelOrder($params)
{
    return Results::lifecycle(Bridge::call('CancelOrder', $params));
}

/** Called by WHMCS on the admin service page; returns label => HTML rows. */
function certbridge_AdminServicesTabFields($params)
{
    return Results::adminTabFields(Bridge::call('AdminServicesTabFields', $params));
}

/** Called by WHMCS before running a client custom function; returns the allowed suffixes. */
function certbridge_ClientAreaAllowedFunctions()
{
    return array('download');
}

/**
 * Called by WHMCS for clientarea.php?…&modop=custom&a=download. Streams the certificate file
 * and ends the request; returns an error string when there is nothing to stream.
 */
function certbridge_download($params)
{
    return Download::handle($params);
}

/**
 * Called by Download for every response header; returns nothing. Under the emulator the
 * header is also recorded, because the PHP CLI keeps no header list.
 */
function certbridge_send_header($line)
{
    if (defined('CERTBRIDGE_EMULATOR')) {
        $GLOBALS['certbridge_emulator_headers'][] = $line;
    }
    header($line);
}

/**
 * Called by Download after the body is written; never returns. WHMCS would otherwise render its
 * page after the file, so the request ends here. The emulator catches RequestFinished instead.
 */
function certbridge_finish_request()
{
    if (defined('CERTBRIDGE_EMULATOR')) {
        throw new RequestFinished('download finished');
    }
    exit;
}
