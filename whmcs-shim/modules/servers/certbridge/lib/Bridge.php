<?php
/**
 * The one thing every module function does: collect params → sign → POST → apply effects →
 * logModuleCall (secrets masked) → hand back an outcome for Results to shape for WHMCS.
 */

namespace WHMCS\Module\Server\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Bridge
{
    const DEFAULT_TIMEOUT = 10.0;

    /**
     * Called by the module functions in certbridge.php and by hooks.php.
     *
     * $options: 'request' (array, sent as context.request), 'timeout' (seconds, default 10;
     * the constant CERTBRIDGE_HTTP_TIMEOUT overrides every call), 'mask' (extra strings to hide
     * in the log), 'redactBody' (true: keep result.bodyBase64 out of the log).
     *
     * Returns array('ok' => true, 'result' => mixed, 'effects' => list of outcomes) or
     * array('ok' => false, 'kind' => ..., 'code' => ..., 'message' => one line, 'field' => ...).
     */
    public static function call($name, array $params, array $options = array())
    {
        $mask = self::baseMask($params);
        if (isset($options['mask']) && is_array($options['mask'])) {
            $mask = array_merge($mask, $options['mask']);
        }
        $request = isset($options['request']) && is_array($options['request']) ? $options['request'] : array();
        $redact = !empty($options['redactBody']);
        $body = array('params' => Params::clean($params), 'context' => Params::context($params, $request));
        $raw = '';

        try {
            $endpoint = Endpoint::fromParams($params);
            $mask[] = $endpoint->secret;
            $json = json_encode($body, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
            if (!is_string($json)) {
                throw new ShimError('encode', 'certbridge could not send ' . $name . ': the service data cannot be encoded as JSON (' . json_last_error_msg() . '); nothing was changed');
            }
            $timeout = self::timeout(isset($options['timeout']) ? (float) $options['timeout'] : self::DEFAULT_TIMEOUT);
            $reply = Transport::post($endpoint, $name, $json, $timeout);
            $raw = $reply['body'];
            $decoded = self::decode($endpoint, $reply, $mask);
            $effects = Effects::run($name, isset($decoded['effects']) ? $decoded['effects'] : array(), $mask);
            $outcome = array('ok' => true, 'result' => $decoded['result'], 'effects' => $effects);
        } catch (ShimError $e) {
            $outcome = array(
                'ok' => false,
                'kind' => $e->getKind(),
                'code' => $e->getServerCode(),
                'message' => $e->getMessage(),
                'field' => $e->getField(),
            );
            if ($raw === '') {
                $raw = $e->getMessage();
            }
        }

        self::log($name, $body, $redact ? self::redactRaw($raw) : $raw, $redact ? self::redact($outcome) : $outcome, $mask);
        return $outcome;
    }

    /**
     * Called by call() and Effects; writes one tblmodulelog row through WHMCS (which only
     * stores it while module debug logging is on). Logging must never break a call.
     */
    public static function log($action, $request, $response, $processed, array $mask)
    {
        if (!function_exists('logModuleCall')) {
            return;
        }
        try {
            logModuleCall('certbridge', $action, $request, $response, $processed, self::maskList($mask));
        } catch (\Throwable $e) {
            // A broken log table is not the client's problem.
            return;
        }
    }

    /** Returns the effective total timeout in seconds; CERTBRIDGE_HTTP_TIMEOUT wins when set. */
    public static function timeout($default)
    {
        if (defined('CERTBRIDGE_HTTP_TIMEOUT') && is_numeric(CERTBRIDGE_HTTP_TIMEOUT) && (float) CERTBRIDGE_HTTP_TIMEOUT > 0) {
            return (float) CERTBRIDGE_HTTP_TIMEOUT;
        }
        return $default;
    }

    /**
     * Reads a reply: 2xx must be {"result": ...}; anything else should be {"error": {...}}.
     * Collects the reply's `mask` strings into $mask. Throws ShimError for error replies.
     */
    private static function decode(Endpoint $endpoint, array $reply, array &$mask)
    {
        $status = $reply['status'];
        $data = json_decode($reply['body'], true);
        if (is_array($data) && isset($data['mask']) && is_array($data['mask'])) {
            foreach ($data['mask'] as $secret) {
                if (is_string($secret)) {
                    $mask[] = $secret;
                }
            }
        }
        if ($status >= 200 && $status < 300) {
            if (is_array($data) && array_key_exists('result', $data)) {
                return $data;
            }
        } elseif (is_array($data) && isset($data['error']) && is_array($data['error'])) {
            $error = $data['error'];
            $message = isset($error['message']) && is_string($error['message']) ? Transport::oneLine($error['message']) : '';
            if ($message !== '') {
                $code = isset($error['code']) && is_scalar($error['code']) ? (string) $error['code'] : '';
                $field = isset($error['field']) && is_scalar($error['field']) ? (string) $error['field'] : null;
                throw new ShimError('server', $message, $field, $code);
            }
        }
        throw new ShimError('reply', "certbridge server at {$endpoint->base} replied with HTTP {$status} and no usable answer");
    }

    /** Secrets known before any reply: the server credentials and the service password. */
    private static function baseMask(array $params)
    {
        $mask = array();
        foreach (array('serveraccesshash', 'serverpassword', 'password') as $key) {
            if (isset($params[$key]) && is_string($params[$key])) {
                $mask[] = $params[$key];
                $mask[] = trim($params[$key]);
            }
        }
        return $mask;
    }

    /** Non-empty unique strings, longest first so a secret containing another is hidden whole. */
    private static function maskList(array $mask)
    {
        $list = array();
        foreach ($mask as $value) {
            if (is_string($value) && $value !== '') {
                $list[$value] = strlen($value);
            }
        }
        arsort($list);
        return array_map('strval', array_keys($list));
    }

    /** Download replies carry private keys; the log gets their size, not their bytes. */
    private static function redact($value)
    {
        if (!is_array($value)) {
            return $value;
        }
        foreach ($value as $key => $item) {
            if ($key === 'bodyBase64' && is_string($item)) {
                $value[$key] = '[' . strlen($item) . ' characters of base64 omitted]';
            } elseif (is_array($item)) {
                $value[$key] = self::redact($item);
            }
        }
        return $value;
    }

    /** Redacts a raw JSON reply; text that is not JSON is logged as is (it holds no body). */
    private static function redactRaw($raw)
    {
        $data = json_decode($raw, true);
        if (!is_array($data)) {
            return $raw;
        }
        $json = json_encode(self::redact($data), JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        return is_string($json) ? $json : '[reply omitted]';
    }
}
