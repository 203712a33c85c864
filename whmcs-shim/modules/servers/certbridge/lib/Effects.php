<?php
/**
 * Runs the effects a hook reply asks for inside WHMCS (e-mails, service updates, activity log),
 * in order. The server has already committed its own state, so a failing effect is logged and
 * reported, never turned into a failed module call.
 */

namespace WHMCS\Module\Server\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Effects
{
    /**
     * Called by Bridge::call() with the reply's `effects`; returns one outcome per effect:
     * array('type' => ..., 'ok' => bool, 'detail' => localAPI result or message).
     */
    public static function run($hookName, $effects, array $mask)
    {
        $outcomes = array();
        if (!is_array($effects)) {
            return $outcomes;
        }
        foreach ($effects as $index => $effect) {
            $type = is_array($effect) && isset($effect['type']) && is_string($effect['type']) ? $effect['type'] : '';
            try {
                $outcome = self::runOne($type, is_array($effect) ? $effect : array());
            } catch (\Throwable $e) {
                // localAPI throws on some database errors; the next effect still runs.
                $outcome = array('ok' => false, 'detail' => get_class($e) . ': ' . $e->getMessage());
            }
            $outcome = array('type' => $type, 'ok' => $outcome['ok'], 'detail' => $outcome['detail']);
            if (!$outcome['ok']) {
                Bridge::log($hookName . ' effect ' . ($type === '' ? 'unknown' : $type), $effect, $outcome['detail'], $outcome, $mask);
            }
            $outcomes[$index] = $outcome;
        }
        return array_values($outcomes);
    }

    /** Executes one effect; returns array('ok' => bool, 'detail' => mixed). */
    private static function runOne($type, array $effect)
    {
        switch ($type) {
            case 'sendEmail':
                $values = array(
                    'messagename' => isset($effect['messagename']) ? (string) $effect['messagename'] : '',
                    'id' => isset($effect['id']) ? (int) $effect['id'] : 0,
                );
                if (isset($effect['customvars']) && is_array($effect['customvars']) && $effect['customvars']) {
                    // localAPI's documented encoding for extra merge fields.
                    $values['customvars'] = base64_encode(serialize($effect['customvars']));
                }
                return self::localApi('SendEmail', $values);
            case 'updateClientProduct':
                $values = isset($effect['values']) && is_array($effect['values']) ? $effect['values'] : array();
                if (!isset($values['serviceid'])) {
                    return array('ok' => false, 'detail' => 'updateClientProduct without values.serviceid');
                }
                return self::localApi('UpdateClientProduct', $values);
            case 'logActivity':
                if (!function_exists('logActivity')) {
                    return array('ok' => false, 'detail' => 'logActivity() is not available here');
                }
                $description = isset($effect['description']) ? (string) $effect['description'] : '';
                logActivity($description, isset($effect['userId']) ? (int) $effect['userId'] : 0);
                return array('ok' => true, 'detail' => 'logged');
            default:
                // An older shim meeting a newer server: skip what it does not know, loudly.
                return array('ok' => false, 'detail' => 'unknown effect type "' . $type . '" ignored');
        }
    }

    /** Calls localAPI; returns ok when WHMCS answered result=success. */
    private static function localApi($command, array $values)
    {
        if (!function_exists('localAPI')) {
            return array('ok' => false, 'detail' => 'localAPI() is not available here');
        }
        $result = localAPI($command, $values);
        $ok = is_array($result) && isset($result['result']) && $result['result'] === 'success';
        return array('ok' => $ok, 'detail' => $result);
    }
}
