# claude-preflight.ps1: checks the credential Claude Code would use in this shell, before a long session or in CI.
# Made by Claude Code auth doctor for PowerShell (Windows PowerShell 5.1 or PowerShell 7). Intended method:
# @@INTENDED_NAME@@.@@CMD_NOTE@@
# It holds no secret and never prints one: values appear masked (known prefix, last four characters, length).
#
#   .\claude-preflight.ps1           one verdict line on standard output, and the exit code:
#                                    0 ready, 1 the credential was rejected, 2 a local problem found before any
#                                    call, 3 the API could not be reached or did not answer as the API
#   .\claude-preflight.ps1 -Report   a masked report to paste into the auth doctor ("What your machine shows")
#
# It ranks credentials the way Claude Code does: @@ORDER@@.
# Sources: the environment; the settings files' "env" blocks and apiKeyHelper (user: $env:CLAUDE_CONFIG_DIR or
# ~\.claude; project: .\.claude, so run it from the project root; managed), a settings value beating the shell's
# and "" cancelling it. The API check is the free GET $env:ANTHROPIC_BASE_URL/v1/models (@@DEFAULT_URL@@ when
# unset). A /login, a setup-token and a profile are checked with `claude auth status` (given the settings files'
# "env" values, as a session here has them), which does not ask the server. Limits: apiKeyHelper is run as Claude
# Code runs it (cmd /c on Windows, sh -c elsewhere); the time limit is $env:CLAUDE_PREFLIGHT_TIMEOUT seconds
# (default 15) per step.
param([switch]$Report)
Set-PSDebug -Off
Set-StrictMode -Off
$ErrorActionPreference = 'Stop'

$Intended = '@@INTENDED@@'
$TeamUrl = '@@TEAM_URL@@'
$Vars = @(@@PS_VARS@@)
$Secrets = @(@@PS_SECRETS@@)
$IntendedCodes = @(@@PS_INTENDED_CODES@@)
$Limit = 15
if ("$env:CLAUDE_PREFLIGHT_TIMEOUT" -match '^[0-9]+$') { $Limit = [int]$env:CLAUDE_PREFLIGHT_TIMEOUT }
$OnWindows = [System.IO.Path]::DirectorySeparatorChar -eq '\'

function Write-Verdict([int]$Code, [string]$Word, [string]$Text) {
    Write-Output "claude-preflight: ${Word}: $Text"
    exit $Code
}

function Test-Truthy([string]$Value) { return @('1', 'true', 'yes', 'on') -contains "$Value".ToLowerInvariant() }

