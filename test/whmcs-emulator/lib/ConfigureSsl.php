<?php
/**
 * configuressl.php: the client's three-step SSL configuration page, emulated from WHMCS 7.8's
 * decoded source with the 8.x changes whmcs-modules.md §2.2 lists (status "Configuration
 * Submitted", approval methods, Organization copy). Reads and writes tblsslorders/tblhosting
 * exactly where WHMCS does, and fires ClientAreaPageConfigureSSL on every rendered page.
 */

namespace CertbridgeEmulator;

final class ConfigureSsl
{
    /** English strings WHMCS shows (lang/english.php keys in the comments). */
    private static $lang = array(
        'sslinvalidlink' => 'Invalid link followed. Please go back and try again.',
        'sslerrorselectserver' => 'You must select your server type',
        'sslerrorentercsr' => 'You must enter your certificate signing request (CSR)',
        'clientareaerrorisrequired' => 'is required',
        'clientareaerrorfirstname' => 'You did not enter your first name',
        'clientareaerrorlastname' => 'You did not enter your last name',
        'clientareaerroremail' => 'You did not enter your email address',
        'clientareaerroraddress1' => 'You did not enter your address (line 1)',
        'clientareaerrorcity' => 'You did not enter your city',
        'clientareaerrorstate' => 'You did not enter your state',
        'clientareaerrorpostcode' => 'You did not enter your postcode',
        'clientareaerrorphonenumber' => 'You did not enter your phone number',
        'sslerrorapproveremail' => 'You must choose an approver email address',
    );

    const EMPTY_CSR = "-----BEGIN CERTIFICATE REQUEST-----\n\n-----END CERTIFICATE REQUEST-----";

    /** @var array tblsslorders row */
    private $order;
    /** @var array module params */
    private $params;
    /** @var string[] */
    private $errors = array();
    /** @var array list of {function, return} */
    private $moduleCalls = array();
    /** @var mixed return of the last module function */
    private $lastReturn = null;
    /** @var array Smarty variables of the rendered page */
    private $vars = array();
    /** @var array extra report fields */
    private $report = array();

    /** {call: configuressl, cert, clientId, step?, post?, get?} */
    public static function run(array $request)
    {
        $cert = Calls::requireString($request, 'cert');
        $clientId = Calls::requireInt($request, 'clientId');
        $step = isset($request['step']) && in_array((string) $request['step'], array('2', '3'), true) ? (int) $request['step'] : 1;
        $get = isset($request['get']) && is_array($request['get']) ? $request['get'] : array();
        Calls::setRequest(array(
            'get' => array_merge($get, array('cert' => $cert), $step > 1 ? array('step' => (string) $step) : array()),
            'post' => isset($request['post']) ? $request['post'] : array(),
        ));
        $_SESSION['uid'] = $clientId;

        $order = Runtime::$db->one('SELECT * FROM tblsslorders WHERE MD5(id) = ? AND userid = ?', array($cert, $clientId));
        if ($order === null) {
            return array('return' => null, 'whmcs' => array('page' => 'invalid-link', 'result' => 'invalid link', 'message' => self::$lang['sslinvalidlink']));
        }
        if ($order['module'] !== 'certbridge') {
            throw new Misuse('tblsslorders ' . $order['id'] . ' belongs to module ' . $order['module'] . '; the emulator only loads certbridge');
        }
        $page = new self($order);
        $capture = Capture::run(array($page, 'render'), array($step));
        $report = $page->finish();
        $report['output'] = $capture['output'];
        if ($capture['exception'] !== null) {
            $report['exception'] = $capture['exception'];
            $report['error'] = $capture['exception']['class'] . ': ' . $capture['exception']['message'];
        }
        return $report;
    }

