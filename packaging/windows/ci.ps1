# Helpers for .github/workflows/windows.yml (dot-source: . packaging\windows\ci.ps1).
$ErrorActionPreference = 'Stop'

function Format-Arguments([string[]] $Arguments) {
    # one command line, each argument quoted as the C runtime expects
    ($Arguments | ForEach-Object {
        if ($_ -match '[\s"]' -or $_ -eq '') { '"' + ($_ -replace '(\\*)"', '$1$1\"' -replace '(\\+)$', '$1$1') + '"' } else { $_ }
    }) -join ' '
}

function Invoke-Captured([string] $Program, [string[]] $Arguments, [string] $Out, [string] $Err) {
    # runs a program with stdout and stderr redirected to files, byte for byte (no PowerShell
    # re-encoding), waits for it and returns its exit code
    $process = Start-Process -FilePath $Program -ArgumentList (Format-Arguments $Arguments) `
        -RedirectStandardOutput $Out -RedirectStandardError $Err -NoNewWindow -Wait -PassThru
    return $process.ExitCode
}
