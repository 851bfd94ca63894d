# Windows build: dist\EvidenceDesk\ (one folder), its --self-test, then the per-user installer
# dist\installer\EvidenceDesk-<version>-setup.exe (needs Inno Setup 6: choco install innosetup).
#   powershell -ExecutionPolicy Bypass -File packaging\build-windows.ps1
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..")
$python = if ($env:PYTHON) { $env:PYTHON } else { ".venv\Scripts\python.exe" }
if (-not (Test-Path $python)) {
    py -3.11 -m venv .venv
    & .venv\Scripts\python.exe -m pip install --upgrade pip
    & .venv\Scripts\python.exe -m pip install -e ".[dev]"
    $python = ".venv\Scripts\python.exe"
}
& $python packaging\build.py --self-test --installer @args
if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