    private function __construct(array $order)
    {
        $this->order = $order;
        $params = ModuleParams::forService((int) $order['serviceid']);
        $params['remoteid'] = (string) $order['remoteid'];
        $params['certtype'] = (string) $order['certtype'];
        $params['configdata'] = self::decodeConfig($order['configdata']);
        $params['sslOrder'] = ModuleParams::model('WHMCS\\Service\\Ssl', $order);
        $this->params = $params;
    }

    /** Processes step $step and renders the resulting page, as configuressl.php does. */
    public function render($step)
    {
        $service = Runtime::$db->one('SELECT h.domain, h.regdate, p.name FROM tblhosting h JOIN tblproducts p ON p.id = h.packageid WHERE h.id = ?', array((int) $this->order['serviceid']));
        $this->vars = array(
            'filename' => 'configuressl', 'cert' => $_GET['cert'], 'serviceid' => (int) $this->order['serviceid'],
            'addonId' => (int) $this->order['addon_id'], 'certtype' => $service['name'], 'date' => $service['regdate'],
            'domain' => $service['domain'], 'status' => $this->order['status'],
        );
        $input = $this->input();
        if ($step === 2) {
            $step = $this->stepTwo($input) ? 2 : 1;
        }
        if ($step === 3) {
            $this->stepThree();
        }
        if ($step === 1) {
            $this->stepOne($input);
        }
        if ($this->errors) {
            $this->vars['errormessage'] = '<li>' . implode('<li>', $this->errors);
        }
        foreach (run_hook('ClientAreaPageConfigureSSL', $this->vars) as $extra) {
            if (is_array($extra)) {
                $this->vars = array_merge($this->vars, $extra);
            }
        }
    }

    /** Contact and CSR fields: from the client record on GET, from the form on POST. */
    private function input()
    {
        $keys = array('servertype', 'csr', 'firstname', 'lastname', 'orgname', 'jobtitle', 'email', 'address1',
            'address2', 'city', 'state', 'postcode', 'country', 'phonenumber');
        $input = array();
        foreach ($keys as $key) {
            $input[$key] = isset($_REQUEST[$key]) ? $_REQUEST[$key] : '';
        }
        if (!$_POST) {
            $client = Runtime::$db->one('SELECT * FROM tblclients WHERE id = ?', array((int) $this->order['userid']));
            $map = array('firstname' => 'firstname', 'lastname' => 'lastname', 'orgname' => 'companyname', 'email' => 'email',
                'address1' => 'address1', 'address2' => 'address2', 'city' => 'city', 'state' => 'state',
                'postcode' => 'postcode', 'country' => 'country', 'phonenumber' => 'phonenumber');
            foreach ($map as $key => $column) {
                $input[$key] = (string) $client[$column];
            }
        }
        return $input;
    }

    /** Step one page: SSLStepOne every time; the form only while Awaiting Configuration. */
    private function stepOne(array $input)
    {
        $result = $this->callModule('SSLStepOne', $this->params);
        $this->report['page'] = 'stepone';
        $this->report['showForm'] = $this->order['status'] === 'Awaiting Configuration';
        $this->report['additionalfields'] = is_array($result) && isset($result['additionalfields']) ? $result['additionalfields'] : null;
        $this->report['displaydata'] = is_array($result) && isset($result['displaydata']) ? $result['displaydata'] : null;
        $vars = $input;
        if (!$vars['csr']) {
            $vars['csr'] = self::EMPTY_CSR;
        }
        $vars['displaydata'] = $this->report['displaydata'];
        $vars['additionalfields'] = $this->report['additionalfields'];
        $this->vars = array_merge($this->vars, $vars, array('templatefile' => 'configuressl-stepone'));
    }

