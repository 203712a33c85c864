<?php
/**
 * The emulated WHMCS entry points other than configuressl.php: module lifecycle calls, admin
 * buttons, Test Connection, config-option loaders, static functions, hooks and client custom
 * functions. Each returns the report fragment run.php prints.
 */

namespace CertbridgeEmulator;

final class Calls
{
    /** Lifecycle functions and what WHMCS itself writes to tblhosting when they return 'success'. */
    private static $lifecycle = array(
        'CreateAccount' => 'create',
        'SuspendAccount' => 'suspend',
        'UnsuspendAccount' => 'unsuspend',
        'TerminateAccount' => 'terminate',
        'Renew' => 'renew',
    );

    /**
     * Other service-bound functions called with plain module params. (SSLStep* here skip
     * configuressl.php's emulation; use the configuressl call for the real flow.)
     */
    private static $pageFunctions = array('ClientArea', 'AdminServicesTabFields', 'SSLStepOne', 'SSLStepTwo', 'SSLStepThree');

    /** {call: module, function, serviceId, extra?} */
    public static function module(array $request)
    {
        $function = self::requireString($request, 'function');
        if (!isset(self::$lifecycle[$function]) && !in_array($function, self::$pageFunctions, true)) {
            throw new Misuse('module call: unsupported function ' . $function . ' (use adminbutton, configuressl, clientcustom …)');
        }
        $serviceId = self::requireInt($request, 'serviceId');
        $params = ModuleParams::forService($serviceId);
        $params['action'] = isset(self::$lifecycle[$function]) ? self::$lifecycle[$function] : $function;
        if ($function === 'SuspendAccount') {
            $params['suspendreason'] = 'Overdue on Payment';
        }
        if ($function === 'ClientArea') {
            $params['clientareatemplate'] = Runtime::setting('Template') !== '' ? Runtime::setting('Template') : 'twenty-one';
            $params['templatevars'] = array('serviceid' => $serviceId, 'token' => 'emulator-csrf-token');
        }
        $params = self::merge($params, $request);

        $run = Capture::run('certbridge_' . $function, array($params));
        if ($run['exception'] === null && $run['return'] === 'success' && isset(self::$lifecycle[$function])) {
            self::applyLifecycle($function, $serviceId, $params);
        }
        return self::report($run, array('service' => self::serviceState($serviceId)));
    }

    /** {call: adminbutton, function, serviceId, extra?} — only buttons the module declares. */
    public static function adminButton(array $request)
    {
        $function = self::requireString($request, 'function');
        $buttons = certbridge_AdminCustomButtonArray();
        if (!in_array($function, $buttons, true)) {
            throw new Misuse('adminbutton: ' . $function . ' is not in certbridge_AdminCustomButtonArray()');
        }
        $serviceId = self::requireInt($request, 'serviceId');
        $params = ModuleParams::forService($serviceId);
        $params['action'] = $function;
        $run = Capture::run('certbridge_' . $function, array(self::merge($params, $request)));
        return self::report($run, array('service' => self::serviceState($serviceId)));
    }

    /** {call: testconnection, serverId, extra?} — server params only, as WHMCS passes them. */
    public static function testConnection(array $request)
    {
        $params = self::merge(ModuleParams::forServer(self::requireInt($request, 'serverId')), $request);
        return self::report(Capture::run('certbridge_TestConnection', array($params)), array());
    }

    /** {call: loader, function: LoadSuppliers|LoadProducts, serverId, extra?} */
    public static function loader(array $request)
    {
        $function = self::requireString($request, 'function');
        if (!in_array($function, array('LoadSuppliers', 'LoadProducts'), true)) {
            throw new Misuse('loader: function must be LoadSuppliers or LoadProducts');
        }
        $params = self::merge(ModuleParams::forServer(self::requireInt($request, 'serverId')), $request);
        return self::report(Capture::run('certbridge_' . $function, array($params)), array());
    }

    /** {call: static, function: MetaData|ConfigOptions|AdminCustomButtonArray|ClientAreaAllowedFunctions} */
    public static function staticFunction(array $request)
    {
        $function = self::requireString($request, 'function');
        if (!in_array($function, array('MetaData', 'ConfigOptions', 'AdminCustomButtonArray', 'ClientAreaAllowedFunctions'), true)) {
            throw new Misuse('static: unsupported function ' . $function);
        }
        $args = $function === 'ConfigOptions' ? array(array('producttype' => 'other')) : array();
        return self::report(Capture::run('certbridge_' . $function, $args), array());
    }

    /** {call: hook, hookPoint, vars?, get?, post?} — fires hooks registered by the module's hooks.php. */
    public static function hook(array $request)
    {
        $point = self::requireString($request, 'hookPoint');
        self::setRequest($request);
        $vars = isset($request['vars']) && is_array($request['vars']) ? $request['vars'] : array();
        $run = Capture::run('run_hook', array($point, $vars));
        return self::report($run, array());
    }

