<?php
/**
 * The client's certificate download: asks the server for the file in the chosen format and
 * streams it as an attachment, ending the WHMCS page load.
 */

namespace WHMCS\Module\Server\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Download
{
    const TIMEOUT = 30.0;

    /** @var string[] the formats the server offers; anything else never reaches it */
    private static $formats = array(
        'pem-leaf', 'pem-chain', 'pem-fullchain', 'pem-key', 'pkcs7', 'pfx',
        'bundle-nginx', 'bundle-apache', 'bundle-iis', 'bundle-cpanel',
    );

    /**
     * Called by certbridge_download(). On success sends headers and body and ends the request
     * through certbridge_finish_request(); otherwise returns an error string, which WHMCS
     * shows on the service page.
     */
    public static function handle(array $params)
    {
        $format = self::input('format', true);
        if (!in_array($format, self::$formats, true)) {
            return 'Please choose one of the offered certificate download formats.';
        }
        // POST only, so the PFX password never lands in a URL, browser history or access log.
        $password = self::input('pfxpassword', false);
        $outcome = Bridge::call('Download', $params, array(
            'request' => array('format' => $format, 'pfxpassword' => $password),
            'timeout' => self::TIMEOUT,
            'mask' => array($password),
            'redactBody' => true,
        ));
        if (!$outcome['ok']) {
            return $outcome['message'];
        }
        $file = self::file($outcome['result']);
        if ($file === null) {
            return Results::UNEXPECTED;
        }
        if (headers_sent()) {
            return 'The certificate download could not start because this page had already sent output; please try again.';
        }

        self::discardOutput();
        certbridge_send_header('Content-Type: ' . $file['contentType']);
        certbridge_send_header('Content-Disposition: attachment; filename="' . $file['filename'] . '"');
        if (!ini_get('zlib.output_compression')) {
            // With transparent compression the length on the wire differs; let PHP frame it.
            certbridge_send_header('Content-Length: ' . strlen($file['body']));
        }
        certbridge_send_header('Cache-Control: no-store');
        certbridge_send_header('X-Content-Type-Options: nosniff');
        echo $file['body'];
        certbridge_finish_request();
        return 'success';
    }

    /** Validates the reply {filename, contentType, bodyBase64}; returns the file or null. */
    private static function file($result)
    {
        if (!is_array($result) || !isset($result['bodyBase64']) || !is_string($result['bodyBase64'])) {
            return null;
        }
        $body = base64_decode($result['bodyBase64'], true);
        if (!is_string($body) || $body === '') {
            return null;
        }
        $type = isset($result['contentType']) && is_string($result['contentType']) ? trim($result['contentType']) : '';
        if (!preg_match('~^[A-Za-z0-9.+-]+/[A-Za-z0-9.+-]+(\s*;\s*[A-Za-z0-9-]+=[A-Za-z0-9.+-]+)*$~', $type)) {
            $type = 'application/octet-stream';
        }
        $name = isset($result['filename']) && is_string($result['filename']) ? $result['filename'] : '';
        return array('filename' => self::safeFilename($name), 'contentType' => $type, 'body' => $body);
    }

    /** A filename safe inside a quoted header value on every browser: ASCII, no paths. */
    private static function safeFilename($name)
    {
        $name = preg_replace('~^.*[/\\\\]~', '', $name);
        $name = preg_replace('~[^A-Za-z0-9._-]+~', '_', $name);
        $name = ltrim($name, '._');
        if (strlen($name) > 100) {
            $name = substr($name, -100);
        }
        return $name === '' ? 'certificate' : $name;
    }

    /** Reads a request field as a string ($get: also the query string); arrays read as ''. */
    private static function input($key, $get)
    {
        if (isset($_POST[$key]) && is_string($_POST[$key])) {
            return trim($_POST[$key]) === '' ? '' : ($key === 'pfxpassword' ? $_POST[$key] : trim($_POST[$key]));
        }
        if ($get && isset($_GET[$key]) && is_string($_GET[$key])) {
            return trim($_GET[$key]);
        }
        return '';
    }

    /**
     * Drops page output WHMCS buffered so far; a file must start at its first byte. Under the
     * emulator the constant CERTBRIDGE_EMULATOR holds how many buffers the emulator owns.
     */
    private static function discardOutput()
    {
        $floor = defined('CERTBRIDGE_EMULATOR') ? (int) CERTBRIDGE_EMULATOR : 0;
        while (ob_get_level() > $floor) {
            $status = ob_get_status();
            if (isset($status['flags']) && !($status['flags'] & PHP_OUTPUT_HANDLER_REMOVABLE)) {
                break;
            }
            if (!ob_end_clean()) {
                break;
            }
        }
    }
}