    /** Step two: validate, save configdata, SSLStepTwo. Returns false to fall back to step one. */
    private function stepTwo(array $input)
    {
        $errors = array();
        if (!$input['servertype']) {
            $errors[] = self::$lang['sslerrorselectserver'];
        }
        if (!$input['csr'] || nl2br($input['csr']) == "-----BEGIN CERTIFICATE REQUEST-----<br />\n<br />\n-----END CERTIFICATE REQUEST-----") {
            $errors[] = self::$lang['sslerrorentercsr'];
        }
        $stepOne = $this->callModule('SSLStepOne', $this->params);
        $posted = isset($_POST['fields']) && is_array($_POST['fields']) ? $_POST['fields'] : array();
        if (is_array($stepOne) && isset($stepOne['additionalfields']) && is_array($stepOne['additionalfields'])) {
            foreach ($stepOne['additionalfields'] as $fields) {
                foreach (is_array($fields) ? $fields : array() as $key => $field) {
                    if (!empty($field['Required']) && empty($posted[$key])) {
                        $errors[] = (isset($field['FriendlyName']) ? $field['FriendlyName'] : $key) . ' ' . self::$lang['clientareaerrorisrequired'];
                    }
                }
            }
        }
        foreach (array('firstname', 'lastname', 'email', 'address1', 'city', 'state', 'postcode', 'phonenumber') as $key) {
            if (!$input[$key]) {
                $errors[] = self::$lang['clientareaerror' . $key];
            }
        }
        if ($errors) {
            $this->errors = $errors;
            return false;
        }

        $configdata = array_intersect_key($input, array_flip(array('servertype', 'csr', 'firstname', 'lastname', 'orgname',
            'jobtitle', 'email', 'address1', 'address2', 'city', 'state', 'postcode', 'country', 'phonenumber')));
        if (isset($_POST['fields']) && is_array($_POST['fields'])) {
            $configdata['fields'] = $_POST['fields'];
        }
        $result = $this->callModule('SSLStepTwo', array_merge($this->params, $configdata));
        if (is_array($result) && !empty($result['displaydata']['Organization'])) {
            $configdata['orgname'] = $result['displaydata']['Organization'];
        }
        // WHMCS saves the row (configdata included) even when SSLStepTwo reports an error.
        $this->applyModuleResult($result, $configdata);
        if (is_array($result) && !empty($result['error'])) {
            $this->errors[] = $result['error'];
            return false;
        }

        $emails = is_array($result) && isset($result['approveremails']) && is_array($result['approveremails']) ? $result['approveremails'] : array();
        $this->report['approveremails'] = $emails;
        $this->report['approvalmethods'] = is_array($result) && isset($result['approvalmethods']) ? $result['approvalmethods'] : null;
        $this->report['displaydata'] = is_array($result) && isset($result['displaydata']) ? $result['displaydata'] : null;
        if (count($emails)) {
            $this->report['page'] = 'steptwo';
            $this->vars = array_merge($this->vars, array(
                'templatefile' => 'configuressl-steptwo',
                'displaydata' => is_array($this->report['displaydata']) ? $this->report['displaydata'] : array(),
                'approveremails' => $emails,
                'approvalmethods' => $this->report['approvalmethods'],
            ));
        } else {
            // No approver list: WHMCS skips the page and redirects the browser to step 3.
            $this->report['page'] = 'redirect';
            $this->report['redirect'] = 'configuressl.php?cert=' . $_GET['cert'] . '&step=3';
        }
        return true;
    }

