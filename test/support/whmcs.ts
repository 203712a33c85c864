/**
 * Runs the real PHP shim inside the WHMCS runtime emulator (test/whmcs-emulator/run.php) for
 * one emulated WHMCS request and returns its JSON report. One PHP process per call, like one
 * WHMCS page load.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const EMULATOR_SCRIPT = fileURLToPath(new URL('../whmcs-emulator/run.php', import.meta.url));
export const SHIM_ROOT = fileURLToPath(new URL('../../whmcs-shim', import.meta.url));
/** The PHP CLI to use; CI images may name it differently. */
export const PHP_BINARY = process.env.CERTBRIDGE_PHP ?? 'php';

interface EmulatorBase {
  /** mysql://user:pass@host:port/db of a database holding the WHMCS fixture. */
  database: string;
  /** Folder containing modules/servers/certbridge (default: the repo's whmcs-shim). */
  shimRoot?: string;
  /** Seconds; defines CERTBRIDGE_HTTP_TIMEOUT (the shim's total HTTP timeout for every call). */
  httpTimeout?: number;
  /** $_SESSION['adminid'] / $_SESSION['uid']. */
  adminId?: number;
  clientId?: number;
}

export type LifecycleFunction = 'CreateAccount' | 'SuspendAccount' | 'UnsuspendAccount' | 'TerminateAccount' | 'Renew';
export type AdminButtonFunction = 'ResendConfigurationEmail' | 'SyncStatus' | 'CancelOrder';

/** A module function called with the service's params; lifecycle successes update tblhosting as WHMCS does. */
export interface ModuleCall extends EmulatorBase {
  call: 'module';
  function: LifecycleFunction | 'ClientArea' | 'AdminServicesTabFields' | 'SSLStepOne' | 'SSLStepTwo' | 'SSLStepThree';
  serviceId: number;
  /** Merged over the built params (top level). */
  extra?: Record<string, unknown>;
}

export interface AdminButtonCall extends EmulatorBase {
  call: 'adminbutton';
  function: AdminButtonFunction;
  serviceId: number;
  extra?: Record<string, unknown>;
}

/** WHMCS's "Test Connection": server params only. */
export interface TestConnectionCall extends EmulatorBase {
  call: 'testconnection';
  serverId: number;
  extra?: Record<string, unknown>;
}

/** A config-option Loader function (server params only); failures come back as `exception`. */
export interface LoaderCall extends EmulatorBase {
  call: 'loader';
  function: 'LoadSuppliers' | 'LoadProducts';
  serverId: number;
  extra?: Record<string, unknown>;
}

export interface StaticCall extends EmulatorBase {
  call: 'static';
  function: 'MetaData' | 'ConfigOptions' | 'AdminCustomButtonArray' | 'ClientAreaAllowedFunctions';
}

/** Fires a hook point registered by the module's hooks.php with the given vars and request. */
export interface HookCall extends EmulatorBase {
  call: 'hook';
  hookPoint: string;
  vars?: Record<string, unknown>;
  get?: Record<string, unknown>;
  post?: Record<string, unknown>;
}

/** configuressl.php?cert=…[&step=2|3] as client `clientId`, with the posted form. */
export interface ConfigureSslCall extends EmulatorBase {
  call: 'configuressl';
  cert: string;
  clientId: number;
  step?: 1 | 2 | 3;
  post?: Record<string, unknown>;
  get?: Record<string, unknown>;
}

/** clientarea.php?action=productdetails&id=serviceId&modop=custom&a=function. */
export interface ClientCustomCall extends EmulatorBase {
  call: 'clientcustom';
  serviceId: number;
  clientId: number;
  function: string;
  get?: Record<string, unknown>;
  post?: Record<string, unknown>;
}

/**
 * The addon module: Addon Modules page (config, activate, deactivate — with WHMCS's own writes
 * to tbladdonmodules and ActiveAddonModules) or addonmodules.php?module=certbridge (output,
 * with $vars from tbladdonmodules). `settings` are saved first, as the Configure form does.
 */
export interface AddonCall extends EmulatorBase {
  call: 'addon';
  function: 'config' | 'activate' | 'deactivate' | 'output';
  settings?: Record<string, string>;
  /** $_SERVER keys of the admin page request. */
  server?: { HTTP_HOST?: string; HTTPS?: string; SCRIPT_NAME?: string; SERVER_PORT?: string };
}

