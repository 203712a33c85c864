<?php
/**
 * WHMCS runtime emulator: runs the real certbridge shim the way WHMCS would for ONE request
 * and prints ONE JSON report on stdout.
 *
 *   php test/whmcs-emulator/run.php request.json      (or the JSON on stdin)
 *
 * Request: {database, call, …} — see test/support/whmcs.ts for every call's shape.
 * Report:  {return, localApi, activity, hooks, output, headers, bodyBase64, warnings, error,
 *           exception, whmcs}. Exit 0 when the request was understood (even if the shim
 *           failed: that is in the report), 2 when the request itself is wrong.
 *
 * Downloads: the emulator defines CERTBRIDGE_EMULATOR, so the shim records headers in
 * $GLOBALS['certbridge_emulator_headers'] and throws RequestFinished instead of `exit`;
 * the body is what was echoed into the emulator's output buffer (reported as bodyBase64).
 */

namespace CertbridgeEmulator;

require_once __DIR__ . '/lib/bootstrap.php';

captureErrors();

$printed = false;

/** Prints the report once; later calls (shutdown after a fatal error) do nothing. */
$emit = function (array $report, $exitCode) use (&$printed) {
    if ($printed) {
        return;
    }
    $printed = true;
    $report = array_merge(array(
        'return' => null,
        'localApi' => Runtime::$localApi,
        'activity' => Runtime::$activity,
        'hooks' => array('registered' => (object) Runtime::registeredHooks(), 'fired' => Runtime::$firedHooks),
        'output' => '',
        'headers' => array(),
        'bodyBase64' => null,
        'warnings' => Runtime::$warnings,
        'error' => null,
        'exception' => null,
        'whmcs' => new \stdClass(),
    ), $report);
    if (is_array($report['whmcs']) && !$report['whmcs']) {
        $report['whmcs'] = new \stdClass();
    }
    $json = json_encode($report, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE | JSON_PARTIAL_OUTPUT_ON_ERROR);
    fwrite(STDOUT, $json . "\n");
    if ($exitCode !== 0) {
        exit($exitCode);
    }
};

// A fatal error or a stray `exit` in the shim still yields a report, so the test sees why.
register_shutdown_function(function () use ($emit) {
    $last = error_get_last();
    $why = $last !== null && in_array($last['type'], array(E_ERROR, E_PARSE, E_CORE_ERROR, E_COMPILE_ERROR), true)
        ? 'PHP fatal error: ' . $last['message'] . ' at ' . $last['file'] . ':' . $last['line']
        : 'the request ended early (exit called outside the emulator\'s control)';
    while (ob_get_level() > 0) {
        ob_end_clean();
    }
    $emit(array('error' => $why), 0);
});

try {
    $source = isset($argv[1]) ? $argv[1] : 'php://stdin';
    $text = $source === 'php://stdin' || is_file($source) ? file_get_contents($source) : false;
    $request = is_string($text) ? json_decode($text, true) : null;
    if (!is_array($request)) {
        throw new Misuse('the request must be a JSON object (file argument or stdin)');
    }
    boot($request);
    $call = isset($request['call']) ? $request['call'] : '';
    switch ($call) {
        case 'module':
            $report = Calls::module($request);
            break;
        case 'adminbutton':
            $report = Calls::adminButton($request);
            break;
        case 'testconnection':
            $report = Calls::testConnection($request);
            break;
        case 'loader':
            $report = Calls::loader($request);
            break;
        case 'static':
            $report = Calls::staticFunction($request);
            break;
        case 'hook':
            $report = Calls::hook($request);
            break;
        case 'clientcustom':
            $report = Calls::clientCustom($request);
            break;
        case 'configuressl':
            $report = ConfigureSsl::run($request);
            break;
        case 'addon':
            $report = AddonCalls::run($request);
            break;
        default:
            throw new Misuse('request.call must be one of module, adminbutton, testconnection, loader, static, hook, clientcustom, configuressl, addon');
    }
    $emit($report, 0);
} catch (Misuse $e) {
    fwrite(STDERR, 'whmcs-emulator: ' . $e->getMessage() . "\n");
    $emit(array('error' => 'emulator misuse: ' . $e->getMessage()), 2);
} catch (\Throwable $e) {
    $emit(array(
        'error' => get_class($e) . ': ' . $e->getMessage(),
        'exception' => array('class' => get_class($e), 'message' => $e->getMessage(), 'at' => $e->getFile() . ':' . $e->getLine()),
    ), 0);
}
