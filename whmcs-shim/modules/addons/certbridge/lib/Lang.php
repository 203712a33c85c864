<?php
/**
 * The addon's texts: WHMCS's $vars['_lang'] (the admin's language file) over the English
 * defaults, so a partly translated language file never shows an empty message.
 */

namespace WHMCS\Module\Addon\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Lang
{
    /** @var array|null English defaults, read once */
    private static $english = null;

    /** Called by the page and the module functions; returns key => text. */
    public static function strings(array $vars = array())
    {
        $strings = self::english();
        if (isset($vars['_lang']) && is_array($vars['_lang'])) {
            foreach ($vars['_lang'] as $key => $text) {
                if (is_string($text) && $text !== '') {
                    $strings[$key] = $text;
                }
            }
        }
        return $strings;
    }

    /** Returns one English default (for _activate/_deactivate, which get no $vars). */
    public static function text($key)
    {
        $strings = self::english();
        return isset($strings[$key]) ? $strings[$key] : $key;
    }

    private static function english()
    {
        if (self::$english === null) {
            $_ADDONLANG = array();
            include dirname(__DIR__) . '/lang/english.php';
            self::$english = $_ADDONLANG;
        }
        return self::$english;
    }
}
