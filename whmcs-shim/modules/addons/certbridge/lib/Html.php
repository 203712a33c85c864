<?php
/**
 * Escaping and the alert boxes of the addon page (WHMCS's admin theme styles .alert).
 */

namespace WHMCS\Module\Addon\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Html
{
    /** Escapes text for HTML content and attribute values. */
    public static function e($text)
    {
        return htmlspecialchars((string) $text, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
    }

    /** Encodes a value for a <script> block: no </script>, quotes or & can break out. */
    public static function js($value)
    {
        $json = json_encode($value, JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES);
        return is_string($json) ? $json : 'null';
    }

    /** $html must already be escaped; $kind is one of WHMCS's alert kinds. */
    public static function alert($kind, $html)
    {
        return '<div class="alert alert-' . self::e($kind) . ' certbridge-alert" role="alert">' . $html . '</div>';
    }
}
