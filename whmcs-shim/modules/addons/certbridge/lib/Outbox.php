<?php
/**
 * Delivers the server's outbox inside WHMCS (run by the AfterCronJob hook): work that arose
 * outside a page load — a certificate issued by a background job — waits on the server until
 * WHMCS pulls it, runs its effects with localAPI and acknowledges it.
 *
 *   OutboxPull  params {limit}       → result {items: [{id, effects: [...]}]}
 *   OutboxAck   params {ids: [int]}  → result {acknowledged: int}
 *
 * Delivery is at most once per pulled item: an item is acknowledged after all its effects
 * were attempted, and a failed effect is written to WHMCS's activity log instead of being
 * retried (a retry would repeat the effects that did succeed, e.g. send an e-mail twice).
 * Items of a cron run that dies before acknowledging are offered again by the server after
 * its lease (10 minutes).
 */

namespace WHMCS\Module\Addon\Certbridge;

use WHMCS\Module\Server\Certbridge\Bridge;
use WHMCS\Module\Server\Certbridge\Effects;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

final class Outbox
{
    const BATCH = 100;

    /** One cron run delivers at most this many batches; the next run continues. */
    const MAX_BATCHES = 10;

    /**
     * Called by hooks.php; returns a summary array('pulled', 'acknowledged', 'failedEffects',
     * 'error') for logs and tests. Never throws.
     */
    public static function deliver(Settings $settings)
    {
        $summary = array('pulled' => 0, 'acknowledged' => 0, 'failedEffects' => 0, 'error' => null);
        for ($batch = 0; $batch < self::MAX_BATCHES; $batch++) {
            $pull = Bridge::call('OutboxPull', $settings->hookParams(array('limit' => self::BATCH)));
            if (!$pull['ok']) {
                $summary['error'] = $pull['message'];
                break;
            }
            $items = self::items($pull['result']);
            if (!$items) {
                break;
            }
            $ids = array();
            foreach ($items as $item) {
                $summary['pulled']++;
                $summary['failedEffects'] += self::run($item);
                $ids[] = $item['id'];
            }
            $ack = Bridge::call('OutboxAck', $settings->hookParams(array('ids' => $ids)));
            if (!$ack['ok']) {
                $summary['error'] = $ack['message'];
                break;
            }
            $summary['acknowledged'] += is_array($ack['result']) && isset($ack['result']['acknowledged'])
                ? (int) $ack['result']['acknowledged'] : 0;
            if (count($items) < self::BATCH) {
                break;
            }
        }
        if ($summary['error'] !== null) {
            self::activity('certbridge: outbox delivery stopped: ' . $summary['error']);
        }
        return $summary;
    }

    /** Runs one item's effects; returns how many failed (each logged to the activity log). */
    private static function run(array $item)
    {
        $failed = 0;
        foreach (Effects::run('OutboxPull', $item['effects'], array()) as $outcome) {
            if (!$outcome['ok']) {
                $failed++;
                $detail = is_array($outcome['detail']) && isset($outcome['detail']['message'])
                    ? $outcome['detail']['message'] : $outcome['detail'];
                self::activity('certbridge: outbox item ' . $item['id'] . ': ' . $outcome['type'] . ' failed: '
                    . (is_scalar($detail) ? (string) $detail : json_encode($detail)));
            }
        }
        return $failed;
    }

    /** Returns the well-formed items of a pull result: list of array('id' => int, 'effects' => list). */
    private static function items($result)
    {
        $items = array();
        if (!is_array($result) || !isset($result['items']) || !is_array($result['items'])) {
            return $items;
        }
        foreach ($result['items'] as $item) {
            if (is_array($item) && isset($item['id']) && is_numeric($item['id']) && (int) $item['id'] > 0) {
                $effects = isset($item['effects']) && is_array($item['effects']) ? array_values($item['effects']) : array();
                $items[] = array('id' => (int) $item['id'], 'effects' => $effects);
            }
        }
        return $items;
    }

    private static function activity($message)
    {
        if (function_exists('logActivity')) {
            logActivity($message);
        }
    }
}