export type EmulatorRequest =
  | AddonCall
  | ModuleCall
  | AdminButtonCall
  | TestConnectionCall
  | LoaderCall
  | StaticCall
  | HookCall
  | ConfigureSslCall
  | ClientCustomCall;

export interface LocalApiCall {
  command: string;
  values: Record<string, unknown>;
  adminUser: string;
  result: { result: 'success' | 'error'; message?: string; [key: string]: unknown };
  /** SendEmail only: customvars decoded from base64(serialize()). */
  customvars?: Record<string, unknown>;
  /** SendEmail only: the template found by name. */
  template?: { id: number; type: string };
}

export interface ServiceState {
  domain: string;
  domainstatus: string;
  nextduedate?: string | null;
  notes?: string;
  completed_date?: string;
}

/** Call-specific facts about what WHMCS did; which keys are present depends on the call. */
export interface WhmcsReport {
  /** module / adminbutton: the tblhosting row after the call. */
  service?: ServiceState | null;
  /** clientcustom: true when the function streamed a file and ended the request. */
  finished?: boolean;
  /** clientcustom / addon: why WHMCS would not run the function. */
  denied?: string;
  /** addon: whether the addon is in ActiveAddonModules after the call, and its tbladdonmodules settings. */
  active?: boolean;
  settings?: Record<string, string>;
  /** configuressl: which page WHMCS renders ('redirect' = sent on to step 3). */
  page?: 'invalid-link' | 'stepone' | 'steptwo' | 'complete' | 'redirect' | null;
  result?: string;
  message?: string;
  showForm?: boolean | null;
  errors?: string[];
  redirect?: string | null;
  approveremails?: string[] | null;
  approvalmethods?: string[] | null;
  additionalfields?: Record<string, unknown> | null;
  displaydata?: Record<string, unknown> | null;
  moduleCalls?: { function: string; return: unknown }[];
  templateVars?: Record<string, unknown>;
  order?: { id: number; status: string; remoteid: string; completiondate: string; configdata: Record<string, unknown> };
}

export interface EmulatorResult<R = any> {
  /** What the module function returned to WHMCS. */
  return: R;
  localApi: LocalApiCall[];
  activity: { description: string; userId: number }[];
  hooks: { registered: Record<string, number>; fired: { hookPoint: string; results: unknown[] }[] };
  /** Echoed output (not a download body). */
  output: string;
  /** Response headers the shim sent (recorded by certbridge_send_header). */
  headers: string[];
  /** A streamed download's bytes, or null. */
  bodyBase64: string | null;
  /** Every PHP warning/notice/deprecation raised in the process; the shim must raise none. */
  warnings: string[];
  /** An uncaught exception or fatal error in the shim or emulator, else null. */
  error: string | null;
  exception: { class: string; message: string; at?: string } | null;
  whmcs: WhmcsReport;
}

/**
 * Runs one emulated request. Throws when PHP itself fails or the request is misused (exit 2),
 * with PHP's stderr in the message; shim failures are in the returned report instead.
 */
export function runWhmcs<R = any>(request: EmulatorRequest, opts: { timeoutMs?: number } = {}): Promise<EmulatorResult<R>> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      PHP_BINARY,
      [EMULATOR_SCRIPT],
      { timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`whmcs emulator failed (${err.message.split('\n')[0]}):\n${stderr}\n${stdout}`));
          return;
        }
        try {
          resolve(JSON.parse(stdout) as EmulatorResult<R>);
        } catch {
          reject(new Error(`whmcs emulator printed no JSON report:\nstdout: ${stdout}\nstderr: ${stderr}`));
        }
      },
    );
    child.stdin?.on('error', () => undefined); // PHP exiting early surfaces through the callback
    child.stdin?.end(JSON.stringify(request));
  });
}

/** md5 hex of a string, e.g. configuressl.php's cert = md5Hex(String(tblsslorders.id)). */
export function md5Hex(s: string): string {
  return createHash('md5').update(s).digest('hex');
}

/** The header value a download sent, case-insensitively ('' when absent). */
export function headerValue(result: Pick<EmulatorResult, 'headers'>, name: string): string {
  const prefix = `${name.toLowerCase()}:`;
  const line = result.headers.find((h) => h.toLowerCase().startsWith(prefix));
  return line ? line.slice(prefix.length).trim() : '';
}