    /** Step three: approver choice, SSLStepThree, then the "complete" page. */
    private function stepThree()
    {
        $this->report['page'] = 'complete';
        $this->vars['templatefile'] = 'configuressl-complete';
        $email = isset($_REQUEST['approveremail']) ? $_REQUEST['approveremail'] : '';
        $method = isset($_REQUEST['approval_method']) && is_string($_REQUEST['approval_method']) ? $_REQUEST['approval_method'] : '';
        if ($_POST && function_exists('certbridge_SSLStepTwo') && ($method === '' || $method === 'email') && !$email) {
            $this->errors[] = self::$lang['sslerrorapproveremail'];
        }
        if (!$this->errors && function_exists('certbridge_SSLStepThree')) {
            $configdata = self::decodeConfig($this->currentOrder()['configdata']);
            $configdata['approveremail'] = $email;
            if ($method !== '') {
                $configdata['approvalmethod'] = $method;
            }
            $result = $this->callModule('SSLStepThree', array_merge($this->params, $configdata));
            $this->applyModuleResult($result, $configdata);
            if (is_array($result) && !empty($result['error'])) {
                $this->errors[] = $result['error'];
            }
        }
        if (!$this->errors) {
            Runtime::$db->exec("UPDATE tblsslorders SET completiondate = NOW(), status = 'Configuration Submitted' WHERE id = ?", array((int) $this->order['id']));
            if (!function_exists('certbridge_Renew') && !(int) $this->order['addon_id']) {
                Runtime::$db->exec("UPDATE tblhosting SET domainstatus = 'Completed', completed_date = CURDATE() WHERE id = ?", array((int) $this->order['serviceid']));
            }
        }
    }

    /** Saves configdata and the returned remoteid/domain, as WHMCS does after steps 2 and 3. */
    private function applyModuleResult($result, array $configdata)
    {
        $orderId = (int) $this->order['id'];
        Runtime::$db->exec('UPDATE tblsslorders SET configdata = ? WHERE id = ?', array(json_encode($configdata), $orderId));
        if (is_array($result) && !empty($result['remoteid'])) {
            Runtime::$db->exec('UPDATE tblsslorders SET remoteid = ? WHERE id = ?', array((string) $result['remoteid'], $orderId));
        }
        if (is_array($result) && !empty($result['domain'])) {
            Runtime::$db->exec('UPDATE tblhosting SET domain = ? WHERE id = ?', array((string) $result['domain'], (int) $this->order['serviceid']));
        }
    }

    /** Calls certbridge_$function and records it. */
    private function callModule($function, array $params)
    {
        $return = call_user_func('certbridge_' . $function, $params);
        $this->moduleCalls[] = array('function' => $function, 'return' => $return);
        $this->lastReturn = $return;
        return $return;
    }

    /** The tblsslorders row as it is now. */
    private function currentOrder()
    {
        return Runtime::$db->one('SELECT * FROM tblsslorders WHERE id = ?', array((int) $this->order['id']));
    }

    /** Builds the report after rendering. */
    private function finish()
    {
        $order = $this->currentOrder();
        $service = Runtime::$db->one('SELECT domain, domainstatus, completed_date FROM tblhosting WHERE id = ?', array((int) $this->order['serviceid']));
        $whmcs = array_merge(array(
            'page' => null, 'showForm' => null, 'errors' => $this->errors, 'redirect' => null,
            'approveremails' => null, 'approvalmethods' => null, 'additionalfields' => null, 'displaydata' => null,
        ), $this->report);
        $whmcs['errors'] = $this->errors;
        $whmcs['moduleCalls'] = $this->moduleCalls;
        $whmcs['templateVars'] = $this->vars;
        $whmcs['order'] = array(
            'id' => (int) $order['id'], 'status' => $order['status'], 'remoteid' => $order['remoteid'],
            'completiondate' => $order['completiondate'],
            // An object even when empty, so the report's shape does not depend on PHP's arrays.
            'configdata' => (object) self::decodeConfig($order['configdata']),
        );
        $whmcs['service'] = $service;
        return array('return' => $this->lastReturn, 'whmcs' => $whmcs);
    }

    /** configdata: JSON since WHMCS 7.3, PHP-serialized before; '' means none. */
    private static function decodeConfig($raw)
    {
        $raw = (string) $raw;
        if ($raw === '') {
            return array();
        }
        $json = json_decode($raw, true);
        if (is_array($json)) {
            return $json;
        }
        if (preg_match('/^a:\d+:\{/', $raw)) {
            $data = unserialize($raw, array('allowed_classes' => false));
            return is_array($data) ? $data : array();
        }
        return array();
    }
}
