<?php
/**
 * The localAPI commands the shim's effects use, implemented against the fixture database the
 * way WHMCS answers them. Every call is recorded for the report.
 */

namespace CertbridgeEmulator;

final class LocalApi
{
    /** Called by localAPI(); returns WHMCS's result array and records the call. */
    public static function call($command, $values, $adminUser)
    {
        $values = is_array($values) ? $values : array();
        $entry = array('command' => (string) $command, 'values' => $values, 'adminUser' => (string) $adminUser);
        switch ($command) {
            case 'SendEmail':
                $result = self::sendEmail($values, $entry);
                break;
            case 'UpdateClientProduct':
                $result = self::updateClientProduct($values);
                break;
            default:
                $result = array('result' => 'error', 'message' => 'Command Not Found');
        }
        $entry['result'] = $result;
        Runtime::$localApi[] = $entry;
        return $result;
    }

    /** SendEmail by template name; decodes customvars into the recorded entry. */
    private static function sendEmail(array $values, array &$entry)
    {
        if (isset($values['customvars'])) {
            $entry['customvars'] = self::decodeCustomVars($values['customvars']);
        }
        $name = isset($values['messagename']) ? (string) $values['messagename'] : '';
        if ($name === '') {
            return array('result' => 'error', 'message' => 'You must provide either an existing email template name or a custom message type');
        }
        $template = Runtime::$db->one('SELECT id, type FROM tblemailtemplates WHERE name = ? ORDER BY language = \'\' DESC, id LIMIT 1', array($name));
        if ($template === null) {
            return array('result' => 'error', 'message' => 'Email Template not found');
        }
        $entry['template'] = array('id' => (int) $template['id'], 'type' => $template['type']);
        return array('result' => 'success');
    }

    /** UpdateClientProduct: writes the columns certbridge uses (domain, status, nextduedate, notes). */
    private static function updateClientProduct(array $values)
    {
        $serviceId = isset($values['serviceid']) ? (int) $values['serviceid'] : 0;
        if ($serviceId <= 0 || Runtime::$db->one('SELECT id FROM tblhosting WHERE id = ?', array($serviceId)) === null) {
            return array('result' => 'error', 'message' => 'Service ID Not Found');
        }
        $map = array('domain' => 'domain', 'status' => 'domainstatus', 'nextduedate' => 'nextduedate', 'notes' => 'notes');
        $sets = array();
        $args = array();
        foreach ($map as $key => $column) {
            if (array_key_exists($key, $values)) {
                $sets[] = '`' . $column . '` = ?';
                $args[] = $values[$key];
            }
        }
        if ($sets) {
            $args[] = $serviceId;
            Runtime::$db->exec('UPDATE tblhosting SET ' . implode(', ', $sets) . ' WHERE id = ?', $args);
        }
        return array('result' => 'success', 'serviceid' => $serviceId);
    }

    /** customvars arrive as base64(serialize(array)) (or as a plain array); returns the array. */
    private static function decodeCustomVars($customVars)
    {
        if (is_array($customVars)) {
            return $customVars;
        }
        $raw = base64_decode((string) $customVars, true);
        if (!is_string($raw) || !preg_match('/^a:\d+:\{/', $raw)) {
            return array('__undecodable' => (string) $customVars);
        }
        $decoded = unserialize($raw, array('allowed_classes' => false));
        return is_array($decoded) ? $decoded : array('__undecodable' => (string) $customVars);
    }
}
