; Inno Setup 6 script: per-user installer for Evidence Desk (no administrator rights needed).
;
;   ISCC /DAppVersion=0.1.0 /DSourceDir=dist\EvidenceDesk /DIconFile=build\icons\evidence-desk.ico ^
;        /Odist\installer packaging\windows\evidence-desk.iss
;
; packaging\build.py --installer passes these. The program goes to
; %LOCALAPPDATA%\Programs\Evidence Desk; evidence stores live elsewhere (by default
; %LOCALAPPDATA%\EvidenceDesk\store, or any folder the user chose) and are never touched:
; the uninstaller deletes only the files this installer put down, plus the program folder's
; own caches. It never deletes a store, a backup or a bundle - losing evidence to an uninstall
; is not an acceptable failure mode.
;
; Signing (packaging\README.md, "Signing"): when the company's code-signing certificate is
; configured, build.py signs the programs in dist\EvidenceDesk and passes
;   /DSignBuild=1 "/Sevidencedesk=<signtool.exe> sign /fd sha256 /tr <timestamp> /td sha256 ... $f"
; so that Setup and its uninstaller are signed with the same certificate. Without a certificate
; the installer is built unsigned (and SmartScreen will warn): nothing here needs a secret.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\EvidenceDesk"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\evidence-desk.ico"
#endif

[Setup]
AppId={{6A0C3D52-7F1B-4C59-9E1D-3B8E5F2A9C41}
AppName=Evidence Desk
AppVersion={#AppVersion}
AppVerName=Evidence Desk {#AppVersion}
AppPublisher=Evidence Desk
VersionInfoVersion={#AppVersion}
; per-user: no UAC prompt, installs under the user's profile
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
DefaultDirName={autopf}\Evidence Desk
DefaultGroupName=Evidence Desk
DisableProgramGroupPage=yes
OutputBaseFilename=EvidenceDesk-{#AppVersion}-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\EvidenceDesk.exe
UninstallDisplayName=Evidence Desk {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; an upgrade closes a running copy first, so no file is replaced while in use
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto
#ifdef SignBuild
; the sign tool named "evidencedesk" is given on ISCC's command line (/S), see build.py
SignTool=evidencedesk
SignedUninstaller=yes
#endif

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
; Inno Setup ships Chinese Simplified as an unofficial translation; use it when present
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh_CN"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; an upgrade replaces the whole runtime: DLLs, Qt plugins and Python modules a newer build no
; longer ships must not linger (a stale Qt plugin or .pyd is loaded and crashes). Runs before
; [Files] copies anything; {app}\_internal holds only what the installer put there.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; start in the local profile, not Documents (usually redirected to OneDrive: a store created
; from a relative path, or a file dialog's first folder, must not land in a sync folder)
Name: "{group}\Evidence Desk"; Filename: "{app}\EvidenceDesk.exe"; WorkingDir: "{localappdata}"
; the self-test's console stays open until Enter when started from here (selftest.py)
Name: "{group}\Evidence Desk self-test"; Filename: "{app}\evidence-desk.exe"; Parameters: "--self-test"; WorkingDir: "{localappdata}"
Name: "{group}\{cm:UninstallProgram,Evidence Desk}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\Evidence Desk"; Filename: "{app}\EvidenceDesk.exe"; WorkingDir: "{localappdata}"; Tasks: desktopicon

[Run]
Filename: "{app}\EvidenceDesk.exe"; Description: "{cm:LaunchProgram,Evidence Desk}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; only Python bytecode caches the program itself may have written inside {app}
Type: filesandordirs; Name: "{app}\_internal\__pycache__"

[Code]
// Refuse to install into a folder that holds an evidence store, so that an uninstall (which
// removes {app}) can never take a store with it.
function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = wpSelectDir) and FileExists(AddBackslash(WizardDirValue) + 'store.json') then
  begin
    MsgBox('This folder holds an Evidence Desk store. Choose another folder for the program.',
      mbError, MB_OK);
    Result := False;
  end;
end;

function InitializeUninstall(): Boolean;
begin
  Result := True;
  if FileExists(ExpandConstant('{app}\store.json')) then
  begin
    MsgBox('An evidence store was found in the program folder; the uninstaller will not ' +
      'remove it. Move it to another folder first.', mbError, MB_OK);
    Result := False;
  end;
end;
