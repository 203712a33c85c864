<?php
/**
 * The emulated addon module pages: Addon Modules (config, activate, deactivate) and the addon
 * page addonmodules.php?module=certbridge (output), with what WHMCS itself writes around them
 * (tbladdonmodules rows, tblconfiguration.ActiveAddonModules).
 */

namespace CertbridgeEmulator;

final class AddonCalls
{
    const MODULE = 'certbridge';

    /**
     * {call: addon, function: config|activate|deactivate|output, settings?, server?, adminId?}
     * `settings` are saved first as the Configure form would; `server` sets $_SERVER keys
     * (HTTP_HOST, HTTPS, SCRIPT_NAME) of the admin page request.
     */
    public static function run(array $request)
    {
        $function = Calls::requireString($request, 'function');
        if (!in_array($function, array('config', 'activate', 'deactivate', 'output'), true)) {
            throw new Misuse('addon: function must be config, activate, deactivate or output');
        }
        if (isset($request['settings']) && is_array($request['settings'])) {
            foreach ($request['settings'] as $setting => $value) {
                self::save((string) $setting, (string) $value);
            }
        }
        if (isset($request['server']) && is_array($request['server'])) {
            foreach (array('HTTP_HOST', 'HTTPS', 'SCRIPT_NAME', 'SERVER_PORT') as $key) {
                if (isset($request['server'][$key]) && is_scalar($request['server'][$key])) {
                    $_SERVER[$key] = (string) $request['server'][$key];
                }
            }
        }

        switch ($function) {
            case 'config':
                $run = Capture::run('certbridge_config', array());
                break;
            case 'activate':
                $run = Capture::run('certbridge_activate', array());
                if ($run['exception'] === null && self::accepted($run['return'])) {
                    self::activate();
                }
                break;
            case 'deactivate':
                $run = Capture::run('certbridge_deactivate', array());
                if ($run['exception'] === null && self::accepted($run['return'])) {
                    self::deactivate();
                }
                break;
            default:
                if (!self::isActive()) {
                    return array('return' => null, 'whmcs' => array('denied' => 'addon not active', 'active' => false));
                }
                $run = Capture::run('certbridge_output', array(self::vars()));
        }

        $report = array(
            'return' => $run['return'],
            'output' => $run['output'],
            'exception' => $run['exception'],
            'whmcs' => array('active' => self::isActive(), 'settings' => (object) self::settings()),
        );
        if ($run['exception'] !== null) {
            $report['error'] = $run['exception']['class'] . ': ' . $run['exception']['message'];
        }
        return $report;
    }

    /** Called by bootstrap for hook calls: WHMCS loads hooks of active addons only. */
    public static function isActive()
    {
        $row = Runtime::$db->one("SELECT value FROM tblconfiguration WHERE setting = 'ActiveAddonModules'");
        $active = $row === null ? array() : array_map('trim', explode(',', $row['value']));
        return in_array(self::MODULE, $active, true);
    }

    /** $vars as WHMCS builds them for _output: module, modulelink, every setting, _lang. */
    private static function vars()
    {
        $vars = array_merge(self::settings(), array(
            'module' => self::MODULE,
            'modulelink' => 'addonmodules.php?module=' . self::MODULE,
        ));
        $lang = Runtime::$root . '/modules/addons/' . self::MODULE . '/lang/english.php';
        if (is_file($lang)) {
            $_ADDONLANG = array();
            include $lang;
            $vars['_lang'] = $_ADDONLANG;
        }
        return $vars;
    }

    /** WHMCS accepts no return value or status success/info. */
    private static function accepted($return)
    {
        return $return === null || (is_array($return) && isset($return['status']) && in_array($return['status'], array('success', 'info'), true));
    }

    private static function activate()
    {
        $config = certbridge_config();
        $active = self::activeList();
        if (!in_array(self::MODULE, $active, true)) {
            $active[] = self::MODULE;
        }
        self::setActiveList($active);
        self::save('version', isset($config['version']) ? (string) $config['version'] : '');
    }

    /** WHMCS deletes the module's tbladdonmodules rows; the module's own tables are its business. */
    private static function deactivate()
    {
        Runtime::$db->exec('DELETE FROM tbladdonmodules WHERE module = ?', array(self::MODULE));
        self::setActiveList(array_values(array_diff(self::activeList(), array(self::MODULE))));
    }

    private static function save($setting, $value)
    {
        $exists = Runtime::$db->one('SELECT id FROM tbladdonmodules WHERE module = ? AND setting = ?', array(self::MODULE, $setting));
        if ($exists === null) {
            Runtime::$db->insert('tbladdonmodules', array('module' => self::MODULE, 'setting' => $setting, 'value' => $value));
        } else {
            Runtime::$db->exec('UPDATE tbladdonmodules SET value = ? WHERE id = ?', array($value, $exists['id']));
        }
    }

    private static function settings()
    {
        $settings = array();
        foreach (Runtime::$db->all('SELECT setting, value FROM tbladdonmodules WHERE module = ? ORDER BY id', array(self::MODULE)) as $row) {
            $settings[$row['setting']] = $row['value'];
        }
        return $settings;
    }

    private static function activeList()
    {
        $row = Runtime::$db->one("SELECT value FROM tblconfiguration WHERE setting = 'ActiveAddonModules'");
        return $row === null || trim($row['value']) === '' ? array() : array_map('trim', explode(',', $row['value']));
    }

    private static function setActiveList(array $modules)
    {
        $value = implode(',', $modules);
        if (Runtime::$db->one("SELECT id FROM tblconfiguration WHERE setting = 'ActiveAddonModules'") === null) {
            Runtime::$db->insert('tblconfiguration', array('setting' => 'ActiveAddonModules', 'value' => $value, 'created_at' => new Raw('NOW()'), 'updated_at' => new Raw('NOW()')));
        } else {
            Runtime::$db->exec("UPDATE tblconfiguration SET value = ?, updated_at = NOW() WHERE setting = 'ActiveAddonModules'", array($value));
        }
        Runtime::$config['ActiveAddonModules'] = $value;
    }
}
