<?php
/**
 * Runs one module function the way a WHMCS page would: output buffered, exceptions caught,
 * a finished download (RequestFinished instead of exit) recognised.
 */

namespace CertbridgeEmulator;

use WHMCS\Module\Server\Certbridge\RequestFinished;

final class Capture
{
    /**
     * Called by the calls. $pageOutput is echoed first into an inner buffer, standing in for
     * the page WHMCS has buffered so far (a download must discard it).
     * Returns array('return', 'output', 'finished', 'exception').
     */
    public static function run($callable, array $args, $pageOutput = '')
    {
        $base = ob_get_level();
        // Buffer 1 belongs to the emulator (CERTBRIDGE_EMULATOR = $base + 1); buffer 2 is "WHMCS".
        ob_start();
        ob_start();
        echo $pageOutput;
        $return = null;
        $finished = false;
        $exception = null;
        try {
            $return = call_user_func_array($callable, $args);
        } catch (RequestFinished $e) {
            $finished = true;
        } catch (\Throwable $e) {
            $exception = array('class' => get_class($e), 'message' => $e->getMessage());
        }
        $output = '';
        while (ob_get_level() > $base) {
            $output = ob_get_clean() . $output;
        }
        return array('return' => $return, 'output' => $output, 'finished' => $finished, 'exception' => $exception);
    }
}
