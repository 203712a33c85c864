<?php
/**
 * The iframe that holds the admin app, and the few lines of script that let the app size it
 * to its content and ask for a fresh sign-in. The iframe isolates the app's CSS from WHMCS's
 * and WHMCS's from the app's; messages are accepted only from the app's origin and frame.
 */

namespace WHMCS\Module\Addon\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Frame
{
    /**
     * Called by AdminPage; $src carries the sign-in token in its fragment, $appOrigin is the
     * only origin whose messages count, $base is shown in the "cannot reach" hint.
     */
    public static function html($src, $appOrigin, $base, array $lang)
    {
        $hint = sprintf(Html::e($lang['reachHint']), '<code>' . Html::e($base) . '</code>');
        return '<div class="certbridge-addon">'
            . '<style>'
            . '.certbridge-frame{display:block;width:100%;min-height:560px;height:calc(100vh - 170px);border:0;background:#fff}'
            . '.certbridge-hint{display:none;margin-top:10px}'
            . '</style>'
            . '<iframe id="certbridge-app" class="certbridge-frame" title="' . Html::e($lang['frameTitle']) . '"'
            . ' src="' . Html::e($src) . '" referrerpolicy="no-referrer"></iframe>'
            . '<div id="certbridge-hint" class="alert alert-info certbridge-hint">' . $hint . '</div>'
            . '<script>' . self::script($appOrigin) . '</script>'
            . '</div>';
    }

    /**
     * Messages from the app: {type:'certbridge:ready'}, {type:'certbridge:height', height},
     * {type:'certbridge:signin'} (session ended: reload this page for a new token).
     */
    private static function script($appOrigin)
    {
        return '(function(){'
            . 'var origin=' . Html::js($appOrigin) . ';'
            . 'var frame=document.getElementById("certbridge-app");'
            . 'var hint=document.getElementById("certbridge-hint");'
            . 'var ready=false;'
            . 'setTimeout(function(){if(!ready){hint.style.display="block";}},10000);'
            . 'window.addEventListener("message",function(e){'
            . 'if(e.origin!==origin||e.source!==frame.contentWindow||!e.data||typeof e.data.type!=="string"){return;}'
            . 'ready=true;hint.style.display="none";'
            . 'if(e.data.type==="certbridge:height"&&typeof e.data.height==="number"&&isFinite(e.data.height)){'
            . 'frame.style.height=Math.max(560,Math.min(Math.ceil(e.data.height),50000))+"px";}'
            . 'if(e.data.type==="certbridge:signin"){window.location.reload();}'
            . '});'
            . '})();';
    }
}
