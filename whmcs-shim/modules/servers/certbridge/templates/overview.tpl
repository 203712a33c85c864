{* certbridge: SSL certificate panel on the client's service overview (twenty-one / Bootstrap 4).
   Variables come from the server's ClientArea reply (templateVariables); {$serviceid} and {$token}
   are WHMCS's own. Every variable is escaped: the data includes client-supplied domains. *}
<div class="card certbridge-overview mb-3">
    <div class="card-body">
        <h3 class="card-title">
            SSL Certificate
            {if $state eq 'issued'}
                <span class="badge badge-success">{$stateLabel|escape}</span>
            {elseif $state eq 'awaiting_configuration'}
                <span class="badge badge-warning">{$stateLabel|escape}</span>
            {elseif $state eq 'queued' or $state eq 'pending_validation' or $state eq 'processing'}
                <span class="badge badge-info">{$stateLabel|escape}</span>
            {else}
                <span class="badge badge-secondary">{$stateLabel|escape}</span>
            {/if}
        </h3>

        {if $domain}
            <p class="mb-2"><strong>Domain:</strong> {$domain|escape}</p>
        {/if}

        {if $message}
            <div class="alert alert-info" role="status">{$message|escape}</div>
        {/if}

        {if $configureUrl}
            <p>
                <a href="{$configureUrl|escape}" class="btn btn-primary">
                    <i class="fas fa-lock"></i> Configure SSL Certificate
                </a>
            </p>
        {/if}

        {if $validation}
            <h4 class="h5 mt-3">Domain validation</h4>
            <div class="table-responsive">
                <table class="table table-sm table-striped">
                    <thead>
                        <tr><th>Domain</th><th>Method</th><th>What to do</th><th>Status</th></tr>
                    </thead>
                    <tbody>
                        {foreach $validation as $item}
                            <tr>
                                <td>{$item.domain|escape}</td>
                                <td>{if $item.methodLabel}{$item.methodLabel|escape}{else}{$item.method|escape}{/if}</td>
                                <td>
                                    {if $item.email}
                                        Approve the e-mail sent to <strong>{$item.email|escape}</strong>.
                                    {/if}
                                    {if $item.dnsHost}
                                        Create a DNS <code>{$item.dnsType|escape}</code> record
                                        <code>{$item.dnsHost|escape}</code> with the value
                                        <code class="text-break">{$item.dnsValue|escape}</code>.
                                    {/if}
                                    {if $item.httpUrl}
                                        Publish <code class="text-break">{$item.httpUrl|escape}</code> containing
                                        <pre class="mb-0"><code>{$item.httpContent|escape}</code></pre>
                                    {/if}
                                </td>
                                <td>{$item.status|escape}</td>
                            </tr>
                        {/foreach}
                    </tbody>
                </table>
            </div>
        {/if}

        {if $issuer or $validFrom or $validTo or $names}
            <dl class="row mt-3 mb-0">
                {if $issuer}<dt class="col-sm-3">Issuer</dt><dd class="col-sm-9">{$issuer|escape}</dd>{/if}
                {if $validFrom}<dt class="col-sm-3">Valid from</dt><dd class="col-sm-9">{$validFrom|escape}</dd>{/if}
                {if $validTo}<dt class="col-sm-3">Valid until</dt><dd class="col-sm-9">{$validTo|escape}</dd>{/if}
                {if $names}<dt class="col-sm-3">Names</dt><dd class="col-sm-9">{foreach $names as $name}{$name|escape}{if !$name@last}, {/if}{/foreach}</dd>{/if}
                {if $fingerprint}<dt class="col-sm-3">SHA-256 fingerprint</dt><dd class="col-sm-9"><code class="text-break">{$fingerprint|escape}</code></dd>{/if}
            </dl>
        {/if}

        {if $downloads}
            <h4 class="h5 mt-3">Download</h4>
            {* POST forms carry WHMCS's CSRF token and keep the PFX password out of URLs and logs. *}
            <div class="d-flex flex-wrap">
                {foreach $downloads as $download}
                    {if $download.format ne 'pfx'}
                        <form method="post" class="mr-2 mb-2"
                              action="clientarea.php?action=productdetails&amp;id={$serviceid|escape:'url'}&amp;modop=custom&amp;a=download&amp;format={$download.format|escape:'url'}">
                            <input type="hidden" name="token" value="{$token|escape}">
                            <input type="hidden" name="format" value="{$download.format|escape}">
                            <button type="submit" class="btn btn-outline-secondary btn-sm">
                                <i class="fas fa-download"></i> {$download.label|escape}
                            </button>
                        </form>
                    {/if}
                {/foreach}
            </div>
            {foreach $downloads as $download}
                {if $download.format eq 'pfx'}
                    <form method="post" class="form-inline mt-2"
                          action="clientarea.php?action=productdetails&amp;id={$serviceid|escape:'url'}&amp;modop=custom&amp;a=download&amp;format=pfx">
                        <input type="hidden" name="token" value="{$token|escape}">
                        <input type="hidden" name="format" value="pfx">
                        <label class="sr-only" for="certbridge-pfxpassword">PFX password</label>
                        <input type="password" class="form-control form-control-sm mr-2 mb-2" id="certbridge-pfxpassword"
                               name="pfxpassword" placeholder="Password for the PFX file" autocomplete="new-password" required>
                        <button type="submit" class="btn btn-outline-secondary btn-sm mb-2">
                            <i class="fas fa-download"></i> {$download.label|escape}
                        </button>
                    </form>
                {/if}
            {/foreach}
        {/if}
    </div>
</div>
