<?php
/**
 * Benchmark: N ClientArea module calls for one service in ONE PHP process, each through the
 * real shim (fresh curl handle, signing, JSON, effects, logging) — what a WHMCS client-area
 * page load pays. With --floor-url it instead POSTs the same body with the same curl setup to
 * a raw URL, the baseline the shim's overhead is measured against.
 *
 *   php test/whmcs-emulator/bench-clientarea.php --database=mysql://… [--service=1]
 *       [--iterations=200] [--warmup=20] [--floor-url=http://127.0.0.1:8420/healthz]
 *       [--module-log] [--http-timeout=10]
 *
 * Prints one JSON document: {"mode", "iterations", "samplesMs": [...], "errors", "firstError",
 * "warnings"}. Module debug logging is switched off for the run (WHMCS's default) unless
 * --module-log is given. Exit 2 on bad arguments.
 */

namespace CertbridgeEmulator;

use WHMCS\Module\Server\Certbridge\Transport;

require_once __DIR__ . '/lib/bootstrap.php';

captureErrors();

/** Parses --key=value / --key value / --flag arguments. */
function benchArgs(array $argv)
{
    $args = array();
    for ($i = 1; $i < count($argv); $i++) {
        if (!preg_match('/^--([a-z-]+)(?:=(.*))?$/', $argv[$i], $m)) {
            throw new Misuse('unexpected argument ' . $argv[$i]);
        }
        if (isset($m[2])) {
            $args[$m[1]] = $m[2];
        } elseif (isset($argv[$i + 1]) && strpos($argv[$i + 1], '--') !== 0) {
            $args[$m[1]] = $argv[++$i];
        } else {
            $args[$m[1]] = true;
        }
    }
    return $args;
}

try {
    $args = benchArgs($argv);
    if (!isset($args['database']) || !is_string($args['database'])) {
        throw new Misuse('--database=mysql://user:pass@host:port/db is required');
    }
    $iterations = isset($args['iterations']) ? (int) $args['iterations'] : 200;
    $warmup = isset($args['warmup']) ? (int) $args['warmup'] : 20;
    $serviceId = isset($args['service']) ? (int) $args['service'] : 1;
    if ($iterations < 1 || $warmup < 0 || $serviceId < 1) {
        throw new Misuse('--iterations must be >= 1, --warmup >= 0, --service >= 1');
    }
    $request = array('database' => $args['database']);
    if (isset($args['http-timeout'])) {
        $request['httpTimeout'] = (float) $args['http-timeout'];
    }
    boot($request);
    if (!isset($args['module-log'])) {
        Runtime::$config['ModuleDebugMode'] = '';
    }

    // WHMCS builds the params on every page load too, but that is WHMCS's cost, not the shim's.
    $params = ModuleParams::forService($serviceId);
    $params['action'] = 'ClientArea';
    $params['clientareatemplate'] = 'twenty-one';
    $params['templatevars'] = array('serviceid' => $serviceId);
    $floorUrl = isset($args['floor-url']) && is_string($args['floor-url']) ? $args['floor-url'] : '';
    $floorBody = json_encode(array(
        'params' => \WHMCS\Module\Server\Certbridge\Params::clean($params),
        'context' => \WHMCS\Module\Server\Certbridge\Params::context($params, array()),
    ), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);

    $samples = array();
    $errors = 0;
    $firstError = null;
    for ($i = 0; $i < $warmup + $iterations; $i++) {
        $started = hrtime(true);
        if ($floorUrl !== '') {
            // Same client setup as the shim: fresh handle, same timeouts, same body size.
            $handle = Transport::open($floorUrl, \WHMCS\Module\Server\Certbridge\Bridge::timeout(10.0), array('Content-Type: application/json', 'Accept: application/json'), $floorBody);
            $raw = curl_exec($handle);
            $status = (int) curl_getinfo($handle, CURLINFO_HTTP_CODE);
            $failure = $raw === false ? curl_error($handle) : ($status >= 200 && $status < 300 ? null : 'HTTP ' . $status);
            curl_close($handle);
        } else {
            $return = certbridge_ClientArea($params);
            $failure = is_array($return) ? null : (string) $return;
        }
        $elapsed = (hrtime(true) - $started) / 1e6;
        if ($i < $warmup) {
            continue;
        }
        $samples[] = round($elapsed, 3);
        if ($failure !== null) {
            $errors++;
            if ($firstError === null) {
                $firstError = $failure;
            }
        }
    }

    echo json_encode(array(
        'mode' => $floorUrl !== '' ? 'floor' : 'clientarea',
        'iterations' => $iterations,
        'samplesMs' => $samples,
        'errors' => $errors,
        'firstError' => $firstError,
        'warnings' => Runtime::$warnings,
    ), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE) . "\n";
} catch (Misuse $e) {
    fwrite(STDERR, 'bench-clientarea: ' . $e->getMessage() . "\n");
    exit(2);
}
