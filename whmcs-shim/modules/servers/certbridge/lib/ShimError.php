<?php
/**
 * An error the shim reports to WHMCS as one line of text.
 *
 * Thrown inside lib/ only; Bridge::call() turns it into a failed outcome, so no module
 * function ever lets it escape to WHMCS (except the loaders, which WHMCS wants to throw).
 */

namespace WHMCS\Module\Server\Certbridge;

if (!defined('WHMCS')) {
    die('This file cannot be accessed directly');
}

class ShimError extends \Exception
{
    /** @var string machine word for logs: config, encode, transport, timeout, http, reply, server */
    private $kind;

    /** @var string|null form field the server blamed, when it named one */
    private $field;

    /** @var string the server's error code for kind 'server', else '' */
    private $serverCode;

    /**
     * Called by lib/ code when a call cannot go on; $message is shown to WHMCS users verbatim.
     */
    public function __construct($kind, $message, $field = null, $serverCode = '')
    {
        parent::__construct($message);
        $this->kind = (string) $kind;
        $this->field = $field === null ? null : (string) $field;
        $this->serverCode = (string) $serverCode;
    }

    /** Called by Bridge::call(); returns the server's error code or ''. */
    public function getServerCode()
    {
        return $this->serverCode;
    }

    /** Called by Bridge::call(); returns the machine word for the error. */
    public function getKind()
    {
        return $this->kind;
    }

    /** Called by Bridge::call(); returns the blamed field name or null. */
    public function getField()
    {
        return $this->field;
    }
}

/**
 * Thrown instead of `exit` when the emulator (CERTBRIDGE_EMULATOR) runs the shim, so it can
 * capture a finished download and still print its JSON report.
 */
class RequestFinished extends \Exception
{
}
