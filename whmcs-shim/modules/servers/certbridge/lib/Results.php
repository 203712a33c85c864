<?php
/**
 * Shapes a Bridge outcome into the return value each kind of WHMCS module function expects.
 * A broken server must still give WHMCS a value of the right shape: an error string, an
 * error array or an alert box — never null, a blank page or a PHP warning.
 */

namespace WHMCS\Module\Server\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Results
{
    const UNEXPECTED = 'certbridge server gave an answer this module does not understand; nothing was changed';

    /**
     * Lifecycle functions and admin buttons: returns 'success' or the error message string
     * (WHMCS shows any other string to staff as the failure reason).
     */
    public static function lifecycle(array $outcome)
    {
        if (!$outcome['ok']) {
            return $outcome['message'];
        }
        if ($outcome['result'] === 'success') {
            return 'success';
        }
        if (is_string($outcome['result']) && trim($outcome['result']) !== '') {
            return Transport::oneLine($outcome['result']);
        }
        return self::UNEXPECTED;
    }

    /** TestConnection: returns array('success' => bool[, 'error' => message]). */
    public static function testConnection(array $outcome)
    {
        if (!$outcome['ok']) {
            return array('success' => false, 'error' => $outcome['message']);
        }
        if (is_array($outcome['result']) && array_key_exists('success', $outcome['result'])) {
            return $outcome['result'];
        }
        return array('success' => false, 'error' => self::UNEXPECTED);
    }

    /** SSLStepOne/Two/Three: returns the result array, or array('error' => message). */
    public static function sslStep(array $outcome)
    {
        if (!$outcome['ok']) {
            return array('error' => $outcome['message']);
        }
        if (is_array($outcome['result'])) {
            return $outcome['result'];
        }
        // configuressl.php indexes the return value, so anything else becomes an empty array.
        return $outcome['result'] === null ? array() : array('error' => self::UNEXPECTED);
    }

    /**
     * ClientArea: returns the result array (tabOverviewModuleOutputTemplate, templateVariables …)
     * or an HTML alert string, so the client never sees a blank overview.
     */
    public static function clientArea(array $outcome)
    {
        if ($outcome['ok'] && is_array($outcome['result'])) {
            return $outcome['result'];
        }
        $message = $outcome['ok'] ? self::UNEXPECTED : $outcome['message'];
        return '<div class="alert alert-danger" role="alert"><strong>SSL certificate:</strong> '
            . self::escape($message) . '</div>';
    }

    /** AdminServicesTabFields: returns label => HTML, or one row holding the escaped error. */
    public static function adminTabFields(array $outcome)
    {
        if ($outcome['ok'] && is_array($outcome['result'])) {
            return $outcome['result'];
        }
        $message = $outcome['ok'] ? self::UNEXPECTED : $outcome['message'];
        return array('certbridge' => self::escape($message));
    }

    /** Config option loaders: returns value => label; WHMCS wants failures thrown. */
    public static function loaderOptions(array $outcome)
    {
        if (!$outcome['ok']) {
            throw new \Exception($outcome['message']);
        }
        $result = $outcome['result'];
        if (!is_array($result) || !isset($result['options']) || !is_array($result['options'])) {
            throw new \Exception(self::UNEXPECTED);
        }
        $options = array();
        foreach ($result['options'] as $value => $label) {
            if (is_scalar($label)) {
                $options[(string) $value] = (string) $label;
            }
        }
        return $options;
    }

    /** HTML-escapes text for WHMCS pages; invalid UTF-8 is substituted rather than dropped. */
    public static function escape($text)
    {
        return htmlspecialchars((string) $text, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
    }
}
