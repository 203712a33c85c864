<?php
/**
 * Signed HTTP POST to the certbridge server with curl: one fresh handle per call, as a WHMCS
 * page load has, bounded timeouts, TLS verified, no redirects. Every failure becomes a
 * one-line ShimError, never a PHP warning.
 */

namespace WHMCS\Module\Server\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Transport
{
    const CONNECT_TIMEOUT = 5.0;

    /**
     * Called by Bridge::call(); POSTs $json to hook $name and returns
     * array('status' => int, 'body' => string). Throws ShimError ('transport' or 'timeout').
     */
    public static function post(Endpoint $endpoint, $name, $json, $timeout)
    {
        if (!function_exists('curl_init')) {
            throw new ShimError('transport', "certbridge server at {$endpoint->base} could not be reached (PHP's curl extension is not installed); nothing was changed");
        }
        try {
            $nonce = bin2hex(random_bytes(16));
        } catch (\Exception $e) {
            throw new ShimError('transport', 'certbridge could not create a request nonce (' . $e->getMessage() . '); nothing was changed');
        }
        $timestamp = (string) time();
        $signature = self::sign($endpoint->secret, $endpoint->hookPath($name), $timestamp, $nonce, $json);

        $handle = self::open($endpoint->hookUrl($name), $timeout, array(
            'Content-Type: application/json',
            'Accept: application/json',
            'X-Certbridge-Timestamp: ' . $timestamp,
            'X-Certbridge-Nonce: ' . $nonce,
            'X-Certbridge-Signature: ' . $signature,
        ), $json);
        $raw = curl_exec($handle);
        $errno = curl_errno($handle);
        $error = curl_error($handle);
        $status = (int) curl_getinfo($handle, CURLINFO_HTTP_CODE);
        $connected = (float) curl_getinfo($handle, CURLINFO_CONNECT_TIME) > 0
            || (float) curl_getinfo($handle, CURLINFO_PRETRANSFER_TIME) > 0
            || stripos($error, 'Operation timed out') === 0;
        curl_close($handle);

        if ($raw === false || $errno !== 0) {
            // A timeout after the connection was made means the server is there but slow;
            // a connect timeout is an unreachable server like any other.
            if ($errno === 28 && $connected) {
                throw new ShimError('timeout', "certbridge server at {$endpoint->base} did not answer within " . self::seconds($timeout) . ' s; nothing was changed');
            }
            $why = self::oneLine($error !== '' ? $error : 'curl error ' . $errno);
            throw new ShimError('transport', "certbridge server at {$endpoint->base} could not be reached ({$why}); nothing was changed");
        }

        return array('status' => $status, 'body' => (string) $raw);
    }

    /**
     * Called by post() and by the benchmark; returns the lowercase hex HMAC-SHA256 of
     * "POST\n{path}\n{timestamp}\n{nonce}\n{sha256(body)}" — the server recomputes exactly this.
     */
    public static function sign($secret, $path, $timestamp, $nonce, $body)
    {
        $signing = "POST\n" . $path . "\n" . $timestamp . "\n" . $nonce . "\n" . hash('sha256', $body);
        return hash_hmac('sha256', $signing, $secret);
    }

    /**
     * Called by post() and by the benchmark's floor mode; returns a configured curl handle so
     * both measure the same client setup.
     */
    public static function open($url, $timeout, array $headers, $body)
    {
        $totalMs = max(1, (int) round($timeout * 1000));
        $handle = curl_init();
        curl_setopt_array($handle, array(
            CURLOPT_URL => $url,
            CURLOPT_POST => true,
            CURLOPT_POSTFIELDS => $body,
            CURLOPT_RETURNTRANSFER => true,
            CURLOPT_HEADER => false,
            // "Expect:" stops curl from waiting for 100-continue on larger bodies.
            CURLOPT_HTTPHEADER => array_merge($headers, array('Expect:')),
            CURLOPT_CONNECTTIMEOUT_MS => min($totalMs, (int) (self::CONNECT_TIMEOUT * 1000)),
            CURLOPT_TIMEOUT_MS => $totalMs,
            // Sub-second timeouts need this on builds that use signals for DNS timeouts.
            CURLOPT_NOSIGNAL => true,
            // A redirect would turn the signed POST into something else; treat it as an answer.
            CURLOPT_FOLLOWLOCATION => false,
            CURLOPT_SSL_VERIFYPEER => true,
            CURLOPT_SSL_VERIFYHOST => 2,
            CURLOPT_PROTOCOLS => CURLPROTO_HTTP | CURLPROTO_HTTPS,
            CURLOPT_USERAGENT => 'certbridge-whmcs-shim/1 PHP/' . PHP_VERSION,
        ));
        return $handle;
    }

    /** Called for messages; formats 10.0 as "10" and 0.5 as "0.5". */
    public static function seconds($timeout)
    {
        $timeout = (float) $timeout;
        if (abs($timeout - round($timeout)) < 0.001) {
            return (string) (int) round($timeout);
        }
        return rtrim(rtrim(sprintf('%.2F', $timeout), '0'), '.');
    }

    /** Called for every message shown to WHMCS users; collapses whitespace and caps the length. */
    public static function oneLine($text)
    {
        $text = trim(preg_replace('/\s+/', ' ', (string) $text));
        if (strlen($text) <= 500) {
            return $text;
        }
        // Cut on a UTF-8 character boundary (no mbstring here): skip back over continuation bytes.
        $cut = 497;
        while ($cut > 0 && (ord($text[$cut]) & 0xC0) === 0x80) {
            $cut--;
        }
        return substr($text, 0, $cut) . '...';
    }
}