    /**
     * {call: clientcustom, serviceId, clientId, function, get?, post?} — clientarea.php
     * ?action=productdetails&id=…&modop=custom&a=function. WHMCS only runs listed functions,
     * for the owner, while the service is Active.
     */
    public static function clientCustom(array $request)
    {
        $function = self::requireString($request, 'function');
        $serviceId = self::requireInt($request, 'serviceId');
        $clientId = self::requireInt($request, 'clientId');
        $allowed = function_exists('certbridge_ClientAreaAllowedFunctions') ? certbridge_ClientAreaAllowedFunctions() : array();
        $buttons = function_exists('certbridge_ClientAreaCustomButtonArray') ? array_values(certbridge_ClientAreaCustomButtonArray()) : array();
        $service = Runtime::$db->one('SELECT userid, domainstatus FROM tblhosting WHERE id = ?', array($serviceId));
        $denied = null;
        if (!in_array($function, array_merge($allowed, $buttons), true)) {
            $denied = 'function not allowed';
        } elseif ($service === null || (int) $service['userid'] !== $clientId) {
            $denied = 'service not owned by client';
        } elseif ($service['domainstatus'] !== 'Active') {
            $denied = 'service not Active';
        }
        if ($denied !== null) {
            return array('return' => null, 'whmcs' => array('denied' => $denied));
        }
        self::setRequest($request);
        $params = ModuleParams::forService($serviceId);
        $params['action'] = $function;
        $run = Capture::run('certbridge_' . $function, array($params), "<!-- WHMCS page output buffered before the module ran -->\n");
        return self::report($run, array('finished' => $run['finished']));
    }

    /** Sets $_GET, $_POST and $_REQUEST (POST wins, like PHP's default request_order GP). */
    public static function setRequest(array $request)
    {
        $_GET = isset($request['get']) && is_array($request['get']) ? $request['get'] : array();
        $_POST = isset($request['post']) && is_array($request['post']) ? $request['post'] : array();
        $_REQUEST = array_merge($_GET, $_POST);
        $_SERVER['REQUEST_METHOD'] = $_POST ? 'POST' : 'GET';
    }

    /** Turns a Capture result into the report fragment (download body separated from output). */
    private static function report(array $run, array $whmcs)
    {
        $headers = isset($GLOBALS['certbridge_emulator_headers']) ? $GLOBALS['certbridge_emulator_headers'] : array();
        $out = array(
            'return' => $run['return'],
            'output' => $run['finished'] ? '' : $run['output'],
            'headers' => $headers,
            'bodyBase64' => $run['finished'] ? base64_encode($run['output']) : null,
            'exception' => $run['exception'],
            'whmcs' => $whmcs,
        );
        if ($run['exception'] !== null) {
            $out['error'] = $run['exception']['class'] . ': ' . $run['exception']['message'];
        }
        return $out;
    }

    /** WHMCS's own writes after a successful lifecycle call (whmcs-modules.md §1.4). */
    private static function applyLifecycle($function, $serviceId, array $params)
    {
        $db = Runtime::$db;
        switch ($function) {
            case 'CreateAccount':
                $db->exec("UPDATE tblhosting SET domainstatus = 'Active', termination_date = '0000-00-00' WHERE id = ?", array($serviceId));
                break;
            case 'SuspendAccount':
                $db->exec("UPDATE tblhosting SET domainstatus = 'Suspended', suspendreason = ? WHERE id = ?", array($params['suspendreason'], $serviceId));
                break;
            case 'UnsuspendAccount':
                $db->exec("UPDATE tblhosting SET domainstatus = 'Active', suspendreason = '' WHERE id = ?", array($serviceId));
                break;
            case 'TerminateAccount':
                $db->exec("UPDATE tblhosting SET domainstatus = 'Terminated', termination_date = IF(termination_date = '0000-00-00', CURDATE(), termination_date) WHERE id = ?", array($serviceId));
                break;
        }
    }

    /** The service row fields tests usually check after a call. */
    private static function serviceState($serviceId)
    {
        $row = Runtime::$db->one('SELECT domain, domainstatus, nextduedate, notes FROM tblhosting WHERE id = ?', array($serviceId));
        return $row === null ? null : $row;
    }

    /** Merges the request's `extra` over the built params (top level, like PreModule hooks do). */
    private static function merge(array $params, array $request)
    {
        return isset($request['extra']) && is_array($request['extra']) ? array_merge($params, $request['extra']) : $params;
    }

    /** Returns $request[$key] as a non-empty string or throws Misuse. */
    public static function requireString(array $request, $key)
    {
        if (!isset($request[$key]) || !is_string($request[$key]) || $request[$key] === '') {
            throw new Misuse('request.' . $key . ' must be a non-empty string');
        }
        return $request[$key];
    }

    /** Returns $request[$key] as a positive int or throws Misuse. */
    public static function requireInt(array $request, $key)
    {
        if (!isset($request[$key]) || !is_numeric($request[$key]) || (int) $request[$key] <= 0) {
            throw new Misuse('request.' . $key . ' must be a positive integer');
        }
        return (int) $request[$key];
    }
}
