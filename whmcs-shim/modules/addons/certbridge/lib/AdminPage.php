<?php
/**
 * The addon page (addonmodules.php?module=certbridge): asks the certbridge server for a
 * short-lived, single-use sign-in token for the current admin and embeds the admin app in an
 * iframe at {browser base}/admin/#token=… . The token travels in the URL fragment, which
 * browsers never send to any server and which the app removes from the address at once.
 */

namespace WHMCS\Module\Addon\Certbridge;

use WHMCS\Module\Server\Certbridge\Bridge;
use WHMCS\Module\Server\Certbridge\ShimError;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class AdminPage
{
    /** Called by certbridge_output(); returns the HTML to echo. Never throws. */
    public static function render(array $vars)
    {
        $lang = Lang::strings($vars);
        try {
            return self::build($vars, $lang);
        } catch (\Throwable $e) {
            return Html::alert('danger', sprintf(Html::e($lang['serverFailed']), Html::e($e->getMessage())));
        }
    }

    private static function build(array $vars, array $lang)
    {
        $settings = Settings::fromVars($vars);
        if (!$settings->isComplete()) {
            return Html::alert('warning', Html::e($lang['notConfigured'])
                . ' <a href="configaddonmods.php#certbridge">' . Html::e($lang['openSettings']) . '</a>');
        }
        $adminId = isset($_SESSION['adminid']) && is_numeric($_SESSION['adminid']) ? (int) $_SESSION['adminid'] : 0;
        if ($adminId <= 0) {
            return Html::alert('danger', Html::e($lang['notSignedIn']));
        }

        ServerLib::load();
        $base = $settings->browserBase();
        $here = WhmcsLocation::detect();
        // Only the page's real origin tells what the browser will block; the System URL may differ.
        if ($here['fromRequest'] && stripos($here['origin'], 'https://') === 0 && stripos($base, 'http://') === 0) {
            return Html::alert('danger', sprintf(Html::e($lang['mixedContent']), '<code>' . Html::e($base) . '</code>'));
        }

        // Bridge::call puts $_SESSION['adminid'] into context.adminId: the token is scoped to it.
        // adminBaseUrl lets the server link applied products back to this WHMCS admin area.
        $extra = $here['adminBase'] !== null ? array('adminBaseUrl' => $here['adminBase']) : array();
        $outcome = Bridge::call('AdminSession', $settings->hookParams($extra));
        if (!$outcome['ok']) {
            return Html::alert('danger', sprintf(Html::e($lang['serverFailed']), Html::e($outcome['message']))
                . '<br>' . Html::e($lang['serverFailedHint']));
        }
        $result = $outcome['result'];
        $token = is_array($result) && isset($result['token']) && is_string($result['token']) ? $result['token'] : '';
        if (!preg_match('/^[A-Za-z0-9._~-]{16,512}$/', $token)) {
            throw new ShimError('reply', sprintf($lang['badToken'], $base));
        }

        $fragment = 'token=' . rawurlencode($token);
        if ($here['origin'] !== null) {
            // The app sends its height only to this origin, and links back into WHMCS from adminBase.
            $fragment .= '&origin=' . rawurlencode($here['origin']) . '&admin=' . rawurlencode($here['adminBase']);
        }
        return Frame::html($base . '/admin/#' . $fragment, self::origin($base), $base, $lang);
    }

    /** scheme://host[:port] of the app, the only origin whose messages the page accepts. */
    private static function origin($base)
    {
        $parts = parse_url($base);
        $origin = strtolower($parts['scheme']) . '://' . strtolower($parts['host']);
        if (strpos($parts['host'], ':') !== false && $parts['host'][0] !== '[') {
            $origin = strtolower($parts['scheme']) . '://[' . strtolower($parts['host']) . ']';
        }
        if (isset($parts['port'])) {
            $default = strtolower($parts['scheme']) === 'https' ? 443 : 80;
            if ((int) $parts['port'] !== $default) {
                $origin .= ':' . (int) $parts['port'];
            }
        }
        return $origin;
    }
}