function Format-Home([string]$Path) {
    if ($Path.StartsWith("$HOME")) { return '~' + $Path.Substring("$HOME".Length).Replace('\', '/') }
    return $Path
}

# The settings files, lowest precedence first.
function Get-SettingsFiles {
    $userDir = if ($env:CLAUDE_CONFIG_DIR) { $env:CLAUDE_CONFIG_DIR } else { Join-Path $HOME '.claude' }
    @(
        @{ Scope = 'user'; Path = Join-Path $userDir 'settings.json' },
        @{ Scope = 'project'; Path = Join-Path (Get-Location) '.claude/settings.json' },
        @{ Scope = 'local'; Path = Join-Path (Get-Location) '.claude/settings.local.json' },
        @{ Scope = 'managed'; Path = 'C:\Program Files\ClaudeCode\managed-settings.json' },
        @{ Scope = 'managed'; Path = '/Library/Application Support/ClaudeCode/managed-settings.json' },
        @{ Scope = 'managed'; Path = '/etc/claude-code/managed-settings.json' }
    ) | Where-Object { Test-Path -LiteralPath $_.Path -PathType Leaf }
}

# The tracked "env" members and apiKeyHelper of a settings file, as name/value pairs (returned with the unary comma,
# so that PowerShell does not unroll a single pair into its two strings).
function Read-Settings([string]$Path) {
    $pairs = @()
    try { $json = Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json } catch { return , $pairs }
    if ($null -ne $json.env) {
        foreach ($p in $json.env.PSObject.Properties) {
            if ($Vars -contains $p.Name -and $null -ne $p.Value) { $pairs += , @($p.Name, [string]$p.Value) }
        }
    }
    if ($null -ne $json.apiKeyHelper) { $pairs += , @('apiKeyHelper', [string]$json.apiKeyHelper) }
    return , $pairs
}

$Settings = @{}
foreach ($file in Get-SettingsFiles) {
    foreach ($pair in Read-Settings $file.Path) { $Settings[$pair[0]] = @{ Value = $pair[1]; Where = (Format-Home $file.Path) } }
}

# The value Claude Code sees for a variable or apiKeyHelper.
function Get-Effective([string]$Name) {
    if ($Settings.ContainsKey($Name)) {
        return @{ Set = $true; Value = $Settings[$Name].Value; Where = $Settings[$Name].Where; FromSettings = $true }
    }
    if ($Name -eq 'apiKeyHelper') { return @{ Set = $false; Value = ''; Where = ''; FromSettings = $false } }
    $v = [Environment]::GetEnvironmentVariable($Name)
    if ($null -eq $v) { return @{ Set = $false; Value = ''; Where = ''; FromSettings = $false } }
    return @{ Set = $true; Value = $v; Where = 'the environment'; FromSettings = $false }
}

$base = (Get-Effective 'ANTHROPIC_BASE_URL').Value
if (-not $base) { $base = $TeamUrl }
if (-not $base) { $base = 'https://api.anthropic.com' }
$base = $base.TrimEnd('/')
$Anthropic = ($base -match '^https://api\.anthropic\.com(/|$)') -and ($Intended -ne 'gateway')

# What makes a value unusable in a variable: Codes (key-check finding codes), Wrong and Why.
function Get-Damage([string]$Value, [string]$Name) {
    $codes = New-Object System.Collections.Generic.List[string]
    $why = New-Object System.Collections.Generic.List[string]
    $wrong = $false
    function Add-Problem([string]$Code, [string]$Text) { if (-not $codes.Contains($Code)) { $codes.Add($Code); $why.Add($Text) } }
    if ($Value -match '[\r\n]') { Add-Problem 'line-break' 'a line break inside it' }
    if ($Value -match '^\s|\s$') { Add-Problem 'surrounding-whitespace' 'spaces around it' }
    if ($Value -match "[`"']") { Add-Problem 'quotes' 'quotes in it' }
    if ($Value -cmatch '[^\x21-\x7e]') { Add-Problem 'invisible-char' 'an invisible, control or non-ASCII character' }
    if ($Value -match '\.\.\.|\*\*\*') { Add-Problem 'masked' 'a masked copy, not the value' }
    if ($Name -eq 'ANTHROPIC_API_KEY' -and $Value.StartsWith('sk-ant-oat')) {
        $wrong = $true; $why.Add('an OAuth token, which belongs in CLAUDE_CODE_OAUTH_TOKEN')
    } elseif ($Value -match '^sk-ant-(ort|sid|admin)') {
        $wrong = $true; $why.Add('a credential that is never sent (a refresh token, a session cookie or an Admin key)')
    } elseif ($Name -eq 'CLAUDE_CODE_OAUTH_TOKEN' -and -not $Value.StartsWith('sk-ant-oat01-')) {
        $wrong = $true; $why.Add('something other than an OAuth token from claude setup-token')
    } elseif ($Name -eq 'ANTHROPIC_AUTH_TOKEN' -and $Value.StartsWith('sk-ant-api') -and $Anthropic) {
        $wrong = $true; $why.Add('a Console API key, which api.anthropic.com does not take as Bearer; it belongs in ANTHROPIC_API_KEY')
    } elseif ($Name -eq 'ANTHROPIC_API_KEY' -and $Value.StartsWith('sk-ant-api03-') -and $Anthropic -and $codes.Count -eq 0 -and $Value.Length -ne 108) {
        Add-Problem 'truncated' 'not the 108 characters of a Console API key'
    }
    return @{ Codes = $codes; Wrong = $wrong; Why = ($why -join '; ') }
}

# A masked form for the report: known prefix, "...", last four, length, problems.
function Format-Masked([string]$Value, [string]$Name) {
    $prefix = ''
    if ($Value -cmatch '^(sk-ant-[a-z0-9]{1,8}-)') { $prefix = $Matches[1] }
    $last = ''
    if ($Value.Length -ge 16) {
        $last = $Value.Substring($Value.Length - 4)
        if ($last -cnotmatch '^[A-Za-z0-9_-]{4}$') { $last = '' }
    }
    $d = Get-Damage $Value $Name
    $note = "$($Value.Length) chars"
    if ($d.Codes.Count -gt 0) { $note += '; ' + ($d.Codes -join ', ') }
    if ("$prefix$last") { return "$prefix...$last ($note)" }
    return "($note)"
}

function Format-Shown([string]$Value, [string]$Name) {
    if ($Value -eq '') { return '""' }
    if ($Secrets -contains $Name) { return Format-Masked $Value $Name }
    return ($Value -replace '^([a-z]+://)[^/@]*@', '$1')
}

# Runs a program for at most $Limit seconds; returns its exit code (-1 on time-out) and output. -WithSettings gives it
# the settings files' "env" values ("" removes the variable) for `claude auth status`, which does not read the
# project's settings (Claude Code 2.1.332) while a session here does.
function Invoke-Bounded([string]$File, [string[]]$Arguments, [switch]$WithSettings) {
    $info = New-Object System.Diagnostics.ProcessStartInfo
    $info.FileName = $File
    if ($WithSettings) {
        foreach ($name in $Vars) {
            if (-not $Settings.ContainsKey($name)) { continue }
            if ($Settings[$name].Value -eq '') { $info.EnvironmentVariables.Remove($name) } else { $info.EnvironmentVariables[$name] = $Settings[$name].Value }
        }
    }
    $info.Arguments = ($Arguments | ForEach-Object { if ($_ -match '[\s"]') { '"' + ($_ -replace '"', '\"') + '"' } else { $_ } }) -join ' '
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info.RedirectStandardInput = $true
    $info.UseShellExecute = $false
    $process = [System.Diagnostics.Process]::Start($info)
    $process.StandardInput.Close()
    $out = $process.StandardOutput.ReadToEndAsync()
    # Read and discarded, so that a chatty program never blocks on a full pipe.
    [void]$process.StandardError.ReadToEndAsync()
    if (-not $process.WaitForExit($Limit * 1000)) {
        try { $process.Kill() } catch { }
        return @{ Code = -1; Output = '' }
    }
    return @{ Code = $process.ExitCode; Output = $out.GetAwaiter().GetResult() }
}

function Find-Claude { return Get-Command claude -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 }

function Show-Report {
    Write-Output '== claude-preflight report =='
    Write-Output 'shell: powershell'
    Write-Output "intended: $Intended"
    Write-Output '== environment =='
    foreach ($name in $Vars) {
        $v = [Environment]::GetEnvironmentVariable($name)
        if ($null -ne $v) { Write-Output "$name=$(Format-Shown $v $name)" }
    }
    foreach ($file in Get-SettingsFiles) {
        Write-Output "== settings $($file.Scope) $(Format-Home $file.Path) =="
        foreach ($pair in Read-Settings $file.Path) {
            if ($pair[0] -eq 'apiKeyHelper') {
                if ($pair[1] -eq '') { Write-Output 'apiKeyHelper=""' } else { Write-Output "apiKeyHelper=($($pair[1].Length) chars)" }
            } else {
                Write-Output "env.$($pair[0])=$(Format-Shown $pair[1] $pair[0])"
            }
        }
    }
    Write-Output '== profile lines =='
    $names = $Vars -join '|'
    $files = @($PROFILE.CurrentUserAllHosts, $PROFILE.CurrentUserCurrentHost, (Join-Path (Get-Location) '.env'), (Join-Path (Get-Location) '.env.local')) |
        Where-Object { $_ -and (Test-Path -LiteralPath $_ -PathType Leaf) }
    foreach ($file in $files) {
        $number = 0
        foreach ($line in Get-Content -LiteralPath $file) {
            $number++
            if ($line -match "^\s*(\`$env:|\[Environment\]::SetEnvironmentVariable\(\s*['`"]|export\s+)?($names)['`"]?\s*[=,]\s*(.*)$") {
                $name = $Matches[2]
                $v = $Matches[3].Trim().TrimEnd(')').Trim()
                if ($v -match "^'([^']*)'") { $v = $Matches[1] } elseif ($v -match '^"([^"]*)"') { $v = $Matches[1] } else { $v = ($v -split '[\s;#,]')[0] }
                if ($v -match '[$`]') { $shown = '(computed)' } else { $shown = Format-Shown $v $name }
                Write-Output "$(Format-Home $file):${number}: $name=$shown"
            }
        }
    }
    Write-Output '== claude --version =='
    $claude = Find-Claude
    if ($claude) {
        $r = Invoke-Bounded $claude.Source @('--version')
        Write-Output (($r.Output -split "`n")[0])
        Write-Output '== claude auth status =='
        $r = Invoke-Bounded $claude.Source @('auth', 'status') -WithSettings
        Write-Output $r.Output.TrimEnd()
        if ($r.Code -eq -1) { Write-Output "(no answer within ${Limit}s)" } else { Write-Output "(exit $($r.Code))" }
    } else {
        Write-Output '(claude not found on PATH)'
    }
    Write-Output '== end of report =='
}

# Sends the credential to GET $base/v1/models (in-process: the value never appears on a command line) and exits
# with the verdict.
function Invoke-ModelsCheck([hashtable]$Headers, [string]$What, [string]$Secret) {
    Add-Type -AssemblyName System.Net.Http
    $client = New-Object System.Net.Http.HttpClient
    $client.Timeout = [TimeSpan]::FromSeconds($Limit)
    $request = New-Object System.Net.Http.HttpRequestMessage([System.Net.Http.HttpMethod]::Get, "$base/v1/models")
    foreach ($h in $Headers.GetEnumerator()) { [void]$request.Headers.TryAddWithoutValidation($h.Key, $h.Value) }
    [void]$request.Headers.TryAddWithoutValidation('anthropic-version', '2023-06-01')
    try {
        $response = $client.SendAsync($request).GetAwaiter().GetResult()
    } catch [System.Threading.Tasks.TaskCanceledException] {
        Write-Verdict 3 'unreachable' "no answer from $base within ${Limit}s"
    } catch {
        Write-Verdict 3 'unreachable' "cannot reach $base ($($_.Exception.GetBaseException().Message))"
    }
    $status = [int]$response.StatusCode
    $body = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    if ($body.Length -gt 4096) { $body = $body.Substring(0, 4096) }
    $json = $body -match '^\s*\{'
    $message = ''
    if ($body -match '"message"\s*:\s*"([^"]*)"') { $message = $Matches[1] }
    if ($message.Length -gt 200) { $message = $message.Substring(0, 200) }
    if ($Secret -and $message.Contains($Secret)) { $message = '(message hidden: it repeats the credential)' }
    $withMessage = if ($message) { " $message" } else { '' }
    if ($status -ge 200 -and $status -lt 300) {
        if ($json -and $body.Contains('"data"')) { Write-Verdict 0 'ready' "$What accepted by $base (GET /v1/models: $status)" }
        Write-Verdict 3 'unreachable' "$base answered $status but not as the API (no models list: a captive portal, a proxy page or a wrong base URL?)"
    }
    if (@(400, 401, 402, 403) -contains $status -and $json) { Write-Verdict 1 'rejected' "$base refused $What ($status$withMessage)" }
    if ($status -eq 404 -and $json -and $body.Contains('"error"')) { Write-Verdict 1 'rejected' "$base refused $What ($status${withMessage}: a disabled key, or a wrong base URL path)" }
    Write-Verdict 3 'unreachable' "$base answered $status, not as the API$withMessage (a proxy, a firewall, a gateway error or a wrong base URL?)"
}

# Asks `claude auth status` and exits with the verdict.
function Test-Login([string]$Found, [string]$Checked) {
    $claude = Find-Claude
    if (-not $claude) { Write-Verdict 2 'local problem' "$Found, and claude is not on PATH to check a /login" }
    $r = Invoke-Bounded $claude.Source @('auth', 'status') -WithSettings
    if ($r.Code -eq -1) { Write-Verdict 2 'local problem' "claude auth status did not answer within ${Limit}s" }
    $flat = $r.Output -replace '\s', ''
    $method = if ($flat -match '"authMethod":"([^"]*)"') { $Matches[1] } else { 'method not shown' }
    $in = if ($flat.Contains('"loggedIn":true')) { $true } elseif ($flat.Contains('"loggedIn":false')) { $false } else { $r.Code -eq 0 }
    if ($in) { Write-Verdict 0 'ready' "claude auth status: logged in ($method) for $Checked$Note; it does not check the login with the server" }
    Write-Verdict 2 'local problem' "$Found; claude auth status: not logged in (run: claude auth login)"
}

if ($Report) { Show-Report; exit 0 }

# An empty credential variable in the environment (a settings "" cancels on purpose and is fine).
foreach ($name in $Secrets) {
    $e = Get-Effective $name
    if ($e.Set -and $e.Value -eq '' -and -not $e.FromSettings) { Write-Verdict 2 'local problem' "$name is set but empty (remove it, or set the value)" }
}

# The credential Claude Code would use: the first usable one in its order.
$Win = $null
@@PICK@@
if (-not $Win) { $Win = @{ Code = 'login'; Name = '/login'; Where = ''; Value = '' } }

$Note = ''
if ($IntendedCodes -notcontains $Win.Code) {
    if (@('bedrock', 'vertex', 'foundry', 'mantle', 'anthropic-aws') -contains $Win.Code) {
        Write-Verdict 2 'local problem' "$($Win.Name) (from $($Win.Where)) switches Claude Code to a cloud provider, not @@INTENDED_NAME@@; ANTHROPIC_* credentials and /login are then unused"
    }
    if ($Intended -eq 'subscription') { Write-Verdict 2 'local problem' "$($Win.Name) (from $($Win.Where)) would be used instead of your /login; remove it" }
    $Note = ', not @@INTENDED_NAME@@ as intended'
}
if (@('bedrock', 'vertex', 'foundry', 'mantle', 'anthropic-aws') -contains $Win.Code) {
    Write-Verdict 0 'ready' "$($Win.Name) (from $($Win.Where)) selects a cloud provider; its credentials are not checked here"
}

# Two credentials that would both go out.
$key = Get-Effective 'ANTHROPIC_API_KEY'
if ($key.Value) {
    $token = Get-Effective 'ANTHROPIC_AUTH_TOKEN'
    if ($token.Value) { Write-Verdict 2 'local problem' "ANTHROPIC_AUTH_TOKEN (from $($token.Where)) and ANTHROPIC_API_KEY (from $($key.Where)) are both set: keep one" }
    $helper = Get-Effective 'apiKeyHelper'
    if ($helper.Value) { Write-Verdict 2 'local problem' "apiKeyHelper (in $($helper.Where)) and ANTHROPIC_API_KEY (from $($key.Where)) are both set: keep one" }
}

$what = "$($Win.Name) from $($Win.Where)$Note"
switch ($Win.Code) {
    'api-key-helper' {
        $r = if ($OnWindows) { Invoke-Bounded 'cmd.exe' @('/d', '/s', '/c', $Win.Value) } else { Invoke-Bounded '/bin/sh' @('-c', $Win.Value) }
        $secret = "$($r.Output)".TrimEnd("`r", "`n")
        if ($r.Code -ne 0 -or -not $secret) { Write-Verdict 2 'local problem' "apiKeyHelper (in $($Win.Where)) failed or printed nothing (exit $($r.Code))" }
        $d = Get-Damage $secret 'apiKeyHelper'
        if ($d.Codes.Count -gt 0) { Write-Verdict 2 'local problem' "apiKeyHelper output has $($d.Why) ($($d.Codes -join ', '))" }
        Invoke-ModelsCheck @{ 'x-api-key' = $secret; 'Authorization' = "Bearer $secret" } $what $secret
    }
    { @('auth-token', 'api-key', 'oauth-token') -contains $_ } {
        $d = Get-Damage $Win.Value $Win.Name
        if ($d.Codes.Count -gt 0 -or $d.Wrong) {
            $codes = if ($d.Codes.Count -gt 0) { " ($($d.Codes -join ', '))" } else { '' }
            Write-Verdict 2 'local problem' "$($Win.Name) (from $($Win.Where)) has $($d.Why)$codes"
        }
        if ($Win.Code -eq 'auth-token') { Invoke-ModelsCheck @{ 'Authorization' = "Bearer $($Win.Value)" } $what $Win.Value }
        if ($Win.Code -eq 'api-key') { Invoke-ModelsCheck @{ 'x-api-key' = $Win.Value } $what $Win.Value }
        Test-Login 'CLAUDE_CODE_OAUTH_TOKEN is well-formed' 'CLAUDE_CODE_OAUTH_TOKEN'
    }
    'profile' { Test-Login "$($Win.Name) is set (from $($Win.Where))" $Win.Name }
    default { Test-Login 'no credential in the environment or the settings files' 'your /login' }
}
